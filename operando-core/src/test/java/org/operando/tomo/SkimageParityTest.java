package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.testing.PythonPeer;

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

    @BeforeAll
    static void runSkimage() throws Exception {
        String py = PythonPeer.requireWhere("import skimage, sys; sys.exit(0 if skimage.__version__.startswith('0.') else 1)",
                "python3 with scikit-image 0.x (apt-get install python3-skimage) not installed: parity test skipped");
        PythonPeer.Result r = PythonPeer.run(py, PythonPeer.resource(SkimageParityTest.class, "skimage_fbp.py"),
                Map.of(), Duration.ofSeconds(300), dir.toString(), "256", "180");
        assertThat(r.exit()).as(r.log()).isZero();
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
