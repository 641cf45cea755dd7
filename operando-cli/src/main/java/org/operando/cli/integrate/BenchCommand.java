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
        subcommands = {BenchCommand.Integrate.class})
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
}
