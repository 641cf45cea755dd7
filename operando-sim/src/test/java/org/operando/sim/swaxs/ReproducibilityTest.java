package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Frame;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.util.Parallel;

class ReproducibilityTest {
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    /** Same seed → byte-identical output, whatever the number of threads. */
    @Test
    void sameSeedGivesByteIdenticalFilesOnOneThreadToo(@TempDir Path dir) throws Exception {
        Path reference = Fixture.written();
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Fixture.write(Fixture.config(11), dir, Fixture.SCANS);
        } finally {
            Parallel.setThreads(threads);
        }
        List<Path> a = files(reference);
        List<Path> b = files(dir);
        assertThat(b).isEqualTo(a).hasSizeGreaterThan(10);
        for (Path f : a) {
            assertThat(Files.mismatch(reference.resolve(f), dir.resolve(f))).as(f.toString()).isEqualTo(-1L);
        }
    }

    /**
     * Another noise seed: the same truth (truth maps byte-identical), different frames, and the frames agree
     * statistically: for every frame the difference of the total counts, (A − B)/√(A + B), is standard normal
     * (mean of its square 1 ± 4√(2/n)).
     */
    @Test
    void otherSeedGivesStatisticallyConsistentFrames(@TempDir Path dir) throws Exception {
        Path reference = Fixture.written();
        Fixture.write(Fixture.config(12), dir, Fixture.SCANS);
        for (String scan : Fixture.SCANS) {
            Path t = Path.of("truth", scan + "_truth.h5");
            assertThat(Files.mismatch(reference.resolve(t), dir.resolve(t))).as(t.toString()).isEqualTo(-1L);
        }
        double z2 = 0;
        double zSum = 0;
        int n = 0;
        boolean anyDifferent = false;
        for (String scan : Fixture.SCANS) {
            for (String role : List.of("saxs", "waxs")) {
                Path f = Path.of("raw", scan + "_" + role + "_data_000001.h5");
                try (Hdf5FrameSource a = Hdf5FrameSource.open(reference.resolve(f), SwaxsWriter.DATA_PATH);
                     Hdf5FrameSource b = Hdf5FrameSource.open(dir.resolve(f), SwaxsWriter.DATA_PATH)) {
                    for (int i = 0; i < a.frameCount(); i++) {
                        double sa = validSum(a.read(i));
                        double sb = validSum(b.read(i));
                        anyDifferent |= sa != sb;
                        if (sa + sb > 100) {
                            double z = (sa - sb) / Math.sqrt(sa + sb);
                            z2 += z * z;
                            zSum += z;
                            n++;
                        }
                    }
                }
            }
        }
        assertThat(anyDifferent).isTrue();
        assertThat(n).isGreaterThan(200);
        assertThat(z2 / n).isBetween(1 - 4 * Math.sqrt(2.0 / n), 1 + 4 * Math.sqrt(2.0 / n));
        assertThat(zSum / n).isBetween(-4 / Math.sqrt(n), 4 / Math.sqrt(n));
    }

    private static double validSum(Frame f) {
        double s = 0;
        for (float v : f.data()) {
            if (v >= 0 && v < 4e9f) {
                s += v;
            }
        }
        return s;
    }
}
