package org.operando.cli.swaxs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.operando.data.Axis;
import org.operando.data.CurveSet;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.data.Mask;
import org.operando.data.Unit;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;
import org.operando.integrate.IntegrationOptions;
import org.operando.integrate.Integrator;
import org.operando.integrate.Split;
import org.operando.io.hdf5.Hdf5Arrays;
import org.operando.io.poni.PoniFile;
import org.operando.swaxs.SwaxsScan;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import org.operando.util.ProgressListener;

/**
 * Turns the raw scans of a {@link SwaxsExperiment} into integrated {@link SwaxsScan}s: every SAXS and WAXS frame is
 * read lazily and azimuthally integrated to I(q) (q in Å⁻¹, Poisson σ, solid-angle corrected, normalized to counts per
 * second when the exposure is known) with one integrator per detector built once; the transmission comes from the
 * diode. Memory holds one frame and the integrated curves, never a whole raw scan.
 */
public final class SwaxsPipeline {
    /** Integration settings. */
    public record Settings(int saxsBins, int waxsBins, Split split) {
        public static Settings defaults() {
            return new Settings(400, 500, Split.BBOX);
        }
    }

    private SwaxsPipeline() { }

    /**
     * Integrates every scan; the first is the pristine reference. Blocks of a few frames of one data file (of any
     * scan and detector) run in parallel on the shared pool, each streaming its frames one at a time, so one long
     * series (a paper-size SAXS scan) keeps every core busy and memory holds a frame per thread.
     */
    public static List<SwaxsScan> integrate(SwaxsExperiment e, Settings settings, ProgressListener progress)
            throws IOException {
        int points = e.nx() * e.ny();
        SwaxsExperiment.Scan first = e.scans().get(0);
        Integrator saxs = integrator(e.saxs(), first.saxsFrames(), settings.saxsBins(), settings.split(),
                e.polarization(), "SAXS");
        Integrator waxs = e.waxs() == null ? null
                : integrator(e.waxs(), first.waxsFrames(), settings.waxsBins(), settings.split(), e.polarization(),
                "WAXS");
        int nScans = e.scans().size();
        long total = (long) nScans * points * (waxs == null ? 1 : 2);
        progress.start("integrating frames", total);
        ProgressListener shared = new ProgressListener() {
            @Override
            public synchronized void start(String task, long t) { }

            @Override
            public synchronized void advance(long n) {
                progress.advance(n);
            }

            @Override
            public synchronized void finish() { }
        };
        // plan: blocks of at most BLOCK frames of one data file, each integrated on its own; every series is checked
        // against the raster before any frame is read
        List<Block> blocks = new ArrayList<>();
        CurveSet[][] curves = new CurveSet[nScans][2];
        for (int s = 0; s < nScans; s++) {
            SwaxsExperiment.Scan sc = e.scans().get(s);
            for (int d = 0; d < (waxs == null ? 1 : 2); d++) {
                Integrator integ = d == 0 ? saxs : waxs;
                String what = sc.name() + (d == 0 ? " SAXS" : " WAXS");
                List<String> specs = d == 0 ? sc.saxsFrames() : sc.waxsFrames();
                Axis q = new Axis("q", Unit.Q_INV_ANGSTROM, integ.radialAxis().values());
                curves[s][d] = CurveSet.allocate(q, points, true, "I", Unit.ARBITRARY);
                double norm = Double.isFinite(sc.exposureS()) && sc.exposureS() > 0 ? sc.exposureS() : 1.0;
                int n = 0;
                for (String spec : specs) {
                    int count;
                    try (FrameSource src = open(spec)) {
                        count = src.frameCount();
                    }
                    if (n + count > points) {
                        throw new InvalidInputException(what + ": more frames than the " + points + " raster points ("
                                + spec + ")");
                    }
                    for (int f = 0; f < count; f += BLOCK) {
                        blocks.add(new Block(integ, curves[s][d], spec, f, Math.min(BLOCK, count - f), n + f, norm,
                                what));
                    }
                    n += count;
                }
                if (n != points) {
                    throw new InvalidInputException(what + ": " + n + " frames for a raster of " + points + " points");
                }
            }
        }
        // Largest frames first, one block at a time to whichever thread is free: a static split of the block list
        // left one thread alone with the last chunk of SAXS blocks (20 s of a 2-minute paper-size scan).
        blocks.sort(java.util.Comparator.comparingInt((Block b) -> -b.integ().geometry().detector().size()));
        Parallel.forEachDynamic(0, blocks.size(), k -> {
            try {
                integrateBlock(blocks.get(k), shared);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        progress.finish();
        List<SwaxsScan> out = new ArrayList<>();
        for (int s = 0; s < nScans; s++) {
            SwaxsExperiment.Scan sc = e.scans().get(s);
            float[] t = transmission(sc, points);
            double[] times = times(sc, points);
            out.add(new SwaxsScan(sc.name(), e.nx(), e.ny(), e.stepXUm(), e.stepYUm(), curves[s][0], curves[s][1], t,
                    times[0], times[1]));
        }
        return out;
    }

    private static Integrator integrator(SwaxsExperiment.Detector d, List<String> frames, int bins, Split split,
                                         double polarization, String what) throws IOException {
        int[] shape;
        try (FrameSource src = open(frames.get(0))) {
            shape = new int[] {src.height(), src.width()};
        }
        Geometry g = PoniFile.read(d.poni(), shape);
        g.detector().requireShape(shape[1], shape[0], what + " frames " + frames.get(0) + " (PONI " + d.poni() + ")");
        Mask mask = g.detector().gapMask();
        for (String m : d.masks()) {
            mask = mask.or(readMask(m, shape));
        }
        if (mask.countMasked() == mask.size()) {
            throw new InvalidInputException(what + ": every detector pixel is masked (" + d.masks() + ")");
        }
        IntegrationOptions o = IntegrationOptions.of1d(RadialUnit.Q_A, bins, split).withMask(mask)
                .withCorrections(true, Double.isFinite(polarization) ? polarization : null, null, null);
        return Integrator.build(g, o);
    }

    private static Mask readMask(String spec, int[] shape) throws IOException {
        try (FrameSource src = open(spec.contains("::") ? spec : spec + "::/mask")) {
            Frame f = src.read(0);
            if (f.height() != shape[0] || f.width() != shape[1]) {
                throw new InvalidInputException(spec + ": mask is " + f.height() + "x" + f.width() + ", frames are "
                        + shape[0] + "x" + shape[1]);
            }
            boolean[] m = new boolean[f.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = f.get(i) != 0;
            }
            return new Mask(f.width(), f.height(), m);
        }
    }

    /** Opens the frames of {@code spec}: {@code file.h5::/dataset}, or a TIFF, EDF or CBF file (io's FrameSources). */
    static FrameSource open(String spec) {
        return org.operando.io.FrameSources.open(spec);
    }

    /** Frames per task: small enough to spread one data file over the threads, large enough to amortise opening it. */
    static final int BLOCK = 8;

    /** Frames [first, first + count) of one data file, to be integrated into rows from {@code point} of a set. */
    private record Block(Integrator integ, CurveSet set, String spec, int first, int count, int point, double norm,
                         String what) { }

    private static void integrateBlock(Block b, ProgressListener progress) throws IOException {
        Integrator integ = b.integ();
        int bins = b.set().points();
        try (FrameSource src = open(b.spec())) {
            integ.geometry().detector().requireShape(src.width(), src.height(), b.what() + " " + b.spec());
            for (int i = b.first(); i < b.first() + b.count(); i++) {
                // streamed in runs of pixels: the float frame is never built
                Integrator.Accumulation acc = integ.accumulation();
                src.stream(i, acc);
                double[][] ie = integ.intensity(acc.finish(), b.norm());
                int n = b.point() + i - b.first();
                for (int k = 0; k < bins; k++) {
                    b.set().set(n, k, (float) ie[0][k]);
                    b.set().setSigma(n, k, (float) ie[1][k]);
                }
                progress.advance(1);
            }
        }
    }

    private static float[] transmission(SwaxsExperiment.Scan s, int points) {
        double[] t;
        if (s.transmission() != null) {
            t = values(s.transmission(), s.name() + " transmission");
        } else {
            double[] d = values(s.diode(), s.name() + " diode");
            double empty = s.diodeEmptyDataset() != null ? mean(values(s.diodeEmptyDataset(), s.name() + " diode_empty"))
                    : s.diodeEmpty();
            if (!(empty > 0)) {
                throw new InvalidInputException(s.name() + ": empty-beam diode value must be > 0, got " + empty);
            }
            t = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                t[i] = d[i] / empty;
            }
        }
        if (t.length != points) {
            throw new InvalidInputException(s.name() + ": " + t.length + " diode/transmission values for a raster of "
                    + points + " points");
        }
        float[] out = new float[points];
        for (int i = 0; i < points; i++) {
            out[i] = (float) t[i];
        }
        return out;
    }

    private static double[] times(SwaxsExperiment.Scan s, int points) {
        if (s.timestamps() != null) {
            double[] ts = values(s.timestamps(), s.name() + " timestamps");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : ts) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return new double[] {lo, hi};
        }
        return new double[] {s.startS(), s.endS()};
    }

    private static double[] values(String spec, String what) {
        int k = spec.indexOf("::");
        if (k < 0) {
            throw new InvalidInputException(what + ": '" + spec + "' must name FILE.h5::/dataset");
        }
        Path f = Path.of(spec.substring(0, k));
        if (!Files.isRegularFile(f)) {
            throw new InvalidInputException(what + ": " + f + ": no such file");
        }
        return Hdf5Arrays.readDoubles(f, spec.substring(k + 2));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
