package org.operando.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operando.data.Frame;
import org.operando.testing.PythonPeer;
import org.operando.testing.SharedData;

/**
 * Every pixel of every frame of the shipped bitshuffle+LZ4 detector files equals what h5py reads with the
 * bitshuffle HDF5 plugin. Runs when python3-h5py and the plugin (Debian package bitshuffle) are installed.
 */
class H5pyDetectorParityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5, /entry/instrument/pilatus/data",
        "detector/balder-eiger-1m/eiger-6587_data_000001.h5, /entry/data/data"})
    void everyPixelMatchesH5py(String rel, String dataset) throws Exception {
        Path file = SharedData.require(rel);
        String py = PythonPeer.require("h5py", "python3-h5py");
        Path raw = dir.resolve("frames.f64");
        PythonPeer.Result r = PythonPeer.run(py, String.join("\n",
                "import h5py, sys, numpy as np",
                "with h5py.File(sys.argv[1], 'r') as f:",
                "    f[sys.argv[2]][()].astype('<f8').tofile(sys.argv[3])"), file.toString(), dataset, raw.toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(r.exit() == 0 || !r.err().contains("not registered"),
                "h5py lacks the bitshuffle plugin (apt-get install bitshuffle)");
        assertThat(r.exit()).as(r.err()).isZero();
        DoubleBuffer ref = PythonPeer.readDoubles(raw);
        try (Hdf5FrameSource src = Hdf5FrameSource.open(file, dataset)) {
            int n = src.width() * src.height();
            assertThat(ref.remaining()).isEqualTo((long) n * src.frameCount());
            for (int i = 0; i < src.frameCount(); i++) {
                Frame f = src.read(i);
                int differ = 0;
                for (int k = 0; k < n; k++) {
                    if (f.get(k) != (float) ref.get(i * n + k)) {
                        differ++;
                    }
                }
                assertThat(differ).as("pixels of frame %d differing from h5py", i).isZero();
            }
        }
    }
}
