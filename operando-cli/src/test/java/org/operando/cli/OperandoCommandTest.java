package org.operando.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.testing.SharedData;
import org.operando.util.Parallel;

class OperandoCommandTest {
    @Test
    void helpListsSubcommandsAndExitsZero() {
        CliTestSupport.Run r = CliTestSupport.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo").contains("--threads").contains("--verbose");
    }

    @Test
    void versionExitsZero() {
        CliTestSupport.Run r = CliTestSupport.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("operando ");
    }

    @Test
    void unknownOptionIsUsageErrorWithExitTwo() {
        CliTestSupport.Run r = CliTestSupport.run("--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void invalidThreadCountIsBadInput() {
        int before = Parallel.threads();
        CliTestSupport.Run r = CliTestSupport.run("--threads", "0", "demo", "--help");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--threads");
        assertThat(Parallel.threads()).isEqualTo(before);
    }

    @Test
    void missingDataFolderIsBadInput(@TempDir Path dir) {
        CliTestSupport.Run r = CliTestSupport.run("demo", "--out", dir.toString(), "--data", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--data").contains("nope");
    }

    @Test
    void demoRendersRealFramesAndWritesReport(@TempDir Path dir) throws Exception {
        Path data = SharedData.dataDir();
        SharedData.require("detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5");
        CliTestSupport.Run r = CliTestSupport.run("demo", "--out", dir.toString(), "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path html = dir.resolve("report.html");
        assertThat(html).exists();
        String report = Files.readString(html);
        assertThat(report).contains("frame-scan-0002_pilatus.png");
        assertThat(dir.resolve("frame-scan-0002_pilatus.png")).exists();
        // SAXS tomography of the twin: its figures in the demo report, its own report beside them.
        assertThat(report).contains("saxstomo/histograms.png").contains("saxstomo/report.html");
        assertThat(dir.resolve("saxstomo/histograms.png")).exists();
        assertThat(dir.resolve("saxstomo/summary.json")).exists();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }
}
