package org.operando.cli.saxstomo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.operando.cli.swaxs.SwaxsExperiment;
import org.operando.cli.swaxs.SwaxsPipeline;
import org.operando.data.Axis;
import org.operando.data.CurveSet;
import org.operando.geometry.Geometry;
import org.operando.integrate.Split;
import org.operando.io.hdf5.Hdf5Arrays;
import org.operando.io.poni.PoniFile;
import org.operando.swaxs.SwaxsScan;
import org.operando.util.InvalidInputException;
import org.operando.util.ProgressListener;

/**
 * One electrode's scanning-SAXS tomography dataset: NeXus masters {@code DIR/raw/*_master.h5}, one per projection
 * (the layout of {@code operando simulate saxstomo} and {@code simulate swaxs}), each a raster of translations ×
 * heights with SAXS frames and a diode, and the rotation angle in {@code /entry/sample/rotation_angle} (degrees).
 * Reading integrates every frame with the SWAXS integration path ({@link SwaxsPipeline#integrate}: streamed,
 * parallel, masks, solid angle and polarization), re-bins to the analysis q-bins, divides by the transmission and,
 * when the incident flux is known, scales to absolute line integrals of dΣ/dΩ: sinograms per q-bin.
 */
final class SaxsTomoDataset {
    /** Dataset of the rotation angle in each master. */
    static final String ANGLE_PATH = "/entry/sample/rotation_angle";
    static final String FLUX_PATH = "/entry/instrument/beam/flux";

    /**
     * Sinograms of one electrode.
     *
     * @param name      dataset name (the folder's name)
     * @param anglesDeg rotation angle per projection
     * @param channels  [q-bin][projection][row · n + translation]: ∫dΣ/dΩ dl (sr⁻¹) when {@code absolute}, else
     *                  transmission-corrected intensity (counts/s, relative solid angle)
     * @param rows      raster rows (heights) = slices
     * @param n         translations per row
     * @param stepXUm   translation step (µm)
     * @param stepYUm   height step (µm)
     * @param absolute  intensities are absolute (flux known)
     * @param transmission per projection and point
     */
    record Sinograms(String name, Path dir, double[] anglesDeg, float[][][] channels, int rows, int n, double stepXUm,
                     double stepYUm, boolean absolute, float[][] transmission, Axis q) { }

    private SaxsTomoDataset() { }

    /** Masters of a dataset folder, sorted by name. */
    static List<Path> masters(Path dir) {
        Path raw = dir.resolve("raw");
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("INPUT " + dir + ": no such folder");
        }
        List<Path> out = List.of();
        if (Files.isDirectory(raw)) {
            try (Stream<Path> s = Files.list(raw)) {
                out = s.filter(p -> p.getFileName().toString().endsWith("_master.h5")).sorted().toList();
            } catch (IOException e) {
                throw new InvalidInputException(raw + ": cannot be listed (" + e.getMessage() + ")", e);
            }
        }
        InvalidInputException.require(!out.isEmpty(), "INPUT " + dir + ": no NeXus masters raw/*_master.h5 (one per"
                + " projection, as written by 'operando simulate saxstomo')");
        return out;
    }

    /** Angles from the masters, in scan-index order (the order the SWAXS reader uses). */
    static double[] angles(List<Path> masters) {
        record A(double index, double angle) { }
        List<A> list = new ArrayList<>();
        for (Path m : masters) {
            double idx = single(m, "/entry/scan_index");
            double ang = single(m, ANGLE_PATH);
            InvalidInputException.require(Double.isFinite(ang), m + "::" + ANGLE_PATH + ": angle is not finite");
            list.add(new A(idx, ang));
        }
        list.sort(Comparator.comparingDouble(A::index));
        return list.stream().mapToDouble(A::angle).toArray();
    }

    private static double single(Path file, String path) {
        double[] v = Hdf5Arrays.readDoubles(file, path);
        InvalidInputException.require(v.length == 1, file + "::" + path + ": holds " + v.length
                + " values, expected one");
        return v[0];
    }

    /**
     * Reads and integrates one dataset.
     *
     * @param anglesOverride angles given on the command line (null: from the masters)
     * @param qEdges         analysis q-bin edges (Å⁻¹), ascending
     * @param fineBins       integration bins over the detector's q range (re-binned to qEdges)
     * @param flux           incident photons/s (NaN: from the masters, else relative intensities)
     */
    static Sinograms read(Path dir, double[] anglesOverride, String anglesOption, double[] qEdges, int fineBins,
                          double flux, ProgressListener progress) throws IOException {
        List<Path> masters = masters(dir);
        double[] angles;
        if (anglesOverride != null) {
            InvalidInputException.require(anglesOverride.length == masters.size(), "--angles " + anglesOption
                    + ": gives " + anglesOverride.length + " angles but " + dir + " has " + masters.size()
                    + " projections (raw/*_master.h5)");
            angles = anglesOverride;
        } else {
            angles = angles(masters);
        }
        SwaxsExperiment e = SwaxsExperiment.read(dir);
        InvalidInputException.require(e.scans().size() == angles.length, dir + ": " + e.scans().size()
                + " scans read but " + angles.length + " projection angles");
        double f = flux;
        if (Double.isNaN(f)) {
            Path first = masters.get(0);
            try {
                f = single(first, FLUX_PATH);
            } catch (InvalidInputException ex) {
                f = Double.NaN; // no flux recorded: relative intensities
            }
        }
        InvalidInputException.require(Double.isNaN(f) || (f > 0 && Double.isFinite(f)),
                "--flux / " + FLUX_PATH + ": the incident flux must be positive, got " + f);
        List<SwaxsScan> scans = SwaxsPipeline.integrate(e, new SwaxsPipeline.Settings(fineBins, 1, Split.BBOX), progress);
        Axis fine = scans.get(0).saxs().axis();
        double[] fq = fine.values();
        double half = fq.length > 1 ? (fq[1] - fq[0]) / 2 : 0;
        double lo = fq[0] - half;
        double hi = fq[fq.length - 1] + half;
        InvalidInputException.require(qEdges[0] >= lo - 1e-9 && qEdges[qEdges.length - 1] <= hi + 1e-9,
                String.format(Locale.ROOT, "--q-min/--q-max %.4g-%.4g Å⁻¹: outside the SAXS detector's coverage"
                        + " %.4g-%.4g Å⁻¹ of %s (PONI %s)", qEdges[0], qEdges[qEdges.length - 1], lo, hi, dir,
                        e.saxs().poni()));
        int nq = qEdges.length - 1;
        int[] from = new int[nq];
        int[] to = new int[nq];
        for (int k = 0; k < nq; k++) {
            from[k] = fq.length;
            to[k] = -1;
            for (int i = 0; i < fq.length; i++) {
                if (fq[i] >= qEdges[k] && fq[i] < qEdges[k + 1]) {
                    from[k] = Math.min(from[k], i);
                    to[k] = Math.max(to[k], i);
                }
            }
            InvalidInputException.require(to[k] >= from[k], String.format(Locale.ROOT,
                    "--q-bins: q-bin %.4g-%.4g Å⁻¹ holds no integration bin; use fewer q-bins or more --integration-bins",
                    qEdges[k], qEdges[k + 1]));
        }
        double scale = 1;
        boolean absolute = Double.isFinite(f);
        if (absolute) {
            // the integrator divides by the solid angle relative to a pixel at the PONI (cos³α); that pixel's
            // absolute solid angle is p1·p2/d², so I / (flux · p1·p2/d²) is the line integral of dΣ/dΩ in sr⁻¹
            Geometry g = PoniFile.read(e.saxs().poni());
            double omega = g.detector().pixel1() * g.detector().pixel2() / (g.dist() * g.dist());
            scale = 1 / (f * omega);
        }
        int na = angles.length;
        int n = e.nx();
        int rows = e.ny();
        float[][][] ch = new float[nq][na][rows * n];
        float[][] trans = new float[na][];
        long bad = 0;
        String firstBad = null;
        for (int a = 0; a < na; a++) {
            SwaxsScan s = scans.get(a);
            CurveSet c = s.saxs();
            float[] t = s.transmission();
            trans[a] = t;
            for (int p = 0; p < rows * n; p++) {
                InvalidInputException.require(Float.isFinite(t[p]) && t[p] > 0, String.format(Locale.ROOT,
                        "%s: transmission %.4g at projection %d (%s), row %d, point %d; expected a value in (0, 1]"
                                + " from the diode", dir, t[p], a, s.name(), p / n, p % n));
                for (int k = 0; k < nq; k++) {
                    double sum = 0;
                    int cnt = 0;
                    for (int i = from[k]; i <= to[k]; i++) {
                        sum += c.get(p, i);
                        cnt++;
                    }
                    float v = (float) (sum / cnt / t[p] * scale);
                    if (!Float.isFinite(v)) {
                        if (firstBad == null) {
                            firstBad = String.format(Locale.ROOT, "projection %d (%s), row %d, point %d, q-bin %d"
                                    + " (%.4g-%.4g Å⁻¹)", a, s.name(), p / n, p % n, k, qEdges[k], qEdges[k + 1]);
                        }
                        bad++;
                    }
                    ch[k][a][p] = v;
                }
            }
        }
        InvalidInputException.require(bad == 0, dir + ": " + bad + " NaN/Inf value" + (bad == 1 ? "" : "s")
                + " in the integrated, transmission-corrected intensities, first at " + firstBad
                + "; check the frames and masks there");
        double[] centres = new double[nq];
        for (int k = 0; k < nq; k++) {
            centres[k] = 0.5 * (qEdges[k] + qEdges[k + 1]);
        }
        Axis q = new Axis("q", org.operando.data.Unit.Q_INV_ANGSTROM, centres);
        return new Sinograms(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), dir, angles,
                ch, rows, n, e.stepXUm(), e.stepYUm(), absolute, trans, q);
    }
}
