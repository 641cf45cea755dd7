package org.operando.io.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replacement deflate and shuffle decoders against their definitions: HDF5's shuffle written out by hand
 * (element sizes 1–8, lengths with leftover bytes) and java.util.zip's Deflater. The files h5py writes with
 * {@code compression="gzip", shuffle=True} are read through them in the h5py parity tests.
 */
class ShuffleDeflateFilterTest {

    /** HDF5's shuffle (H5Zshuffle.c): byte b of element i goes to b·n + i; the tail stays. */
    static byte[] shuffle(byte[] in, int size) {
        int n = in.length / size;
        byte[] out = in.clone();
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < size; b++) {
                out[b * n + i] = in[i * size + b];
            }
        }
        return out;
    }

    @Test
    void unshuffleInvertsShuffleForEveryElementSizeAndTail() {
        Random r = new Random(7);
        for (int size : new int[] {1, 2, 3, 4, 8}) {
            for (int len : new int[] {0, 1, 7, 64, 1001, 4096 + 3}) {
                byte[] data = new byte[len];
                r.nextBytes(data);
                byte[] back = new ShuffleFilter().decode(shuffle(data, size), new int[] {size});
                assertThat(back).as("size %d, length %d", size, len).isEqualTo(data);
            }
        }
    }

    @Test
    void shuffleWithoutElementSizeIsRefused() {
        assertThatThrownBy(() -> new ShuffleFilter().decode(new byte[8], new int[0]))
                .isInstanceOf(HdfFilterException.class).hasMessageContaining("element size");
    }

    @Test
    void inflatesWhatDeflaterWroteIncludingHighRatiosAndRepeatedCalls() {
        Random r = new Random(3);
        DeflateFilter f = new DeflateFilter();
        for (int len : new int[] {0, 10, 100_000, 3_000_000}) {
            byte[] data = new byte[len];
            // mostly zeros (ratio far above the initial 4× buffer) with some noise
            for (int i = 0; i < len; i += 97) {
                data[i] = (byte) r.nextInt(256);
            }
            byte[] z = deflate(data);
            assertThat(f.decode(z, new int[] {1})).as("length %d", len).isEqualTo(data);
            assertThat(f.decode(z, new int[] {1})).as("again, reusing the buffer").isEqualTo(data);
        }
    }

    @Test
    void truncatedOrDamagedStreamsRaiseFilterErrors() {
        byte[] data = new byte[50_000];
        new Random(1).nextBytes(data);
        byte[] z = deflate(data);
        byte[] cut = java.util.Arrays.copyOf(z, z.length / 2);
        assertThatThrownBy(() -> new DeflateFilter().decode(cut, new int[] {1}))
                .isInstanceOf(HdfFilterException.class).hasMessageContaining("ends before");
        byte[] bad = z.clone();
        bad[0] = 0;
        assertThatThrownBy(() -> new DeflateFilter().decode(bad, new int[] {1}))
                .isInstanceOf(HdfFilterException.class).hasMessageContaining("damaged");
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(1);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        int n = d.deflate(buf);
        d.end();
        return java.util.Arrays.copyOf(buf, n);
    }
}
