package org.operando.sim.saxstomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.sim.swaxs.ScatteringModel;
import org.operando.util.ProgressListener;

/** The three-electrode SAXS-CT twin against its own analytic truth. */
class SaxsTomoTwinTest {
    static SaxsTomoTwin.Config tiny() {
        SaxsTomoTwin.Config s = SaxsTomoTwin.Config.ofSize("small", 3);
        return new SaxsTomoTwin.Config("tiny", 12, 2, 6, 40, 3.5, 2, 0.5, 0, s.flux(), s.exposure(), s.saxs(), 3, 1);
    }

    /**
     * The twin's ray sums of the electrode fraction equal the exact chord of the cap's circle in the slice (radius
     * from the sphere) for rays through the middle, within the rasterisation error (4³ sub-samples, Joseph
     * interpolation): 3 % of the chord.
     */
    @Test
    void raySumsAreChordsThroughTheCap() {
        SaxsTomoTwin.Config c = SaxsTomoTwin.Config.ofSize("small", 1);
        SaxsTomoTwin twin = new SaxsTomoTwin(c);
        SaxsTomoTwin.Sample s = twin.sample(0);
        double rs = (c.capRadius() * c.capRadius() + c.capHeight() * c.capHeight()) / (2 * c.capHeight());
        double zc = c.capHeight() - rs;
        int z = 1;
        float[] rays = twin.rayIntegrals(s, z);
        // ∫μ dl / (μ of the electrode) is the chord in cm when the filling is uniform; use the Porod channel instead,
        // which is fraction × POROD_A × (seiFactor = 1) per cm, the same for every voxel
        double perCm = ScatteringModel.POROD_A;
        double voxelCm = c.voxelUm() * 1e-4;
        double zz = z + 0.5 - zc;
        double rz = Math.sqrt(rs * rs - zz * zz);
        for (int a : new int[] {0, 18, 36}) {
            double th = Math.toRadians(c.anglesDeg()[a]);
            // centre of the cap circle projects to u = axis + X cos θ − Y sin θ
            double uc = c.axis() + c.capOffsetX() * Math.cos(th) - c.capOffsetY() * Math.sin(th);
            int j = (int) Math.round(uc);
            double d = j - uc;
            double chord = 2 * Math.sqrt(rz * rz - d * d) * voxelCm;
            double sum = rays[(a * c.n() + j) * SaxsTomoTwin.CHANNELS + ScatteringModel.POROD] / perCm;
            assertThat(sum).as("angle %d", a).isCloseTo(chord, within(0.03 * chord));
        }
    }

    /**
     * Truth: pristine has a narrow filling distribution, higher sodiation fills more micropores with a broader
     * distribution, so the micropore-region intensity of interior voxels is lower and broader.
     */
    @Test
    void microporeIntensityIsLowerAndBroaderWithSodiation() {
        SaxsTomoTwin twin = new SaxsTomoTwin(SaxsTomoTwin.Config.ofSize("small", 1));
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int e = 0; e < 3; e++) {
            SaxsTomoTwin.Sample s = twin.sample(e);
            double s1 = 0;
            double s2 = 0;
            double f1 = 0;
            int n = 0;
            for (int i = 0; i < s.fraction().length; i++) {
                if (s.fraction()[i] == 1f) {
                    double v = s.regionMean(i, 0.2, 0.5);
                    s1 += v;
                    s2 += v * v;
                    f1 += s.filling()[i];
                    n++;
                }
            }
            mean[e] = s1 / n;
            std[e] = Math.sqrt(s2 / n - mean[e] * mean[e]);
            assertThat(f1 / n).as("mean filling").isCloseTo(SaxsTomoTwin.ELECTRODES.get(e).fillingMean(), within(0.03));
        }
        assertThat(mean[0]).isGreaterThan(mean[1]);
        assertThat(mean[1]).isGreaterThan(mean[2]);
        assertThat(std[0]).isLessThan(std[1]);
        assertThat(std[1]).isLessThan(std[2]);
        assertThat(std[0]).isLessThan(0.2 * std[2]);
    }

    /** The written layout: masters with angle, raster shape and diode (T = 1 off the electrode, < 1 through it), frames, truth. */
    @Test
    void writesMastersFramesAndTruth(@TempDir Path dir) throws Exception {
        SaxsTomoTwin twin = new SaxsTomoTwin(tiny());
        Path out = dir.resolve("sim");
        new SaxsTomoWriter(twin).write(out, ProgressListener.NONE);
        for (String e : new String[] {"pristine", "low", "high"}) {
            assertThat(out.resolve(e).resolve("saxs.poni")).exists();
            assertThat(out.resolve(e).resolve("truth/truth.h5")).exists();
            try (HdfFile h = new HdfFile(out.resolve(e).resolve("raw/proj003_master.h5"))) {
                assertThat(((Number) h.getDatasetByPath("/entry/sample/rotation_angle").getData()).doubleValue())
                        .isEqualTo(90.0);
                assertThat((int[]) h.getDatasetByPath("/entry/scan/shape").getData()).containsExactly(2, 12);
                double[] diode = (double[]) h.getDatasetByPath("/entry/instrument/diode/data").getData();
                double open = ((Number) h.getDatasetByPath("/entry/instrument/diode/open_beam").getData()).doubleValue();
                // outside the electrode the beam is not attenuated (Poisson noise of 1e9 counts: 3e-5 relative)
                assertThat(diode[0] / open).isCloseTo(1.0, within(2e-4));
                // through the electrode (dry hard carbon, ~0.4 mm): a few per mille to percent absorbed
                assertThat(diode[6] / open).isLessThan(0.9995).isGreaterThan(0.95);
            }
            try (HdfFile h = new HdfFile(out.resolve(e).resolve("raw/proj003_saxs_data_000001.h5"))) {
                assertThat(h.getDatasetByPath("/entry/data/data").getDimensions()).containsExactly(24, 32, 32);
            }
        }
        assertThat(Files.readString(out.resolve("simulation.json"))).contains("\"projections\" : 6");
    }
}
