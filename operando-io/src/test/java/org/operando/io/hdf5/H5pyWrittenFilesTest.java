package org.operando.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Frame;
import org.operando.io.FrameSources;
import org.operando.testing.PythonPeer;

/**
 * HDF5 files written by h5py (an independent HDF5 implementation) with every filter beamlines use, chunk shapes that
 * do not align with frames, big-endian and unsigned types: every pixel must equal h5py's, and {@code info} must name
 * each filter. Runs when python3-h5py is installed (bitshuffle datasets when its plugin is too).
 */
class H5pyWrittenFilesTest {
    @TempDir
    Path dir;

    static final String[][] DATASETS = {
        // name, description of layout, expected filter text in the listing
        {"gzip_shuffle", "deflate level 4"},
        {"lzf", "lzf (32000)"},
        {"odd_chunks", "chunks {2, 13, 17}"},
        {"big_endian", "uint16 BE"},
        {"contiguous", "contiguous"},
        {"bslz4_odd", "bitshuffle+LZ4 (32008)"},
    };

    @Test
    void everyFilterAndLayoutReadsLikeH5py() throws Exception {
        String py = PythonPeer.require("h5py", "python3-h5py");
        Path h5 = dir.resolve("filters.h5");
        Path raw = dir.resolve("ref.f64");
        PythonPeer.Result r = PythonPeer.run(py, String.join("\n",
                "import h5py, numpy as np, sys",
                "rng = np.random.default_rng(1)",
                "a = rng.poisson(40, size=(3, 50, 61)).astype(np.int32); a[:, 10, :] = -1; a[1, 5, 7] = 2**31 - 1",
                "u = rng.integers(0, 65535, size=(3, 50, 61)).astype('>u2')",
                "out = []",
                "with h5py.File(sys.argv[1], 'w') as f:",
                "    f.create_dataset('gzip_shuffle', data=a, chunks=(1, 50, 61), compression='gzip', compression_opts=4, shuffle=True); out.append(a)",
                "    f.create_dataset('lzf', data=a, chunks=(1, 25, 61), compression='lzf'); out.append(a)",
                "    f.create_dataset('odd_chunks', data=a.astype(np.float32) * 0.5, chunks=(2, 13, 17), compression='gzip'); out.append(a.astype(np.float32) * 0.5)",
                "    f.create_dataset('big_endian', data=u, chunks=(1, 50, 61)); out.append(u)",
                "    f.create_dataset('contiguous', data=a.astype(np.uint32) + 4000000000); out.append(a.astype(np.uint32) + 4000000000)",
                "    try:",
                "        f.create_dataset('bslz4_odd', data=a, chunks=(1, 21, 61), compression=32008, compression_opts=(0, 2)); out.append(a)",
                "    except Exception as e:",
                "        print('no bitshuffle plugin:', e, file=sys.stderr)",
                "np.concatenate([x.astype('<f8').ravel() for x in out]).tofile(sys.argv[2])",
                "print(len(out))"), h5.toString(), raw.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        int written = Integer.parseInt(r.out().strip());
        DoubleBuffer ref = PythonPeer.readDoubles(raw);
        String listing = Hdf5Describer.describe(h5);
        int n = 50 * 61;
        for (int d = 0; d < written; d++) {
            String name = DATASETS[d][0];
            assertThat(listing).as(name).containsPattern("/" + name + "  Dataset \\{3, 50, 61\\}.*" + java.util.regex.Pattern.quote(DATASETS[d][1]));
            try (var src = FrameSources.open(h5 + "::/" + name)) {
                assertThat(src.frameCount()).isEqualTo(3);
                for (int i = 0; i < 3; i++) {
                    Frame f = src.read(i);
                    for (int k = 0; k < n; k++) {
                        float expect = (float) ref.get((d * 3 + i) * n + k);
                        if (f.get(k) != expect) {
                            throw new AssertionError(name + " frame " + i + " pixel " + k + ": " + f.get(k) + " != " + expect);
                        }
                    }
                }
            }
        }
        assertThat(written).isEqualTo(r.err().contains("no bitshuffle plugin") ? 5 : 6);
    }
}
