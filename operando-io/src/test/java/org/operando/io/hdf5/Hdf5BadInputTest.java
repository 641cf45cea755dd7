package org.operando.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.io.nexus.NexusWriter;
import org.operando.testing.SharedData;
import org.operando.util.InvalidInputException;

class Hdf5BadInputTest {
    @TempDir
    Path dir;

    @Test
    void textFileNamedH5() throws Exception {
        Path f = dir.resolve("notes.h5");
        Files.writeString(f, "this is a text file\n");
        assertThatThrownBy(() -> Hdf5FrameSource.open(f, "/entry/data/data"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("not an HDF5 file");
        assertThatThrownBy(() -> Hdf5Describer.describe(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not an HDF5 file");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.h5");
        assertThatThrownBy(() -> Hdf5FrameSource.open(f, "/x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void missingDatasetPathIsNamed() {
        Path f = SharedData.require(Hdf5DetectorFilesTest.EIGER);
        assertThatThrownBy(() -> Hdf5FrameSource.open(f, "/entry/data/nothing"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(f + "::/entry/data/nothing");
        assertThatThrownBy(() -> Hdf5FrameSource.open(f, "/entry/data"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a group");
    }

    @Test
    void wrongRankIsNamed() throws Exception {
        Path f = dir.resolve("rank.nxs");
        NexusWriter.write(f, root -> {
            root.dataset("line", new float[] {1, 2, 3});
            root.dataset("text", "hello");
        });
        assertThatThrownBy(() -> Hdf5FrameSource.open(f, "/line")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f + "::/line").hasMessageContaining("expected [frames, rows, cols]");
        assertThatThrownBy(() -> Hdf5FrameSource.open(f, "/text")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f + "::/text");
    }

    @Test
    void truncatedDetectorFileFailsCleanlyAtEveryCut() throws Exception {
        Path src = SharedData.require(Hdf5DetectorFilesTest.EIGER);
        byte[] all = Files.readAllBytes(src);
        float[][] good = new float[2][];
        try (Hdf5FrameSource s = Hdf5FrameSource.open(src, "/entry/data/data")) {
            good[0] = s.read(0).data();
            good[1] = s.read(1).data();
        }
        // cuts inside the superblock, the object headers, the first and the second frame's chunk
        for (int cut : new int[] {4, 100, 2_000, 50_000, all.length / 2, all.length - 1000, all.length - 1}) {
            Path f = dir.resolve("cut" + cut + ".h5");
            Files.write(f, Arrays.copyOf(all, cut));
            try (Hdf5FrameSource s = Hdf5FrameSource.open(f, "/entry/data/data")) {
                for (int i = 0; i < s.frameCount(); i++) {
                    // a cut that spares the data (e.g. trailing padding) may read; then it must read right
                    assertThat(Arrays.equals(s.read(i).data(), good[i])).as("frame %d of a file cut at %d", i, cut).isTrue();
                }
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).contains(f.toString());
            }
        }
    }

    @Test
    void corruptedChunkBytesFailCleanly() throws Exception {
        Path src = SharedData.require(Hdf5DetectorFilesTest.PILATUS);
        byte[] all = Files.readAllBytes(src);
        for (int i = all.length - 400_000; i < all.length - 300_000; i++) {
            all[i] = (byte) (all[i] * 31 + 7);
        }
        Path f = dir.resolve("corrupt.h5");
        Files.write(f, all);
        try (Hdf5FrameSource s = Hdf5FrameSource.open(f, "/entry/instrument/pilatus/data")) {
            s.read(1);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains(f + "::/entry/instrument/pilatus/data").contains("frame 1");
        }
    }
}
