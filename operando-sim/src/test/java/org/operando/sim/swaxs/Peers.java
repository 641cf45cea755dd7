package org.operando.sim.swaxs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Python peers (xraydb, h5py, pyFAI) for parity tests; tests skip when a peer is absent. */
final class Peers {
    private Peers() { }

    /** The Debian interpreter when present (it sees the python3-* packages), else python3 on the PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** True when {@code import module} works. */
    static boolean has(String module) {
        try {
            return run("import " + module, 60).exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    record Result(int exitCode, String out, String err) { }

    static Result run(String script, int timeoutSeconds, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python(), "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
