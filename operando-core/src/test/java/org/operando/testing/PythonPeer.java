package org.operando.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python peer (pyFAI, h5py, fabio, scikit-image, xraydb, ...) for parity tests. A test first calls
 * {@link #require(String, String)}, which skips it (JUnit assumption, with the reason and the Debian package to
 * install) when no python3 can import the module, and otherwise returns the interpreter to pass to
 * {@link #run(String, String, String...)}. Debian's {@code /usr/bin/python3} is tried first (it sees the
 * python3-* packages), then {@code python3} on the PATH; the system property {@code operando.python} names the
 * one interpreter to use instead (e.g. {@code -Doperando.python=/nonexistent} to see every parity test skip). Scripts run with a time limit, their stdout and stderr
 * captured separately (through files, so a chatty peer cannot block on a full pipe), and with the Debian HDF5
 * filter plugin folder on {@code HDF5_PLUGIN_PATH} (bitshuffle, LZ4) unless the caller's environment sets it.
 */
public final class PythonPeer {
    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");
    /** System property naming the one interpreter to try instead of {@link #CANDIDATES}. */
    public static final String PROPERTY = "operando.python";
    private static final String HDF5_PLUGINS = "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    /** The time limit of {@link #run(String, String, String...)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, Optional<String>> FOUND = new ConcurrentHashMap<>();

    private PythonPeer() { }

    /** What a script did: its exit status and what it printed to stdout and stderr. */
    public record Result(int exit, String out, String err) {
        /** stdout and stderr together, for assertion messages. */
        public String log() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * The first interpreter for which {@code python3 -c check} exits 0 (checks are cached per JVM), or empty.
     * {@code check} is usually {@code "import module"}; it may also test a version.
     */
    public static Optional<String> find(String check) {
        return FOUND.computeIfAbsent(check, c -> {
            String chosen = System.getProperty(PROPERTY);
            for (String py : chosen == null || chosen.isBlank() ? CANDIDATES : List.of(chosen)) {
                try {
                    if (execute(List.of(py, "-c", c), Map.of(), CHECK_TIMEOUT).exit() == 0) {
                        return Optional.of(py);
                    }
                } catch (IOException e) {
                    // not there or not answering: try the next candidate
                }
            }
            return Optional.empty();
        });
    }

    /** True when some python3 can {@code import module}. */
    public static boolean has(String module) {
        return find("import " + module).isPresent();
    }

    /**
     * A python3 that can {@code import module}; skips the calling test when there is none, naming the module and
     * the Debian package that provides it ({@code debianPackage}, e.g. {@code "python3-pyfai"}).
     */
    public static String require(String module, String debianPackage) {
        return requireWhere("import " + module, "parity peer absent: no python3 that can import '" + module
                + "' (apt-get install " + debianPackage + "): test skipped");
    }

    /** A python3 for which {@code python3 -c check} exits 0; skips the calling test with {@code reason} otherwise. */
    public static String requireWhere(String check, String reason) {
        Optional<String> py = find(check);
        assumeTrue(py.isPresent(), reason);
        return py.get();
    }

    /** Runs the Python source {@code code} with {@code args} (as {@code sys.argv[1:]}) under {@link #DEFAULT_TIMEOUT}. */
    public static Result run(String python, String code, String... args) throws IOException {
        return run(python, code, Map.of(), DEFAULT_TIMEOUT, args);
    }

    /**
     * Runs the Python source {@code code} (written to a temporary script) with {@code args}, extra environment
     * variables {@code env}, and a time limit; an {@link IOException} when it does not finish in time.
     */
    public static Result run(String python, String code, Map<String, String> env, Duration timeout, String... args)
            throws IOException {
        Path script = Files.createTempFile("operando-peer", ".py");
        try {
            Files.writeString(script, code, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
            cmd.addAll(List.of(args));
            return execute(cmd, env, timeout);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The text of a class-path resource next to {@code owner} (a peer script kept as a resource). */
    public static String resource(Class<?> owner, String name) throws IOException {
        try (var in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " next to " + owner.getName() + " not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A little-endian float64 file (what {@code numpy.ndarray.astype('<f8').tofile} writes) as a buffer. */
    public static DoubleBuffer readDoubles(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    }

    private static Result execute(List<String> cmd, Map<String, String> env, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (Files.isDirectory(Path.of(HDF5_PLUGINS)) && System.getenv("HDF5_PLUGIN_PATH") == null) {
            pb.environment().put("HDF5_PLUGIN_PATH", HDF5_PLUGINS);
        }
        pb.environment().putAll(env);
        Path out = Files.createTempFile("operando-peer", ".out");
        Path err = Files.createTempFile("operando-peer", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + " did not finish in " + timeout.toMillis() / 1000.0
                            + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
