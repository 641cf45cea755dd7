package org.operando.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shipped real data ({@code shared/data} beside the repository): {@code --data}, else the
 * {@code OPERANDO_DATA} environment variable, else {@code ../shared/data} relative to the repository root the
 * launcher passes as {@code -Doperando.root}, else relative to the working directory.
 */
public final class DataLocator {
    private DataLocator() { }

    /** The data folder, or null when none exists. */
    public static Path find(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String env = System.getenv("OPERANDO_DATA");
        if (env != null && !env.isBlank() && Files.isDirectory(Paths.get(env))) {
            return Paths.get(env);
        }
        String root = System.getProperty("operando.root");
        if (root != null && !root.isBlank()) {
            Path p = Paths.get(root).resolve("../shared/data").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path p = Paths.get("../shared/data").toAbsolutePath().normalize();
        return Files.isDirectory(p) ? p : null;
    }
}
