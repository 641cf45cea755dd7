package org.operando.bench;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.operando.data.Frame;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.io.tiff.SampleType;
import org.operando.io.tiff.TiffFile;
import org.operando.io.tiff.TiffWriter;

/**
 * Frame reading throughput: one Pilatus CdTe 2M frame (1679 × 1475 int32, bitshuffle+LZ4 HDF5, 9.9 MB decoded)
 * from the shipped file, and the same frame as an uncompressed float32 TIFF. Run from the repository root:
 * {@code java -cp ... org.openjdk.jmh.Main IoReadBenchmark} (the shipped data must be in ../shared/data).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IoReadBenchmark {
    private Hdf5FrameSource pilatus;
    private TiffFile tiff;
    private Path tmp;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path f = Path.of(System.getProperty("operando.data", "../shared/data"))
                .resolve("detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5");
        pilatus = Hdf5FrameSource.open(f, "/entry/instrument/pilatus/data");
        tmp = Files.createTempFile("operando-bench", ".tif");
        TiffWriter.write(tmp, pilatus.read(0), SampleType.FLOAT32, null);
        tiff = TiffFile.open(tmp);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        pilatus.close();
        tiff.close();
        Files.deleteIfExists(tmp);
    }

    /** HDF5 chunk read + bitshuffle/LZ4 decode + int32 → float32. */
    @Benchmark
    public Frame pilatusFrameBitshuffleLz4() throws Exception {
        return pilatus.read(1);
    }

    /** Uncompressed float32 TIFF page read. */
    @Benchmark
    public Frame pilatusFrameTiffFloat32() throws Exception {
        return tiff.read(0);
    }
}
