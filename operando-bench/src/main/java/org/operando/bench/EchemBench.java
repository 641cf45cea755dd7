package org.operando.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
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
import org.operando.echem.CycleMetrics;
import org.operando.echem.DqDv;
import org.operando.echem.EchemRecord;
import org.operando.echem.EchemSync;
import org.operando.echem.Onset;
import org.operando.io.echem.EchemReaders;

/**
 * Electrochemistry throughput: reading the shipped real files, dQ/dV of a real half-cycle, synchronising 1000
 * scan windows, and one onset fit. Data from ../shared/data (system property operando.data overrides).
 * Run: see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EchemBench {
    Path mpr;
    Path neware;
    Path maccor;
    Path text;
    EchemRecord newareRecord;
    CycleMetrics.HalfCycle longest;
    List<EchemSync.ScanWindow> windows;
    double[] ox;
    double[] oy;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path data = Paths.get(System.getProperty("operando.data", "../shared/data"));
        mpr = data.resolve("echem/biologic_example.mpr");
        neware = data.resolve("echem/neware_example.csv");
        maccor = data.resolve("echem/maccor_example.txt");
        text = data.resolve("pdf/tio2-bronze-operando/echem_t_V_i.txt");
        if (!Files.exists(mpr)) {
            throw new IllegalStateException("shared data not found at " + data.toAbsolutePath()
                    + " (set -Doperando.data=...)");
        }
        newareRecord = EchemReaders.read(neware);
        longest = null;
        for (CycleMetrics.HalfCycle h : CycleMetrics.halfCycles(newareRecord)) {
            if (longest == null || h.lastPoint() - h.firstPoint() > longest.lastPoint() - longest.firstPoint()) {
                longest = h;
            }
        }
        double end = newareRecord.time()[newareRecord.size() - 1];
        windows = EchemSync.schedule(1000, 0, end / 1000, end / 2000);
        Random rnd = new Random(1);
        ox = new double[200];
        oy = new double[200];
        for (int i = 0; i < 200; i++) {
            ox[i] = i;
            oy[i] = (i > 120 ? 0.01 * (i - 120) : 0) + 0.01 * rnd.nextGaussian();
        }
    }

    @Benchmark
    public EchemRecord readMpr3p6MB() throws Exception {
        return EchemReaders.read(mpr);
    }

    @Benchmark
    public EchemRecord readNewareCsv1p9MB() throws Exception {
        return EchemReaders.read(neware);
    }

    @Benchmark
    public EchemRecord readMaccorText1p5MB() throws Exception {
        return EchemReaders.read(maccor);
    }

    @Benchmark
    public EchemRecord readPlainText0p5MB() throws Exception {
        return EchemReaders.read(text);
    }

    @Benchmark
    public DqDv.Result dqdvLongestNewareHalfCycle() {
        return DqDv.of(newareRecord, longest, 0.005, 0.01, 0.05);
    }

    @Benchmark
    public List<EchemSync.ScanState> sync1000Scans() {
        return EchemSync.place(newareRecord, windows, 0);
    }

    @Benchmark
    public Onset.ChangePoint onset200Points() {
        return Onset.find(ox, oy);
    }
}
