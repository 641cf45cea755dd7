package org.operando.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.operando.sim.swaxs.PointTruth;
import org.operando.sim.swaxs.SwaxsConfig;
import org.operando.sim.swaxs.SwaxsSimulation;

/**
 * Throughput of the SWAXS digital twin's frame rendering (model curve on the q grid, interpolation, Poisson
 * sampling) for one electrode point of op6, single-threaded: small (binned demo) and paper (full-size) detectors.
 * Run: {@code java -cp <classpath> org.operando.bench.SwaxsSimulationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SwaxsSimulationBenchmark {
    @Param({"small", "paper"})
    public String size;

    @Param({"0", "1"})
    public int detector;

    private SwaxsSimulation sim;
    private SwaxsConfig.Scan scan;
    private PointTruth point;
    private int[] frame;

    @Setup
    public void setup() {
        SwaxsConfig c = SwaxsConfig.ofSize(size, 1);
        sim = new SwaxsSimulation(c);
        scan = c.scans().get(6);
        int p = (int) (0.7 * c.ny()) * c.nx() + c.nx() / 2;
        point = sim.point(scan, p);
        frame = new int[sim.detector(detector).rows() * sim.detector(detector).cols()];
    }

    /** One rendered frame (frames/s; multiply by the pixel count for pixels/s). */
    @Benchmark
    public int renderFrame() {
        sim.renderFrame(scan, detector, point, frame);
        return frame[frame.length / 2];
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include("org.operando.bench.(SwaxsSimulation|Poisson)Benchmark").build()).run();
    }
}
