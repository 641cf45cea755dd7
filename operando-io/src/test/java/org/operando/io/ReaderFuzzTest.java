package org.operando.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.data.Unit;
import org.operando.io.cbf.CbfFile;
import org.operando.io.esrf.EdfFile;
import org.operando.io.hdf5.Hdf5Describer;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.io.nexus.NexusWriter;
import org.operando.io.text.CurveText;
import org.operando.io.tiff.SampleType;
import org.operando.io.tiff.TiffFile;
import org.operando.io.tiff.TiffWriter;
import org.operando.util.InvalidInputException;

/**
 * Every reader, fed random bytes, truncated valid files and valid files with random bytes overwritten, either
 * returns a result or throws {@link InvalidInputException} (or an IOException) with a message: never another
 * exception type, never a hang (30 s per input, generous for a loaded machine), never an out-of-memory error.
 */
class ReaderFuzzTest {
    static Path dir;
    static byte[] tiff;
    static byte[] edf;
    static byte[] cbf;
    static byte[] nexus;
    static byte[] text;
    static byte[] eiger;

    @BeforeContainer
    static void makeValidFiles() throws IOException {
        dir = Files.createTempDirectory("operando-fuzz");
        float[] px = new float[40 * 30];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37) % 1000;
        }
        Frame f = new Frame(40, 30, px);
        Path t = dir.resolve("v.tif");
        TiffWriter.write(t, List.of(f, f), SampleType.UINT16, "fuzz");
        tiff = Files.readAllBytes(t);
        String head = "{\nHeaderID = EH:000001:000000:000000 ;\nByteOrder = LowByteFirst ;\nDataType = UnsignedShort ;\n"
                + "Dim_1 = 40 ;\nDim_2 = 30 ;\nSize = 2400 ;\n";
        head = head + " ".repeat(510 - head.length()) + "}\n";
        edf = new byte[512 + 2400];
        System.arraycopy(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, edf, 0, 512);
        for (int i = 512; i < edf.length; i++) {
            edf[i] = (byte) (i * 7);
        }
        long[] v = new long[40 * 30];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7919L) % 70000 - 3;
        }
        cbf = org.operando.io.cbf.CbfFileTestAccess.miniCbf(40, 30, v);
        Path n = dir.resolve("v.nxs");
        NexusWriter.write(n, root -> {
            root.entry("entry").addCurve("c", new Curve(Axis.linear("q", Unit.Q_INV_ANGSTROM, 0, 1, 100), new double[100]));
            root.dataset("frames", new float[3][20][20]);
            root.dataset("big", new float[100][1000]);
        });
        nexus = Files.readAllBytes(n);
        text = "# q (1/angstrom)  I (a.u.)\n0.1 5\n0.2 6\n0.3 7.5\n0.4 nan\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path e = org.operando.testing.SharedData.dataDir().resolve("detector/balder-eiger-1m/eiger-6587_data_000001.h5");
        eiger = Files.exists(e) ? Files.readAllBytes(e) : null;
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    enum Kind { TIFF, EDF, CBF, HDF5, TEXT }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Property(tries = 150)
    void randomBytesUnderEveryExtension(@ForAll("randomBytes") byte[] junk,
                                        @ForAll("extensions") String ext) throws Exception {
        check(junk, ext);
    }

    @Provide
    Arbitrary<String> extensions() {
        return Arbitraries.of(".h5", ".tif", ".edf", ".cbf", ".xy", ".chi", ".csv", ".poni", ".bin");
    }

    @Property(tries = 200)
    void truncatedValidFiles(@ForAll Kind kind, @ForAll @IntRange(min = 0, max = 1_000_000) int cutPerMillion)
            throws Exception {
        byte[] valid = valid(kind);
        int cut = (int) ((long) valid.length * cutPerMillion / 1_000_000);
        check(Arrays.copyOf(valid, cut), extension(kind));
    }

    @Property(tries = 250)
    void validFilesWithBytesOverwritten(@ForAll Kind kind, @ForAll @IntRange(min = 0, max = 1_000_000) int posPerMillion,
                                        @ForAll @IntRange(min = 1, max = 64) int len, @ForAll long seed) throws Exception {
        byte[] b = valid(kind).clone();
        int pos = (int) ((long) (b.length - 1) * posPerMillion / 1_000_000);
        java.util.Random r = new java.util.Random(seed);
        for (int i = pos; i < Math.min(b.length, pos + len); i++) {
            b[i] = (byte) r.nextInt();
        }
        check(b, extension(kind));
    }

    @Property(tries = 25)
    void damagedRealBitshuffleFile(@ForAll @IntRange(min = 0, max = 1_000_000) int posPerMillion,
                                   @ForAll @IntRange(min = 1, max = 256) int len, @ForAll long seed) throws Exception {
        if (eiger == null) {
            return; // shared data absent: covered by the synthetic kinds
        }
        byte[] b = eiger.clone();
        int pos = (int) ((long) (b.length - 1) * posPerMillion / 1_000_000);
        java.util.Random r = new java.util.Random(seed);
        for (int i = pos; i < Math.min(b.length, pos + len); i++) {
            b[i] = (byte) r.nextInt();
        }
        check(b, ".h5");
    }

    private static byte[] valid(Kind k) {
        return switch (k) {
            case TIFF -> tiff;
            case EDF -> edf;
            case CBF -> cbf;
            case HDF5 -> nexus;
            case TEXT -> text;
        };
    }

    private static String extension(Kind k) {
        return switch (k) {
            case TIFF -> ".tif";
            case EDF -> ".edf";
            case CBF -> ".cbf";
            case HDF5 -> ".nxs";
            case TEXT -> ".xy";
        };
    }

    private static int counter;

    /** Runs every applicable reader on the bytes; only results or clean exceptions are allowed. */
    static void check(byte[] bytes, String ext) throws Exception {
        Path f = dir.resolve("in" + (counter++) + ext);
        Files.write(f, bytes);
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                runAll(f);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "fuzz-reader");
        worker.setDaemon(true);
        worker.start();
        worker.join(TIMEOUT.toMillis());
        if (worker.isAlive()) {
            // keep the input for reproduction and show where the reader was stuck
            Path keep = Path.of("target", "fuzz-failures");
            Files.createDirectories(keep);
            Path copy = keep.resolve(f.getFileName());
            Files.copy(f, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            StringBuilder where = new StringBuilder();
            for (StackTraceElement e : worker.getStackTrace()) {
                where.append("\n    at ").append(e);
            }
            worker.interrupt();
            throw new AssertionError("reader still busy after " + TIMEOUT + " on " + copy.toAbsolutePath() + where);
        }
        Files.deleteIfExists(f);
        if (failure[0] instanceof Error err) {
            throw err;
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    /** Generous: a machine shared with other builds may run a 10 ms read 100x slower; a hang never ends. */
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("operando.fuzz.timeout", 30));

    private static void runAll(Path f) {
        clean(() -> FileDescriber.describe(f));
        clean(() -> {
            try (FrameSource s = FrameSources.open(f.toString())) {
                for (int i = 0; i < Math.min(3, s.frameCount()); i++) {
                    assertThat(s.read(i).size()).isEqualTo(s.width() * s.height());
                }
            }
            return null;
        });
        clean(() -> {
            try (TiffFile t = TiffFile.open(f)) {
                for (int i = 0; i < Math.min(3, t.frameCount()); i++) {
                    t.readPage(i);
                }
            }
            return null;
        });
        clean(() -> {
            try (EdfFile e = EdfFile.open(f)) {
                e.read(0);
            }
            return null;
        });
        clean(() -> CbfFile.open(f).read(0));
        clean(() -> Hdf5Describer.describe(f));
        clean(() -> {
            try (Hdf5FrameSource s = Hdf5FrameSource.open(f, "/frames")) {
                s.read(0);
            }
            return null;
        });
        clean(() -> CurveText.read(f));
    }

    interface Call {
        Object run() throws Exception;
    }

    static void clean(Call c) {
        try {
            c.run();
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (Exception | Error e) {
            throw new AssertionError("reader escaped with " + e, e);
        }
    }
}
