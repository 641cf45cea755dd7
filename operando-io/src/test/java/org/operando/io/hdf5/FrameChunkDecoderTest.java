package org.operando.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Frame;
import org.operando.util.InvalidInputException;

/**
 * The fused whole-frame chunk decoder (inflate, un-shuffle and convert in one pass) gives exactly the values of the
 * definition: every element type and signedness the frame reader accepts, with no filter, shuffle, deflate and
 * shuffle + deflate, written by jhdf and compared value by value with the arrays written; big-endian elements and
 * damaged zlib streams checked on hand-made bytes.
 */
class FrameChunkDecoderTest {
    static final int F = 3;
    static final int R = 5;
    static final int C = 7;

    @TempDir
    Path dir;

    enum Pipeline { NONE, SHUFFLE, DEFLATE, SHUFFLE_DEFLATE }

    @Test
    void everyTypeAndPipelineDecodesToTheWrittenValues() throws Exception {
        Random rnd = new Random(11);
        for (String type : new String[] {"int8", "int16", "int32", "int64", "float32", "float64"}) {
            // uint64 is refused by the frame reader (jhdf reads it as BigInteger)
            boolean canBeUnsigned = type.startsWith("int") && !type.equals("int64");
            for (boolean unsigned : canBeUnsigned ? new boolean[] {false, true} : new boolean[] {false}) {
                for (Pipeline pl : Pipeline.values()) {
                    Object data = data(type, rnd);
                    Path f = dir.resolve(type + unsigned + pl + ".h5");
                    try (WritableHdfFile h = HdfFile.write(f)) {
                        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().chunkDimensions(1, R, C);
                        if (pl == Pipeline.SHUFFLE || pl == Pipeline.SHUFFLE_DEFLATE) {
                            b.shuffle();
                        }
                        if (pl == Pipeline.DEFLATE || pl == Pipeline.SHUFFLE_DEFLATE) {
                            b.deflate(1);
                        }
                        if (unsigned) {
                            b.unsigned();
                        }
                        h.putDataset("d", data, b.build());
                    }
                    try (Hdf5FrameSource src = Hdf5FrameSource.open(f, "/d")) {
                        for (int k = 0; k < F; k++) {
                            Frame fr = src.read(k);
                            float[] want = expected(data, k, unsigned);
                            assertThat(fr.data()).as("%s unsigned=%s %s frame %d", type, unsigned, pl, k)
                                    .containsExactly(want);
                            float[] streamed = new float[R * C];
                            int[] next = {0};
                            src.stream(k, (first, values, offset, count) -> {
                                assertThat(first).as("runs in order, covering the frame once").isEqualTo(next[0]);
                                System.arraycopy(values, offset, streamed, first, count);
                                next[0] = first + count;
                            });
                            assertThat(next[0]).isEqualTo(R * C);
                            assertThat(streamed).as("streamed").containsExactly(want);
                        }
                        assertThat(src.fusedDecoding()).as("%s %s uses the fused decoder", type, pl).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void otherLayoutsStreamAsOneRunOfTheFrameRead() throws Exception {
        int[][][] data = (int[][][]) data("int32", new Random(12));
        Path f = dir.resolve("contiguous.h5");
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putDataset("d", data); // contiguous: not the whole-frame chunk layout
        }
        try (Hdf5FrameSource src = Hdf5FrameSource.open(f, "/d")) {
            for (int k = 0; k < F; k++) {
                float[] want = src.read(k).data();
                int[] runs = {0};
                src.stream(k, (first, values, offset, count) -> {
                    assertThat(first).isZero();
                    assertThat(java.util.Arrays.copyOfRange(values, offset, offset + count)).containsExactly(want);
                    runs[0]++;
                });
                assertThat(runs[0]).isEqualTo(1);
                assertThat(want).containsExactly(expected(data, k, false));
            }
            assertThat(src.fusedDecoding()).isFalse();
        }
    }

    private static Object data(String type, Random r) {
        switch (type) {
            case "int8": {
                byte[][][] a = new byte[F][R][C];
                fill(r, (k, i, j, v) -> a[k][i][j] = (byte) v);
                return a;
            }
            case "int16": {
                short[][][] a = new short[F][R][C];
                fill(r, (k, i, j, v) -> a[k][i][j] = (short) v);
                return a;
            }
            case "int32": {
                int[][][] a = new int[F][R][C];
                fill(r, (k, i, j, v) -> a[k][i][j] = (int) v);
                a[0][0][0] = -1; // Eiger's 2^32-1 when unsigned
                a[0][0][1] = Integer.MIN_VALUE;
                return a;
            }
            case "int64": {
                long[][][] a = new long[F][R][C];
                fill(r, (k, i, j, v) -> a[k][i][j] = v);
                a[0][0][0] = -1;
                a[0][0][1] = Long.MIN_VALUE;
                return a;
            }
            case "float32": {
                float[][][] a = new float[F][R][C];
                fill(r, (k, i, j, v) -> a[k][i][j] = v * 0.37f);
                a[0][0][0] = Float.NaN;
                a[0][0][1] = Float.NEGATIVE_INFINITY;
                return a;
            }
            default: {
                double[][][] a = new double[F][R][C];
                fill(r, (k, i, j, v) -> a[k][i][j] = v * 0.37);
                a[0][0][0] = Double.NaN;
                a[0][0][1] = 1e300;
                return a;
            }
        }
    }

    interface Setter {
        void set(int k, int i, int j, long v);
    }

    private static void fill(Random r, Setter s) {
        for (int k = 0; k < F; k++) {
            for (int i = 0; i < R; i++) {
                for (int j = 0; j < C; j++) {
                    // mostly small counts, some large and negative values to exercise every byte
                    long v = r.nextInt(10) < 7 ? r.nextInt(4) : r.nextLong();
                    s.set(k, i, j, v);
                }
            }
        }
    }

    /** The float a value converts to, by the frame reader's rules (unsigned magnitudes kept). */
    private static float[] expected(Object data, int k, boolean unsigned) {
        float[] out = new float[R * C];
        for (int i = 0; i < R; i++) {
            for (int j = 0; j < C; j++) {
                float v;
                if (data instanceof byte[][][] a) {
                    v = unsigned ? Byte.toUnsignedInt(a[k][i][j]) : a[k][i][j];
                } else if (data instanceof short[][][] a) {
                    v = unsigned ? Short.toUnsignedInt(a[k][i][j]) : a[k][i][j];
                } else if (data instanceof int[][][] a) {
                    v = unsigned ? (float) Integer.toUnsignedLong(a[k][i][j]) : a[k][i][j];
                } else if (data instanceof long[][][] a) {
                    long x = a[k][i][j];
                    v = unsigned && x < 0 ? (float) (x >>> 1) * 2f : x;
                } else if (data instanceof float[][][] a) {
                    v = a[k][i][j];
                } else {
                    v = (float) ((double[][][]) data)[k][i][j];
                }
                out[i * C + j] = v;
            }
        }
        return out;
    }

    @Test
    void bigEndianElementsShuffledAndNot() {
        int n = 5;
        int[] values = {0, 1, 258, -1, 0x01020304};
        for (boolean shuffled : new boolean[] {false, true}) {
            ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.BIG_ENDIAN);
            for (int v : values) {
                b.putInt(v);
            }
            byte[] bytes = b.array();
            if (shuffled) {
                bytes = ShuffleDeflateFilterTest.shuffle(bytes, 4);
            }
            float[] out = new float[n];
            new FrameChunkDecoder(4, false, true, false, shuffled, false).convert(bytes, n, out);
            assertThat(out).containsExactly(0f, 1f, 258f, 4294967295f, (float) 0x01020304);
            new FrameChunkDecoder(4, false, false, false, shuffled, false).convert(bytes, n, out);
            assertThat(out).containsExactly(0f, 1f, 258f, -1f, (float) 0x01020304);
        }
    }

    @Test
    void truncatedOrOversizedZlibStreamsAreRefused() {
        byte[] data = new byte[1000];
        new Random(3).nextBytes(data);
        Deflater d = new Deflater(1);
        d.setInput(data);
        d.finish();
        byte[] z = new byte[2000];
        int len = d.deflate(z);
        byte[] buf = new byte[1001];
        assertThat(FrameChunkDecoder.inflate(ByteBuffer.wrap(z, 0, len), buf, 1000, "x")).isEqualTo(1000);
        assertThat(buf).startsWith(data);
        assertThat(FrameChunkDecoder.inflate(ByteBuffer.wrap(z, 0, len), new byte[501], 500, "x")).isEqualTo(501);
        assertThatThrownBy(() -> FrameChunkDecoder.inflate(ByteBuffer.wrap(z, 0, len / 2), buf, 1000, "frame 3"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("frame 3")
                .hasMessageContaining("truncated");
        byte[] bad = z.clone();
        bad[0] ^= 0x55; // zlib header check fails
        assertThatThrownBy(() -> FrameChunkDecoder.inflate(ByteBuffer.wrap(bad, 0, len), buf, 1000, "frame 4"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("frame 4");
    }
}
