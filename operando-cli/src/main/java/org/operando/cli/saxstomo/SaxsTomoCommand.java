package org.operando.cli.saxstomo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.operando.cli.CliProgress;
import org.operando.cli.TomoCommand;
import org.operando.cli.report.HtmlReport;
import org.operando.data.Unit;
import org.operando.io.AtomicOutput;
import org.operando.tomo.CentreFinder;
import org.operando.tomo.FbpFilter;
import org.operando.tomo.IterativeSolver;
import org.operando.tomo.ParallelGeometry;
import org.operando.tomo.Reconstructor;
import org.operando.tomo.SaxsTomography;
import org.operando.util.InvalidInputException;
import org.operando.util.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operando saxstomo}: scanning SAXS tomography of electrodes, from raw frames to compared histograms. */
@Command(name = "saxstomo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scanning SAXS tomography (the ex-situ part of the hard-carbon study): for each electrode dataset"
                + " (a folder with one NeXus master per projection, raw/*_master.h5, rotation angle in"
                + " /entry/sample/rotation_angle) integrate every SAXS frame, correct for transmission, build one"
                + " sinogram per q-bin, find the rotation axis, reconstruct all q-bins with one shared geometry,"
                + " mask the electrode from the 0.12-0.3 1/A intensity (Otsu), take the micropore region (0.2-0.5 1/A)"
                + " with the 2x2x2 mean filter, its histogram and statistics in the mask; then compare the electrodes.",
            "Writes OUT/results.h5 (NeXus: volumes per q-bin, mask, micropore volume, histograms, mean curves),"
                + " OUT/summary.json, OUT/report.html and PNG figures (slices, histograms, mean voxel curves);"
                + " everything is written to a temporary folder first and published at the end."})
public final class SaxsTomoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Electrode dataset folders (e.g. the pristine, low and high folders of 'operando simulate"
                    + " saxstomo'); the folder name names the electrode.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "Output folder.")
    Path out;

    @Option(names = "--q-bins", paramLabel = "N", description = "Analysis q-bins (volumes) between --q-min and"
            + " --q-max, equal widths (default: ${DEFAULT-VALUE}).")
    int qBins = 39;

    @Option(names = "--q-min", paramLabel = "Q", description = "Lower edge of the first q-bin in 1/A (default: ${DEFAULT-VALUE}).")
    double qMin = 0.02;

    @Option(names = "--q-max", paramLabel = "Q", description = "Upper edge of the last q-bin in 1/A (default: ${DEFAULT-VALUE}).")
    double qMax = 0.6;

    @Option(names = "--integration-bins", paramLabel = "N", description = "Azimuthal-integration bins over the whole"
            + " detector, re-binned to the q-bins (default: ${DEFAULT-VALUE}).")
    int integrationBins = 600;

    @Option(names = "--angles", paramLabel = "FILE|START:STOP:N", description = "Projection angles in degrees (file or"
            + " START:STOP:N, STOP excluded) for every input; default: /entry/sample/rotation_angle of each master.")
    String angles;

    @Option(names = "--center", paramLabel = "auto|VALUE", description = "Rotation axis on the translation axis in"
            + " points (0 = first point), or auto (centre-of-mass sinusoid / mirror fit; default).")
    String center = "auto";

    @Option(names = "--align", description = "Align the projections first (cross-correlation, then iterative"
            + " re-projection alignment on the 0.12-0.3 1/A intensity); shifts applied to every q-bin.")
    boolean align;

    @Option(names = "--method", paramLabel = "fbp|sirt|cgls", description = "Reconstruction (default: ${DEFAULT-VALUE}).")
    String method = "fbp";

    @Option(names = "--filter", paramLabel = "NAME", description = "FBP filter: ramp, shepp-logan, cosine, hamming,"
            + " hann (default: ${DEFAULT-VALUE}).")
    String filter = "ramp";

    @Option(names = "--iterations", paramLabel = "N", description = "SIRT/CGLS iterations, non-negative (default: ${DEFAULT-VALUE}).")
    int iterations = 50;

    @Option(names = "--mask-threshold", paramLabel = "VALUE", description = "Electrode mask threshold on the mean"
            + " 0.12-0.3 1/A intensity (cm^-1 sr^-1 when the flux is known); default: Otsu per electrode.")
    Double maskThreshold;

    @Option(names = "--mask-q", paramLabel = "QMIN:QMAX", description = "q-range of the mask intensity in 1/A (default: ${DEFAULT-VALUE}).")
    String maskQ = "0.12:0.3";

    @Option(names = "--region-q", paramLabel = "QMIN:QMAX", description = "Micropore q-region in 1/A (default: ${DEFAULT-VALUE}).")
    String regionQ = "0.2:0.5";

    @Option(names = "--mean-filter", paramLabel = "K", description = "KxKxK mean filter of the region volume (default: ${DEFAULT-VALUE}).")
    int meanFilter = 2;

    @Option(names = "--erode", paramLabel = "PX", description = "Statistics and histograms inside the mask eroded"
            + " in-plane by PX voxels, dropping partial-volume edge voxels (default: ${DEFAULT-VALUE}).")
    int erode = 2;

    @Option(names = "--erode-z", paramLabel = "PX", description = "Statistics only where the PX voxels above and"
            + " below are in the mask too (drops the electrode's top and bottom partial-volume voxels; default:"
            + " ${DEFAULT-VALUE}).")
    int erodeZ = 1;

    @Option(names = "--hist-bins", paramLabel = "N", description = "Histogram bins (default: ${DEFAULT-VALUE}).")
    int histBins = 40;

    @Option(names = "--flux", paramLabel = "PH_PER_S", description = "Incident flux (photons/s) for absolute"
            + " intensities; default: /entry/instrument/beam/flux of the masters, else relative intensities.")
    Double flux;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        Settings s = settings();
        Path outAbs = out.toAbsolutePath().normalize();
        if (Files.exists(outAbs) && !Files.isDirectory(outAbs)) {
            throw new InvalidInputException("-o " + out + ": exists and is not a folder");
        }
        Set<String> names = new HashSet<>();
        for (Path in : inputs) {
            SaxsTomoDataset.masters(in);
            String nm = in.toAbsolutePath().normalize().getFileName().toString();
            InvalidInputException.require(names.add(nm), "INPUT " + in + ": two inputs are named '" + nm
                    + "'; electrode folders must have different names");
        }
        double[] ang = angles == null ? null : TomoCommand.parseAngles(angles);
        ProgressListener progress = quiet ? ProgressListener.NONE : new CliProgress(false);
        List<SaxsTomoAnalysis.Electrode> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Path in : inputs) {
            long a0 = System.nanoTime();
            SaxsTomoDataset.Sinograms sg = SaxsTomoDataset.read(in.toAbsolutePath().normalize(), ang, angles,
                    s.qEdges(), s.integrationBins(), s.flux(), progress);
            long a1 = System.nanoTime();
            SaxsTomoAnalysis.Electrode e = SaxsTomoAnalysis.analyse(sg, s, progress);
            long a2 = System.nanoTime();
            log.printf(Locale.ROOT, "%s: %d projections x %d x %d points, axis %.2f px, %d voxels in the mask"
                            + " (threshold %.4g), micropore region mean %.4g, std %.4g %s (integration %.1f s,"
                            + " reconstruction and analysis %.1f s)%n", e.name(),
                    sg.anglesDeg().length, sg.rows(), sg.n(), e.centre(), e.maskVoxels(), e.analysis().threshold(),
                    e.stats().mean(), e.stats().std(), e.unitLabel(), (a1 - a0) * 1e-9, (a2 - a1) * 1e-9);
            log.flush();
            results.add(e);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Path parent = outAbs.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + outAbs.getFileName() + ".partial-");
        try {
            SaxsTomoOutputs.write(tmp, results, s, seconds);
            AtomicOutput.publishFolder(tmp, outAbs);
        } finally {
            AtomicOutput.deleteTree(tmp);
        }
        log.println("Results: " + outAbs + " (results.h5, summary.json, report.html, figures)");
        return 0;
    }

    /** Analysis settings from the options, validated. */
    record Settings(double[] qEdges, int integrationBins, double flux, String center, boolean align,
                    Reconstructor.Method method, FbpFilter filter, int iterations, double maskThreshold,
                    double[] maskQ, double[] regionQ, int meanFilter, int erode, int erodeZ, int histBins) {
        Reconstructor.Settings reconstruction() {
            return method == Reconstructor.Method.FBP ? Reconstructor.Settings.fbp(filter)
                    : Reconstructor.Settings.iterative(method, IterativeSolver.Options.of(iterations).withNonNegative(true));
        }

        String describe() {
            return method == Reconstructor.Method.FBP ? "FBP, " + filter.id() + " filter"
                    : method.name() + ", " + iterations + " iterations, non-negative";
        }
    }

    Settings settings() {
        InvalidInputException.require(qBins >= 2 && qBins <= 2000, "--q-bins must be 2..2000, got " + qBins);
        InvalidInputException.require(Double.isFinite(qMin) && Double.isFinite(qMax) && qMin > 0 && qMax > qMin,
                "--q-min/--q-max: expected 0 < q-min < q-max, got " + qMin + " and " + qMax);
        InvalidInputException.require(integrationBins >= qBins, "--integration-bins " + integrationBins
                + ": must be at least --q-bins " + qBins);
        InvalidInputException.require(iterations >= 1, "--iterations must be >= 1, got " + iterations);
        InvalidInputException.require(meanFilter >= 1 && meanFilter <= 9, "--mean-filter must be 1..9, got " + meanFilter);
        InvalidInputException.require(erode >= 0, "--erode must be >= 0, got " + erode);
        InvalidInputException.require(erodeZ >= 0, "--erode-z must be >= 0, got " + erodeZ);
        InvalidInputException.require(histBins >= 2, "--hist-bins must be >= 2, got " + histBins);
        InvalidInputException.require(flux == null || (flux > 0 && Double.isFinite(flux)),
                "--flux must be a positive number of photons/s, got " + flux);
        InvalidInputException.require(maskThreshold == null || Double.isFinite(maskThreshold),
                "--mask-threshold must be a finite number, got " + maskThreshold);
        double[] edges = new double[qBins + 1];
        for (int i = 0; i <= qBins; i++) {
            edges[i] = qMin + (qMax - qMin) * i / qBins;
        }
        double[] mq = range(maskQ, "--mask-q");
        double[] rq = range(regionQ, "--region-q");
        for (double[] r : new double[][] {mq, rq}) {
            InvalidInputException.require(r[0] >= qMin && r[1] <= qMax, String.format(Locale.ROOT,
                    "q-range %.4g:%.4g (--mask-q/--region-q) lies outside --q-min/--q-max %.4g-%.4g 1/A",
                    r[0], r[1], qMin, qMax));
        }
        if (!center.equalsIgnoreCase("auto")) {
            try {
                Double.parseDouble(center);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--center '" + center + "': expected auto or a position in points", e);
            }
        }
        return new Settings(edges, integrationBins, flux == null ? Double.NaN : flux, center, align,
                Reconstructor.Method.parse(method), FbpFilter.parse(filter, "--filter"), iterations,
                maskThreshold == null ? Double.NaN : maskThreshold, mq, rq, meanFilter, erode, erodeZ, histBins);
    }

    private static double[] range(String spec, String option) {
        String[] p = spec.split(":");
        try {
            InvalidInputException.require(p.length == 2, option + " '" + spec + "': expected QMIN:QMAX");
            double a = Double.parseDouble(p[0]);
            double b = Double.parseDouble(p[1]);
            InvalidInputException.require(a < b && a > 0, option + " '" + spec + "': expected 0 < QMIN < QMAX");
            return new double[] {a, b};
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " '" + spec + "': expected QMIN:QMAX in 1/A", e);
        }
    }


    /** Resolves {@code --center auto|VALUE} into an axis position (translation points). */
    static double centre(String spec, float[] summed, ParallelGeometry g) {
        if (spec.equalsIgnoreCase("auto")) {
            return CentreFinder.estimate(summed, g);
        }
        double c = Double.parseDouble(spec);
        InvalidInputException.require(Double.isFinite(c) && c >= 0 && c <= g.detectorSize() - 1, "--center " + spec
                + ": outside the translation range; expected a position in [0, " + (g.detectorSize() - 1) + "] points");
        return c;
    }

    static Unit unit(boolean absolute) {
        return absolute ? Unit.INV_CENTIMETER : Unit.ARBITRARY;
    }
}
