package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with scikit-image 0.19 {@code iradon} (Debian python3-skimage): the same sinogram (made by skimage's
 * {@code radon} from its Shepp–Logan phantom, 256 px, 180 angles over 180°) reconstructed by both with every
 * filter, linear and nearest interpolation, circle=True. Skips when no python3 with skimage is found.
 */
class SkimageParityTest {
    @TempDir
    static Path dir;
    static int n;
    static int bins;
    static int angles;
    static float[] sinogram;

    static String python() {
        for (String p : List.of("python3", "/usr/bin/python3")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import skimage, sys; sys.exit(0 if skimage.__version__.startswith('0.') else 1)")
                        .redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return p;
                }
            } catch (IOException | InterruptedException e) {
                // try the next candidate
            }
        }
        return null;
    }

    @BeforeAll
    static void runSkimage() throws Exception {
        String py = python();
        Assumptions.assumeTrue(py != null, "python3 with scikit-image (python3-skimage) not installed: parity test skipped");
        Path script = dir.resolve("skimage_fbp.py");
        try (InputStream in = SkimageParityTest.class.getResourceAsStream("skimage_fbp.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process pr = new ProcessBuilder(py, script.toString(), dir.toString(), "256", "180").redirectErrorStream(true).start();
        String log = new String(pr.getInputStream().readAllBytes());
        assertThat(pr.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(pr.exitValue()).as(log).isZero();
        String meta = Files.readString(dir.resolve("meta.json"));
        n = Integer.parseInt(meta.replaceAll(".*\"n\": (\\d+).*", "$1"));
        bins = Integer.parseInt(meta.replaceAll(".*\"bins\": (\\d+).*", "$1"));
        angles = Integer.parseInt(meta.replaceAll(".*\"angles\": (\\d+).*", "$1"));
        sinogram = read("sinogram.bin", angles * bins);
    }

    static float[] read(String name, int count) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.remaining()).isEqualTo(count * 8);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) b.getDouble();
        }
        return v;
    }

    @Test
    void fbpMatchesIradonForEveryFilterWithin1PercentOfThePhantomRange() throws IOException {
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, angles), bins,
                ParallelGeometry.defaultCentre(bins), n);
        float[] phantom = read("phantom.bin", n * n);
        double range = 1.0; // the phantom spans 0 … 1
        for (FbpFilter f : List.of(FbpFilter.RAMP, FbpFilter.SHEPP_LOGAN, FbpFilter.COSINE, FbpFilter.HAMMING, FbpFilter.HANN)) {
            for (Fbp.Interpolation in : Fbp.Interpolation.values()) {
                float[] ours = new Fbp(g, f, in, true).reconstruct(sinogram);
                float[] theirs = read("rec_" + f.id() + "_" + in.name().toLowerCase(java.util.Locale.ROOT) + ".bin", n * n);
                double rms = TomoTestSupport.rms(ours, theirs, null) / range;
                double max = 0;
                for (int i = 0; i < ours.length; i++) {
                    max = Math.max(max, Math.abs(ours[i] - theirs[i]));
                }
                double vsTruth = TomoTestSupport.rms(theirs, phantom, null);
                System.out.printf("skimage parity %-11s %-7s: RMS diff %.2e, max diff %.2e (of range 1); skimage RMS vs phantom %.3f%n",
                        f.id(), in, rms, max, vsTruth);
                assertThat(rms).as(f.id() + " " + in).isLessThan(0.01);
                if (in == Fbp.Interpolation.LINEAR) {
                    // Same algorithm, float32 vs float64: agreement far inside the 1 % requirement.
                    assertThat(rms).as(f.id() + " " + in).isLessThan(1e-4);
                }
            }
        }
    }
}
