package org.operando.cli.saxstomo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.cli.CliTestSupport;
import org.operando.sim.saxstomo.SaxsTomoTwin;
import org.operando.sim.saxstomo.SaxsTomoWriter;
import org.operando.util.ProgressListener;

/** Bad input to {@code operando saxstomo}: exit 2, a message naming the file/option, and no output written. */
class SaxsTomoCommandTest {
    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void tinyTwin() throws Exception {
        SaxsTomoTwin.Config s = SaxsTomoTwin.Config.ofSize("small", 5);
        SaxsTomoTwin.Config tiny = new SaxsTomoTwin.Config("tiny", 12, 2, 8, 40, 3.5, 2, 0.5, 0, s.flux(),
                s.exposure(), s.saxs(), 5, 1);
        sim = dir.resolve("sim");
        new SaxsTomoWriter(new SaxsTomoTwin(tiny)).write(sim, ProgressListener.NONE);
    }

    static CliTestSupport.Run run(Path out, String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "saxstomo";
        args[1] = sim.resolve("pristine").toString();
        args[2] = "-o";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliTestSupport.run(args);
    }

    static void assertBad(CliTestSupport.Run r, Path out, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(fragments);
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial-"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tinyDatasetRunsWithEveryMethod() {
        for (String m : new String[] {"fbp", "sirt", "cgls"}) {
            Path out = dir.resolve("ok-" + m);
            CliTestSupport.Run r = run(out, "--method", m, "--iterations", "20", "--erode", "0", "--erode-z", "0",
                    "--quiet");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(out.resolve("summary.json")).isRegularFile();
        }
    }

    @Test
    void angleCountDifferentFromProjectionCount() {
        Path out = dir.resolve("o1");
        assertBad(run(out, "--angles", "0:180:72"), out, "--angles 0:180:72", "72 angles", "8 projections");
    }

    @Test
    void qRangeOutsideTheDetectorCoverage() {
        Path out = dir.resolve("o2");
        assertBad(run(out, "--q-max", "2.0", "--region-q", "0.2:0.5"), out, "--q-min/--q-max", "coverage");
    }

    @Test
    void emptyMask() {
        Path out = dir.resolve("o3");
        assertBad(run(out, "--mask-threshold", "1e9"), out, "electrode mask is empty", "threshold");
    }

    @Test
    void missingInputAndFolderWithoutMasters() throws Exception {
        Path out = dir.resolve("o4");
        CliTestSupport.Run r = CliTestSupport.run("saxstomo", dir.resolve("nope").toString(), "-o", out.toString());
        assertBad(r, out, "nope", "no such folder");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        r = CliTestSupport.run("saxstomo", empty.toString(), "-o", out.toString());
        assertBad(r, out, "empty", "raw/*_master.h5");
    }

    @Test
    void badOptions() {
        Path out = dir.resolve("o5");
        assertBad(run(out, "--method", "art"), out, "--method 'art'");
        assertBad(run(out, "--center", "99"), out, "--center 99", "outside");
        assertBad(run(out, "--region-q", "0.5:0.2"), out, "--region-q");
    }

    /** A frame with NaN pixels (float32 data file): the count and the first place are reported. */
    @Test
    void nanInTheFrames() throws Exception {
        Path copy = dir.resolve("nan").resolve("pristine");
        copyTree(sim.resolve("pristine"), copy);
        Path data = copy.resolve("raw/proj002_saxs_data_000001.h5");
        float[][][] frames;
        try (HdfFile h = new HdfFile(data)) {
            Object d = h.getDatasetByPath("/entry/data/data").getData();
            long[][][] f = (long[][][]) d; // uint32 reads as long
            frames = new float[f.length][f[0].length][f[0][0].length];
            for (int k = 0; k < f.length; k++) {
                for (int r = 0; r < f[0].length; r++) {
                    for (int c = 0; c < f[0][0].length; c++) {
                        frames[k][r][c] = f[k][r][c];
                    }
                }
            }
        }
        for (int r = 0; r < frames[0].length; r++) {
            java.util.Arrays.fill(frames[13][r], Float.NaN);
        }
        Files.delete(data);
        try (WritableHdfFile h = HdfFile.write(data)) {
            WritableGroup g = h.putGroup("entry").putGroup("data");
            g.putDataset("data", frames);
        }
        Path out = dir.resolve("o6");
        CliTestSupport.Run r = CliTestSupport.run("saxstomo", copy.toString(), "-o", out.toString(), "--quiet");
        assertBad(r, out, "NaN", "projection 2", "row 1, point 1");
    }

    static void copyTree(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
