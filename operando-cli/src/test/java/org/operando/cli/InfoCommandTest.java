package org.operando.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.testing.SharedData;

class InfoCommandTest {
    @Test
    void describesThePilatusFileAsBitshuffleLz4() {
        Path f = SharedData.require("detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5");
        CliTestSupport.Run r = CliTestSupport.run("info", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("/entry/instrument/pilatus  Group  [NXdetector]")
                .contains("/entry/instrument/pilatus/data  Dataset {2, 1679, 1475} int32 LE, chunks {1, 1679, 1475},"
                        + " filters: bitshuffle+LZ4 (32008)")
                .contains("/entry/instrument/pilatus/energy  Dataset {} int64 LE")
                .contains("= 35000")
                .contains("Compression: bitshuffle+LZ4 (32008) on 1 dataset: /entry/instrument/pilatus/data")
                .contains("Frames (operando reads by default): /entry/instrument/pilatus/data");
    }

    @Test
    void describesTheEigerFileWithUint32AndNexusClasses() {
        Path f = SharedData.require("detector/balder-eiger-1m/eiger-6587_data_000001.h5");
        CliTestSupport.Run r = CliTestSupport.run("info", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("/entry  Group  [NXentry]")
                .contains("/entry/data  Group  [NXdata]")
                .contains("/entry/data/data  Dataset {2, 1065, 1030} uint32 LE, chunks {1, 1065, 1030}, filters:"
                        + " bitshuffle+LZ4 (32008)")
                .contains("@image_nr_high = 2")
                .contains("Compression: bitshuffle+LZ4 (32008)");
    }

    @Test
    void describesPoniAndTextFiles() {
        Path poni = SharedData.require("detector/danmax-pilatus-cdte-2m/danmax_pilatus_cdte_2m.poni");
        CliTestSupport.Run r = CliTestSupport.run("info", poni.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("PONI file");
        Path gr = SharedData.require("pdf/ni/ni.gr");
        r = CliTestSupport.run("info", gr.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("8001 rows x 2 columns").contains("[unit: angstrom]");
    }

    @Test
    void textFileNamedH5IsBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fake.h5");
        Files.writeString(f, "hello\n");
        CliTestSupport.Run r = CliTestSupport.run("info", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f.toString()).contains("not an HDF5 file");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void truncatedHdf5IsBadInput(@TempDir Path dir) throws Exception {
        Path src = SharedData.require("detector/balder-eiger-1m/eiger-6587_data_000001.h5");
        Path f = dir.resolve("cut.h5");
        Files.write(f, Arrays.copyOf(Files.readAllBytes(src), 1000));
        CliTestSupport.Run r = CliTestSupport.run("info", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f.toString());
    }

    @Test
    void missingFileAndWrongTiffHeaderAreBadInput(@TempDir Path dir) throws Exception {
        CliTestSupport.Run r = CliTestSupport.run("info", dir.resolve("missing.h5").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing.h5").contains("no such file");
        Path tif = dir.resolve("bad.tif");
        Files.write(tif, new byte[] {'I', 'I', 42, 0, (byte) 0xff, (byte) 0xff, 0, 0});
        r = CliTestSupport.run("info", tif.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.tif").contains("beyond the end of the file");
    }

    @Test
    void describesOneGroupOrDatasetWithFileColonColonPath() {
        Path f = SharedData.require("detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5");
        CliTestSupport.Run r = CliTestSupport.run("info", f + "::/entry/instrument/pilatus/energy");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("/entry/instrument/pilatus/energy  Dataset {} int64 LE").doesNotContain("/data  Dataset");
        r = CliTestSupport.run("info", f + "::/entry/nothing");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + "::/entry/nothing");
    }

    @Test
    void folderIsBadInput(@TempDir Path dir) {
        CliTestSupport.Run r = CliTestSupport.run("info", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is a folder");
    }

    @Test
    void noArgumentIsUsageError() {
        CliTestSupport.Run r = CliTestSupport.run("info");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("FILE");
    }
}
