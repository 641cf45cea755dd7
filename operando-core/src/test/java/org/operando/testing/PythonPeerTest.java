package org.operando.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The shared Python-peer helper: skips with a reason when a module is absent, runs and captures when present. */
class PythonPeerTest {
    @TempDir
    Path dir;

    @Test
    void anAbsentModuleSkipsWithTheModuleAndThePackageInTheReason() {
        assertThat(PythonPeer.has("operando_no_such_module")).isFalse();
        assertThatThrownBy(() -> PythonPeer.require("operando_no_such_module", "python3-nothing"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("'operando_no_such_module'")
                .hasMessageContaining("apt-get install python3-nothing");
    }

    @Test
    void runPassesArgumentsAndEnvironmentAndCapturesBothStreams() throws IOException {
        String py = PythonPeer.require("sys", "python3");
        PythonPeer.Result r = PythonPeer.run(py, String.join("\n",
                "import os, sys",
                "print(sys.argv[1] + '|' + sys.argv[2] + '|' + os.environ['OPERANDO_PEER_TEST'])",
                "print('to stderr', file=sys.stderr)",
                "sys.exit(3)"), Map.of("OPERANDO_PEER_TEST", "env ok"), PythonPeer.DEFAULT_TIMEOUT, "a b", "c");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("a b|c|env ok\n");
        assertThat(r.err()).isEqualTo("to stderr\n");
        assertThat(r.log()).contains("exit 3", "a b|c|env ok", "to stderr");
    }

    @Test
    void aScriptThatOverrunsItsTimeLimitIsStoppedWithAnError() {
        String py = PythonPeer.require("time", "python3");
        assertThatThrownBy(() -> PythonPeer.run(py, "import time\ntime.sleep(30)", Map.of(), Duration.ofMillis(500)))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish in");
    }

    @Test
    void littleEndianDoublesReadBackAsNumpyWroteThem() throws IOException {
        String py = PythonPeer.require("numpy", "python3-numpy");
        Path f = dir.resolve("v.f64");
        PythonPeer.Result r = PythonPeer.run(py,
                "import numpy as np, sys\nnp.array([1.5, -2.25, 1e300]).astype('<f8').tofile(sys.argv[1])", f.toString());
        assertThat(r.exit()).as(r.log()).isZero();
        double[] v = new double[3];
        PythonPeer.readDoubles(f).get(v);
        assertThat(v).containsExactly(1.5, -2.25, 1e300);
        assertThat(Files.size(f)).isEqualTo(24);
    }
}
