package org.operando.io.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Python peer (h5py) for parity tests; skips the test with a reason when Python or the module is absent. */
public final class PythonPeer {
    private static final String[] CANDIDATES = {"/usr/bin/python3", "python3"};
    private static final String PLUGINS = "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins";

    private PythonPeer() { }

    /** A python3 that can import {@code module}; skips the calling test when there is none. */
    public static String require(String module) {
        for (String py : CANDIDATES) {
            try {
                Result r = run(py, "import " + module);
                if (r.exit == 0) {
                    return py;
                }
            } catch (IOException e) {
                // try the next candidate
            }
        }
        assumeTrue(false, "parity peer absent: no python3 with '" + module + "' (apt-get install python3-h5py)");
        return null;
    }

    public record Result(int exit, String out, String err) { }

    /** Runs {@code script} (with args) under {@code python}, with the Debian HDF5 plugin path set; 120 s limit. */
    public static Result run(String python, String script, String... args) throws IOException {
        Path f = Files.createTempFile("operando-peer", ".py");
        try {
            Files.writeString(f, script);
            List<String> cmd = new ArrayList<>(List.of(python, f.toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (Files.isDirectory(Path.of(PLUGINS)) && System.getenv("HDF5_PLUGIN_PATH") == null) {
                pb.environment().put("HDF5_PLUGIN_PATH", PLUGINS);
            }
            Path out = Files.createTempFile("operando-peer", ".out");
            Path err = Files.createTempFile("operando-peer", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(python + " did not finish in 120 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
