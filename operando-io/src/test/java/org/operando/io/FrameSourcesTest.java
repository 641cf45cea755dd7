package org.operando.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.data.Unit;
import org.operando.io.nexus.NexusWriter;
import org.operando.io.tiff.SampleType;
import org.operando.io.tiff.TiffWriter;
import org.operando.testing.SharedData;
import org.operando.util.InvalidInputException;

class FrameSourcesTest {
    @TempDir
    Path dir;

    @Test
    void explicitDatasetPath() throws Exception {
        Path f = SharedData.require("detector/balder-eiger-1m/eiger-6587_data_000001.h5");
        try (FrameSource s = FrameSources.open(f + "::/entry/data/data")) {
            assertThat(s.frameCount()).isEqualTo(2);
            assertThat(s.description()).isEqualTo(f + "::/entry/data/data");
            assertThat(s.read(1).get(1000, 1000)).isEqualTo(490f); // h5py value
        }
        try (FrameSource s = FrameSources.open(f + "::entry/data/data")) { // leading slash optional
            assertThat(s.width()).isEqualTo(1030);
        }
    }

    @Test
    void plainFileFindsTheSingleFrameDataset() throws Exception {
        Path f = SharedData.require("detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5");
        try (FrameSource s = FrameSources.open(f.toString())) {
            assertThat(s.description()).endsWith("::/entry/instrument/pilatus/data");
            assertThat(s.read(0).get(697, 469)).isEqualTo(339797f); // h5py value
        }
    }

    @Test
    void nexusDefaultSignalWinsAndAmbiguityIsExplained() throws Exception {
        Path f = dir.resolve("frames.nxs");
        float[][][] a = new float[2][16][12];
        a[1][3][4] = 7;
        NexusWriter.write(f, root -> {
            NexusWriter.Group e = root.entry("entry");
            e.data("images").attr("signal", "data").dataset("data", a);
            root.dataset("other", new float[3][16][12]);
        });
        try (FrameSource s = FrameSources.open(f.toString())) {
            assertThat(s.description()).endsWith("::/entry/images/data");
            assertThat(s.read(1).get(3, 4)).isEqualTo(7f);
        }
        Path g = dir.resolve("two.h5");
        NexusWriter.write(g, root -> {
            root.dataset("a", new float[2][16][12]);
            root.dataset("b", new float[2][16][12]);
            root.dataset("small", new float[2][3]);
        });
        assertThatThrownBy(() -> FrameSources.open(g.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("several possible frame datasets").hasMessageContaining("/a")
                .hasMessageContaining("/b").hasMessageContaining("two.h5::/");
        Path h = dir.resolve("none.h5");
        NexusWriter.write(h, root -> root.entry("entry").addCurve("c",
                new Curve(Axis.linear("q", Unit.Q_INV_ANGSTROM, 0, 1, 10), new double[10])));
        assertThatThrownBy(() -> FrameSources.open(h.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no 2D or 3D numeric dataset").hasMessageContaining("/entry/c/q");
    }

    @Test
    void amongSeveralStacksTheUsualDetectorPathWins() throws Exception {
        Path f = dir.resolve("eiger_like.h5");
        float[][][] a = new float[2][16][12];
        a[1][3][4] = 9;
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(f)) {
            var entry = w.putGroup("entry");
            entry.putGroup("analysis").putDataset("background", new float[2][16][12]);
            entry.putGroup("data").putDataset("data", a);
        }
        try (FrameSource s = FrameSources.open(f.toString())) {
            assertThat(s.description()).endsWith("::/entry/data/data");
            assertThat(s.read(1).get(3, 4)).isEqualTo(9f);
        }
    }

    @Test
    void tiffEdfCbfByExtensionAndContent() throws Exception {
        Frame fr = new Frame(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        Path tif = dir.resolve("a.tif");
        TiffWriter.write(tif, List.of(fr, fr), SampleType.FLOAT32, null);
        try (FrameSource s = FrameSources.open(tif.toString())) {
            assertThat(s.frameCount()).isEqualTo(2);
            assertThat(s.read(1).data()).containsExactly(1, 2, 3, 4, 5, 6);
        }
        Path renamed = dir.resolve("a.dat"); // content decides, not the name
        Files.copy(tif, renamed);
        assertThat(FrameSources.detect(renamed)).isEqualTo(FrameSources.Format.TIFF);
        Path cbf = dir.resolve("x.cbf");
        Files.write(cbf, org.operando.io.cbf.CbfFileTestAccess.miniCbf(3, 2, new long[] {1, 2, 3, 4, 5, -2}));
        try (FrameSource s = FrameSources.open(cbf.toString())) {
            assertThat(s.read(0).data()).containsExactly(1, 2, 3, 4, 5, -2);
        }
        assertThatThrownBy(() -> FrameSources.open(tif + "::/x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only applies to HDF5");
    }

    @Test
    void seriesOfSingleFrameFilesInNaturalOrder() throws Exception {
        for (int i : new int[] {1, 2, 10}) {
            long[] v = new long[6];
            java.util.Arrays.fill(v, i);
            Files.write(dir.resolve("img_" + i + ".cbf"), org.operando.io.cbf.CbfFileTestAccess.miniCbf(3, 2, v));
        }
        Files.writeString(dir.resolve("img_notes.txt"), "not matched");
        try (FrameSource s = FrameSources.open(dir + "/img_*.cbf")) {
            assertThat(s.frameCount()).isEqualTo(3);
            assertThat(s.read(0).get(0)).isEqualTo(1f);
            assertThat(s.read(1).get(0)).isEqualTo(2f);
            assertThat(s.read(2).get(5)).isEqualTo(10f);
            assertThat(s.description()).contains("3 files");
        }
        assertThat(FileSeriesFrameSource.naturalCompare("a_002.tif", "a_10.tif")).isNegative();
        assertThatThrownBy(() -> FrameSources.open(dir + "/none_*.cbf")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no file matches");
        Files.write(dir.resolve("img_3.cbf"), org.operando.io.cbf.CbfFileTestAccess.miniCbf(2, 2, new long[4]));
        try (FrameSource s = FrameSources.open(dir + "/img_*.cbf")) {
            assertThatThrownBy(() -> s.read(2)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("img_3.cbf").hasMessageContaining("expects one frame of 3 x 2");
        }
    }

    @Test
    void unknownFormatIsAClearError() throws Exception {
        Path f = dir.resolve("frames.xyz");
        Files.writeString(f, "1 2 3\n");
        assertThatThrownBy(() -> FrameSources.open(f.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("unknown frame format")
                .hasMessageContaining("TIFF");
        assertThatThrownBy(() -> FrameSources.open(dir.resolve("nope.h5").toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> FrameSources.open(f + "::")).hasMessageContaining("empty dataset path");
    }
}
