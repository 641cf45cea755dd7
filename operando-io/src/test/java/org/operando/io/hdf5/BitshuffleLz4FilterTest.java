package org.operando.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.exceptions.HdfFilterException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BitshuffleLz4FilterTest {
    private final BitshuffleLz4Filter filter = new BitshuffleLz4Filter();

    /** Reference bit transposition written bit by bit from the definition (bit k of byte j of element i → plane j*8+k, position i). */
    static byte[] shuffleNaive(byte[] in, int size, int elem) {
        byte[] out = new byte[size * elem];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < elem; j++) {
                for (int k = 0; k < 8; k++) {
                    if (((in[i * elem + j] >> k) & 1) != 0) {
                        int bit = (j * 8 + k) * size + i;
                        out[bit / 8] |= (byte) (1 << (bit % 8));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void fastTranspositionEqualsTheDefinition() {
        Random r = new Random(3);
        for (int elem : new int[] {1, 2, 4, 8}) {
            for (int size : new int[] {8, 16, 64, 2048}) {
                byte[] in = new byte[size * elem];
                r.nextBytes(in);
                byte[] fast = new byte[in.length];
                BitshuffleLz4Filter.shuffle(in, 0, fast, size, elem);
                assertThat(fast).as("elem %d size %d", elem, size).isEqualTo(shuffleNaive(in, size, elem));
                byte[] back = new byte[in.length];
                BitshuffleLz4Filter.unshuffle(fast, 0, back, 0, size, elem);
                assertThat(back).isEqualTo(in);
            }
        }
    }

    @Property(tries = 200)
    void roundTripsEveryLengthIncludingPartialBlocks(@ForAll @IntRange(min = 0, max = 5000) int n,
                                                    @ForAll @IntRange(min = 0, max = 3) int elemPow,
                                                    @ForAll @IntRange(min = 1, max = 40) int blockEights,
                                                    @ForAll long seed) {
        int elem = 1 << elemPow;
        byte[] data = new byte[n * elem];
        Random r = new Random(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (r.nextInt(8) == 0 ? r.nextInt() : r.nextInt(4)); // compressible, like counts
        }
        byte[] enc = BitshuffleLz4Filter.encodeLz4(data, elem, blockEights * 8);
        assertThat(filter.decode(enc, new int[] {0, 3, elem, 0, 2})).isEqualTo(data);
    }

    @Property(tries = 300)
    void garbageNeverEscapesAsAnotherException(@ForAll @Size(max = 3000) byte[] junk,
                                               @ForAll @IntRange(min = 1, max = 8) int elem) {
        try {
            byte[] out = filter.decode(junk, new int[] {0, 3, elem, 0, 2});
            assertThat(out.length).isLessThanOrEqualTo(junk.length * 256 + 64);
        } catch (HdfFilterException e) {
            assertThat(e.getMessage()).startsWith("bitshuffle");
        }
    }

    @Property(tries = 100)
    void truncatedChunksFailCleanly(@ForAll @IntRange(min = 0, max = 4000) int cut, @ForAll long seed) {
        Random r = new Random(seed);
        int[] counts = new int[3001];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = r.nextInt(50);
        }
        byte[] data = new byte[counts.length * 4];
        java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(counts);
        byte[] enc = BitshuffleLz4Filter.encodeLz4(data, 4, 2048);
        byte[] part = Arrays.copyOf(enc, Math.min(cut, enc.length - 1));
        assertThatThrownBy(() -> filter.decode(part, new int[] {0, 3, 4, 0, 2})).isInstanceOf(HdfFilterException.class);
    }

    @Test
    void zstdIsRefusedByName() {
        assertThatThrownBy(() -> filter.decode(new byte[20], new int[] {0, 3, 4, 0, 3}))
                .isInstanceOf(HdfFilterException.class).hasMessageContaining("zstd");
    }
}
