package org.operando.sim.swaxs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.operando.util.ProgressListener;

/** A small simulated experiment written once per JVM for the file-level tests. */
final class Fixture {
    private Fixture() { }

    /** 10 × 8 points over pin, electrode, electrolyte and walls; the small (demo) detectors; seed 11. */
    static SwaxsConfig config(long seed) {
        return SwaxsConfig.small(seed).withRaster(10, 8, 0.19, 0.07, 0.435, 0.05, 0.03);
    }

    static final List<String> SCANS = List.of("pristine", "op6");

    private static Path written;

    static synchronized Path written() {
        if (written == null) {
            try {
                Path dir = Files.createTempDirectory("operando-sim-fixture");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                write(config(11), dir, SCANS);
                written = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return written;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    static void write(SwaxsConfig c, Path dir, List<String> scans) throws IOException {
        new SwaxsWriter(new SwaxsSimulation(c)).write(dir, scans, ProgressListener.NONE);
    }
}
