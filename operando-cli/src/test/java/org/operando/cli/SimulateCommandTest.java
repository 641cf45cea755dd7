package org.operando.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.operando.cli.CliTestSupport.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operando.cli.CliTestSupport.Run;

class SimulateCommandTest {
    @TempDir
    Path tmp;

    /** Impossible parameters: exit 2, one line naming the option, nothing written. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--points|-4x20|--points",
        "--points|40x0|--points",
        "--step|0x15|--step",
        "--exposure|0|--exposure",
        "--exposure|-0.1|--exposure",
        "--electrode-width|2.0|--electrode-width",
        "--electrode-height|-0.3|--electrode-height",
        "--electrode-height|0.7|--electrode-height",
        "--saxs-detector|mar345|--saxs-detector",
        "--waxs-detector|eiger9m|--waxs-detector",
        "--size|huge|--size",
        "--scans|op42|--scans",
        "--start|yesterday|--start",
        "--flux|0|--flux"})
    void badInputIsRefusedBeforeAnyFileIsWritten(String option, String value, String named) {
        Path out = tmp.resolve("out");
        Run r = option.equals("--points")
                ? run("simulate", "swaxs", "--quiet", "-o", out.toString(), option, value)
                : run("simulate", "swaxs", "--quiet", "-o", out.toString(), "--points", "4x3", option, value);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(named);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void foreignNonEmptyOutputDirectoryIsRefused() throws Exception {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.tex"), "keep me");
        Run r = run("simulate", "swaxs", "--quiet", "-o", out.toString(), "--points", "4x3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--output").contains("not empty");
        assertThat(Files.list(out).toList()).hasSize(1);
    }

    /** A tiny run writes the documented layout, and `operando integrate` reads its frames with its PONI file. */
    @Test
    void tinyRunIsIntegrableWithTheIntegrateCommand() throws Exception {
        Path out = tmp.resolve("sim");
        Run r = run("simulate", "swaxs", "--quiet", "-o", out.toString(), "--points", "6x4", "--step", "300x120",
                "--scans", "pristine,op5", "--seed", "5");
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : List.of("saxs.poni", "waxs.poni", "potentiostat.mpt", "simulation.json", "truth/truth.json",
                "raw/op5_master.h5", "raw/op5_saxs_data_000001.h5", "raw/op5_waxs_data_000001.h5",
                "truth/op5_truth.h5")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(out.resolve("raw/op1_master.h5")).doesNotExist();
        Path curves = tmp.resolve("curves.csv");
        Run i = run("integrate", "--quiet", "--poni", out.resolve("waxs.poni").toString(), "--bins", "200",
                "--unit", "q_A^-1", "--polarization", "0.99",
                out.resolve("raw/op5_waxs_data_000001.h5") + "::/entry/data/data", "-o", curves.toString());
        assertThat(i.code()).as(i.err()).isZero();
        assertThat(Files.readString(curves)).contains("q");
        // rerunning into the same directory replaces the previous simulation
        Run again = run("simulate", "swaxs", "--quiet", "-o", out.toString(), "--points", "6x4", "--step", "300x120",
                "--scans", "pristine", "--seed", "5");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(out.resolve("raw/op5_master.h5")).doesNotExist();
    }

    @Test
    void helpDescribesTheOptions() {
        Run r = run("simulate", "swaxs", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--size", "--seed", "--scans", "--output", "paper");
    }
}
