package org.operando.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.operando.tomo.Fbp;
import org.operando.tomo.FbpFilter;
import org.operando.tomo.IterativeSolver;
import org.operando.tomo.ParallelGeometry;
import org.operando.tomo.Phantoms;
import org.operando.tomo.Reconstructor;
import org.operando.tomo.Sinograms;
import org.operando.util.ProgressListener;

/**
 * Tomography benchmarks of issue 6: FBP of a 512 × 512 slice from 720 angles (ramp filter; scikit-image 0.19
 * {@code iradon} reference ≈ 2.1 s) and 39-channel SIRT (50 iterations, non-negative) of a 100 × 100 × 40 volume
 * from 72 projections. Run: see BENCHMARKS.md.
 */
public class TomoBenchmark {
    @State(Scope.Benchmark)
    public static class FbpState {
        Fbp fbp;
        float[] sino;

        @Setup(Level.Trial)
        public void setup() {
            ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 720), 512);
            sino = Phantoms.sinogram(Phantoms.sheppLogan(0.45 * 512), g, 1);
            fbp = new Fbp(g, FbpFilter.RAMP);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    @Fork(1)
    public float[] fbp512x720(FbpState s) {
        return s.fbp.reconstruct(s.sino);
    }

    @State(Scope.Benchmark)
    public static class SirtState {
        ParallelGeometry g;
        Sinograms sino;

        @Setup(Level.Trial)
        public void setup() {
            sino = sirtInput();
            g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 72), 100);
        }
    }

    /** 39 channels × 40 slices × 72 projections × 100 bins: the Shepp–Logan sinogram scaled per channel and slice. */
    static Sinograms sirtInput() {
        int n = 100;
        int nz = 40;
        int nc = 39;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 72), n);
        float[] s = Phantoms.sinogram(Phantoms.sheppLogan(40), g, 1);
        float[][][] ch = new float[nc][72][nz * n];
        for (int c = 0; c < nc; c++) {
            for (int a = 0; a < 72; a++) {
                for (int z = 0; z < nz; z++) {
                    for (int j = 0; j < n; j++) {
                        ch[c][a][z * n + j] = s[a * n + j] * (1 + 0.01f * c) * (1 - 0.005f * z);
                    }
                }
            }
        }
        return Sinograms.ofChannels(ch, nz, n);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    @Fork(1)
    public float[][] sirt39x100x100x40(SirtState s) {
        return Reconstructor.reconstruct(s.sino, s.g, Reconstructor.Settings.iterative(Reconstructor.Method.SIRT,
                IterativeSolver.Options.of(50).withNonNegative(true)), ProgressListener.NONE, null);
    }

    /**
     * Quick figures without JMH (wall and process CPU time): {@code java ... org.operando.bench.TomoBenchmark [fbp]}.
     * FBP: 10 warm-up slices, then 30 timed slices with 1 thread and with every core (min and median wall time,
     * mean CPU time per slice); then SIRT unless the argument {@code fbp} is given.
     */
    public static void main(String[] args) {
        FbpState f = new FbpState();
        f.setup();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            org.operando.util.Parallel.setThreads(threads);
            for (int i = 0; i < 10; i++) {
                f.fbp.reconstruct(f.sino);
            }
            int reps = 30;
            double[] wall = new double[reps];
            long c0 = cpu();
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                f.fbp.reconstruct(f.sino);
                wall[i] = (System.nanoTime() - t0) / 1e6;
            }
            double cpuMs = (cpu() - c0) / 1e6 / reps;
            java.util.Arrays.sort(wall);
            System.out.printf("FBP 512x512 from 720 angles (ramp, linear, circle), %d thread(s): wall min %.1f ms, median %.1f ms;"
                    + " CPU %.1f ms per slice; load average %.1f%n", threads, wall[0], wall[reps / 2], cpuMs,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        org.operando.util.Parallel.setThreads(cores);
        if (args.length > 0 && args[0].equals("fbp")) {
            return;
        }
        SirtState s = new SirtState();
        s.setup();
        long c0 = cpu();
        long t0 = System.nanoTime();
        new TomoBenchmark().sirt39x100x100x40(s);
        System.out.printf("SIRT 50 it, 39 channels, 100x100x40 from 72 projections: %.1f s wall, %.1f s CPU%n",
                (System.nanoTime() - t0) / 1e9, (cpu() - c0) / 1e9);
    }

    private static long cpu() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }
}
