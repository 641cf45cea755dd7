package org.operando.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the real data shipped in {@code ../shared/data} beside the repository. Tests that need a file call
 * {@link #require(String)}, which skips the test with a clear reason when the folder is missing (a clone
 * without shared/) and fails nothing silently.
 */
public final class SharedData {
    private SharedData() { }

    /** The repository root: the {@code operando.root} property Maven sets, else the nearest parent with a pom.xml of the parent project. */
    public static Path repositoryRoot() {
        String prop = System.getProperty("operando.root");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        Path p = Paths.get("").toAbsolutePath();
        while (p != null) {
            if (Files.exists(p.resolve("operando-core")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        return Paths.get("").toAbsolutePath();
    }

    /** {@code ../shared/data} relative to the repository root. */
    public static Path dataDir() {
        return repositoryRoot().resolve("../shared/data").normalize();
    }

    /** The file {@code relative} under shared/data; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path p = dataDir().resolve(relative);
        assumeTrue(Files.exists(p), "shared data missing: " + p + " (tests using real data need ../shared/data)");
        return p;
    }
}
