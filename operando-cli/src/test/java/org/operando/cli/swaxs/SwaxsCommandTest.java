package org.operando.cli.swaxs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.cli.CliTestSupport;

/** Bad input to {@code operando swaxs}: exit code 2, a message naming what is wrong, and no output folder. */
class SwaxsCommandTest {
    @TempDir
    Path dir;

    @Test
    void missingInputIsRefused() {
        Path out = dir.resolve("out");
        CliTestSupport.Run r = CliTestSupport.run("swaxs", dir.resolve("nope").toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope").contains("no such file or folder");
        assertThat(out).doesNotExist();
    }

    @Test
    void folderWithoutExperimentOrMastersIsRefused() {
        Path out = dir.resolve("out");
        CliTestSupport.Run r = CliTestSupport.run("swaxs", dir.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("experiment.json");
        assertThat(out).doesNotExist();
    }

    @Test
    void experimentWithoutDiodeIsRefusedNamingTheScan() throws Exception {
        Files.writeString(dir.resolve("experiment.json"), """
                {"raster": {"nx": 4, "ny": 3, "step_x_um": 50, "step_y_um": 30},
                 "saxs": {"poni": "saxs.poni"},
                 "scans": [{"name": "pristine", "saxs_frames": ["s.h5::/entry/data/data"]}]}
                """);
        Path out = dir.resolve("out");
        CliTestSupport.Run r = CliTestSupport.run("swaxs", dir.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("scans[0]").contains("pristine").contains("diode");
        assertThat(out).doesNotExist();
    }

    @Test
    void badOptionsAreRefusedBeforeReading() {
        Path out = dir.resolve("out");
        assertThat(CliTestSupport.run("swaxs", dir.toString(), "-o", out.toString(), "--q-range", "micropore=0.4:0.1")
                .err()).contains("micropore");
        CliTestSupport.Run r = CliTestSupport.run("swaxs", dir.toString(), "-o", out.toString(),
                "--collector-transmission", "1.5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--collector-transmission");
        assertThat(CliTestSupport.run("swaxs", dir.toString(), "-o", out.toString(), "--split", "diagonal").err())
                .contains("--split");
        assertThat(out).doesNotExist();
    }
}
