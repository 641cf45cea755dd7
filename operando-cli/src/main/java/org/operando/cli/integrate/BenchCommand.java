package org.operando.cli.integrate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.data.Mask;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;
import org.operando.integrate.IntegrationOptions;
import org.operando.integrate.Integrator;
import org.operando.integrate.Split;
import org.operando.io.poni.PoniFile;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code operando bench}: throughput benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Throughput benchmarks (frames per second).",
        subcommands = {BenchCommand.Integrate.class, BenchCommand.CalibrateCheck.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code operando bench integrate}. */
    @Command(name = "integrate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Frames per second of 1D azimuthal integration of one detector frame, per splitting mode and"
                    + " thread count (matrix built once, then applied repeatedly; median of the repeats).",
                "Default: a Poisson frame (mean 100 counts) on a Pilatus CdTe 2M with the DanMAX geometry of"
                    + " ../shared/data (0.50 m, 0.4959 Å), 2000 bins in 2θ."})
    public static final class Integrate implements Runnable {
        @Option(names = "--frame", paramLabel = "SPEC", description = "Use frame 0 of file.h5::/path instead of a synthetic frame.")
        String frame;

        @Option(names = "--poni", paramLabel = "G.poni", description = "Geometry (default: the DanMAX Pilatus CdTe 2M one).")
        Path poni;

        @Option(names = "--bins", defaultValue = "2000", description = "Radial bins (default ${DEFAULT-VALUE}).")
        int bins;

        @Option(names = "--unit", defaultValue = "2th_deg", description = "Radial unit (default ${DEFAULT-VALUE}).")
        String unit;

        @Option(names = "--split", defaultValue = "none,bbox,full", split = ",",
                description = "Splitting modes to time (default ${DEFAULT-VALUE}).")
        String[] splits;

        @Option(names = "--thread-counts", defaultValue = "1,2", split = ",",
                description = "Thread counts to time (default ${DEFAULT-VALUE}).")
        int[] threadCounts;

        @Option(names = "--repeat", defaultValue = "30", description = "Timed repetitions per setting (default ${DEFAULT-VALUE}).")
        int repeat;

        @Override
        public void run() {
            InvalidInputException.require(repeat > 0, "--repeat must be > 0, got " + repeat);
            InvalidInputException.require(bins > 0, "--bins must be > 0, got " + bins);
            Geometry g = poni != null ? PoniFile.read(poni) : new Geometry(Detector.named("PilatusCdTe2M"),
                    0.5005323453766798, 0.27063828989712985, 0.13022171576266595, 0.002704076817037748,
                    0.0015887138461635466, 0.0, 4.95936793732801e-11);
            Frame f;
            if (frame != null) {
                try (FrameSource src = FrameInputs.open(frame, "--frame")) {
                    f = src.read(0);
                } catch (IOException e) {
                    throw new InvalidInputException("--frame " + frame + ": cannot be read (" + e.getMessage() + ")", e);
                }
                g.detector().requireShape(f.width(), f.height(), "--frame " + frame);
            } else {
                Random rnd = new Random(1);
                float[] d = new float[g.detector().size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) Math.max(0, Math.round(100 + 10 * rnd.nextGaussian()));
                }
                f = new Frame(g.detector().cols(), g.detector().rows(), d);
            }
            Mask mask = f.invalidPixelMask(Integrator.OVERFLOW).or(g.detector().gapMask());
            RadialUnit ru = RadialUnit.parse(unit, "--unit");
            int original = Parallel.threads();
            System.out.printf(Locale.ROOT, "operando bench integrate: %s, %d × %d pixels, %d bins (%s), %d repeats, %d cores%n",
                    g.detector().name(), g.detector().rows(), g.detector().cols(), bins, ru.pyfaiName(), repeat,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-6s %8s %12s %10s %12s %10s%n", "split", "threads", "build_ms", "nnz",
                    "ms/frame", "frames/s");
            try {
                for (String s : splits) {
                    Split sp = Split.parse(s, "--split");
                    for (int t : threadCounts) {
                        Parallel.setThreads(t);
                        long t0 = System.nanoTime();
                        Integrator in = Integrator.build(g, new IntegrationOptions(ru, bins, 0, sp, null, null, mask, true,
                                null, null, null));
                        double buildMs = (System.nanoTime() - t0) / 1e6;
                        float[] data = f.data();
                        for (int w = 0; w < Math.max(5, repeat / 3); w++) {
                            in.accumulate(data, null); // warm-up (JIT)
                        }
                        double[] ms = new double[repeat];
                        double check = 0;
                        for (int r = 0; r < repeat; r++) {
                            long a = System.nanoTime();
                            Integrator.Sums sums = in.accumulate(data, null);
                            double[][] ie = in.intensity(sums, 1.0);
                            ms[r] = (System.nanoTime() - a) / 1e6;
                            check += ie[0][bins / 2];
                        }
                        Arrays.sort(ms);
                        double med = ms[repeat / 2];
                        System.out.printf(Locale.ROOT, "%-6s %8d %12.0f %10d %12.2f %10.1f%s%n", sp.pyfaiName(), t, buildMs,
                                in.nonZeros(), med, 1000.0 / med, Double.isNaN(check) ? "" : "");
                    }
                }
            } finally {
                Parallel.setThreads(original);
            }
        }
    }

    /** {@code operando bench calibrate}: calibration of a simulated image of known geometry. */
    @Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Simulates a calibrant image with a known, tilted geometry (rings Gaussian in 2θ, Poisson noise,"
                    + " module gaps), calibrates it from a rough distance and prints the errors of the recovered"
                    + " distance, beam centre and tilts, and the time taken. --write-image saves the image (HDF5,"
                    + " /entry/data/data) for trying 'operando calibrate' on it."})
    public static final class CalibrateCheck implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--detector", defaultValue = "Pilatus1M", description = "Detector (default ${DEFAULT-VALUE}).")
        String detector;

        @Option(names = "--calibrant", defaultValue = "LaB6", description = "AgBh, LaB6, CeO2 or Si (default ${DEFAULT-VALUE}).")
        String calibrant;

        @Option(names = "--energy", defaultValue = "17.0", description = "keV (default ${DEFAULT-VALUE}).")
        double energy;

        @Option(names = "--distance", defaultValue = "0.2512", description = "True distance in m (default ${DEFAULT-VALUE}).")
        double distance;

        @Option(names = "--rot1-deg", defaultValue = "0.8", description = "True rot1 in degrees (default ${DEFAULT-VALUE}).")
        double rot1;

        @Option(names = "--rot2-deg", defaultValue = "-0.5", description = "True rot2 in degrees (default ${DEFAULT-VALUE}).")
        double rot2;

        @Option(names = "--distance-guess", defaultValue = "0.23", description = "Starting distance in m (default ${DEFAULT-VALUE}).")
        double guess;

        @Option(names = "--write-image", paramLabel = "FILE.h5", description = "Also write the simulated image here.")
        Path writeImage;

        @Override
        public Integer call() throws IOException {
            Detector det = Detector.named(detector);
            double lambda = Geometry.wavelengthFromEnergyKeV(energy);
            // beam centre slightly off the detector middle
            Geometry truth = new Geometry(det, distance, det.rows() * det.pixel1() * 0.497, det.cols() * det.pixel2() * 0.512,
                    Math.toRadians(rot1), Math.toRadians(rot2), 0, lambda);
            org.operando.integrate.Calibrant cal = org.operando.integrate.Calibrant.named(calibrant);
            Frame img = org.operando.integrate.SyntheticCalibrant.image(truth, cal, 400, 30, 11);
            if (writeImage != null) {
                int[][][] d = new int[1][det.rows()][det.cols()];
                for (int i = 0; i < det.rows(); i++) {
                    for (int j = 0; j < det.cols(); j++) {
                        d[0][i][j] = Math.round(img.get(i, j));
                    }
                }
                org.operando.io.AtomicOutput.write(writeImage, tmp -> {
                    try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(tmp)) {
                        f.putGroup("entry").putGroup("data").putDataset("data", d);
                    }
                });
                PoniFile.write(Path.of(writeImage.toString().replaceAll("\\.h5$", "") + "-truth.poni"), truth);
            }
            long t0 = System.nanoTime();
            org.operando.integrate.Calibration.Result r = org.operando.integrate.Calibration.calibrate(img, null, det,
                    lambda, cal, guess, false, org.operando.util.ProgressListener.NONE);
            double sec = (System.nanoTime() - t0) / 1e9;
            Geometry g = r.geometry();
            double[] bc = g.beamCentrePixels();
            double[] bt = truth.beamCentrePixels();
            System.out.printf(Locale.ROOT, "operando bench calibrate: %s, %s at %.3f keV, true distance %.4f m, guess %.4f m%n",
                    det.name(), cal.name(), energy, distance, guess);
            System.out.printf(Locale.ROOT, "distance error     %.2e (relative; goal < 1e-3)%n", Math.abs(g.dist() - distance) / distance);
            System.out.printf(Locale.ROOT, "beam centre error  %.3f px row, %.3f px column (goal < 0.1)%n", bc[0] - bt[0], bc[1] - bt[1]);
            System.out.printf(Locale.ROOT, "tilt errors        rot1 %.4f°, rot2 %.4f° (goal < 0.01°)%n",
                    Math.toDegrees(g.rot1() - truth.rot1()), Math.toDegrees(g.rot2() - truth.rot2()));
            System.out.printf(Locale.ROOT, "residuals          %d points on %d rings, RMS %.2e° (%.3f px)%n", r.points().size(),
                    r.ringsUsed(), r.rmsTthDeg(), r.rmsPixels());
            System.out.printf(Locale.ROOT, "time               %.2f s%n", sec);
            return 0;
        }
    }
}
