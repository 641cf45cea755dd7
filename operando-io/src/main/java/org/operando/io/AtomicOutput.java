package org.operando.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that nothing half-written is ever left under its final name: the content goes to a
 * temporary file in the same directory ({@code .name.tmp-XXXX}), which is renamed onto the target only when
 * writing succeeded, and deleted otherwise.
 */
public final class AtomicOutput {
    private AtomicOutput() { }

    /** Something that writes a whole file at a given path. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path tmp) throws IOException;
    }

    /** Something that writes to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Runs {@code writer} on a temporary path beside {@code target}, then renames it to {@code target}. */
    public static void write(Path target, PathWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".tmp-", "");
        boolean ok = false;
        try {
            Files.delete(tmp); // writers (e.g. HDF5) create the file themselves
            writer.write(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Moves a finished file onto {@code target} (same file system), atomically where the file system allows. */
    public static void moveInto(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Like {@link #write(Path, PathWriter)} for stream writers. */
    public static void writeStream(Path target, StreamWriter writer) throws IOException {
        write(target, tmp -> {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
        });
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String text) {
        try {
            writeStream(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": could not be written", e);
        }
    }

    /**
     * Publishes a finished output folder: moves {@code tmp} to {@code out} in one step when {@code out} does not exist
     * yet (and leaves an empty {@code tmp} behind), otherwise moves each file of {@code tmp} into {@code out},
     * replacing files of the same name.
     */
    public static void publishFolder(Path tmp, Path out) throws IOException {
        if (!Files.exists(out)) {
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                Files.createDirectories(tmp);
                return;
            } catch (IOException ignored) {
                // fall through to a per-file move (e.g. another file system)
            }
        }
        Files.createDirectories(out);
        try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.toList()) {
                moveInto(p, out.resolve(p.getFileName().toString()));
            }
        }
    }

    /** Deletes a folder and everything below it (nothing when it does not exist): a temporary output's clean-up. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
