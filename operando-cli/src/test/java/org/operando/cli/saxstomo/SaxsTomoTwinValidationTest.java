package org.operando.cli.saxstomo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.cli.CliTestSupport;

/**
 * End-to-end validation of {@code operando saxstomo} on the small three-electrode twin ({@code operando simulate
 * saxstomo --size small}: 24 translations × 6 rows × 72 projections at 40 µm, 32 × 32-pixel SAXS frames, Poisson
 * noise): raw frames are integrated, transmission-corrected, scaled to absolute units with the flux, reconstructed
 * by FBP (ramp) per q-bin, and compared voxel by voxel with the truth the twin wrote.
 */
class SaxsTomoTwinValidationTest {
    static final String[] ELECTRODES = {"pristine", "low", "high"};

    @TempDir
    static Path dir;
    static Path sim;
    static Path out;
    static CliTestSupport.Run run;

    /**
     * Simulates and analyses the small twin, or, with {@code -Doperando.saxstomo.twin=SIM -Doperando.saxstomo.out=OUT}
     * (e.g. the paper-size twin of {@code operando simulate saxstomo --size paper} and its {@code operando saxstomo}
     * output), validates an existing run with the same assertions.
     */
    @BeforeAll
    static void simulateAndAnalyse() {
        String givenSim = System.getProperty("operando.saxstomo.twin");
        String givenOut = System.getProperty("operando.saxstomo.out");
        if (givenSim != null && givenOut != null) {
            sim = Path.of(givenSim);
            out = Path.of(givenOut);
            System.out.println("validating the existing run " + out + " of the twin " + sim);
            return;
        }
        sim = dir.resolve("sim");
        out = dir.resolve("out");
        CliTestSupport.Run s = CliTestSupport.run("simulate", "saxstomo", "-o", sim.toString(), "--quiet");
        assertThat(s.code()).as(s.err()).isZero();
        run = CliTestSupport.run("saxstomo", sim.resolve("pristine").toString(), sim.resolve("low").toString(),
                sim.resolve("high").toString(), "-o", out.toString(), "--quiet");
        assertThat(run.code()).as(run.err()).isZero();
        System.out.print(run.out());
    }

    static float[][][] vol(HdfFile h, String path) {
        return (float[][][]) h.getDatasetByPath(path).getData();
    }

    /** Electrode mask from the 0.12–0.3 Å⁻¹ intensity (Otsu) against the truth mask (voxel ≥ half electrode). */
    @Test
    void electrodeMaskIouIsAtLeast0point9() {
        try (HdfFile r = new HdfFile(out.resolve("results.h5"))) {
            for (String e : ELECTRODES) {
                try (HdfFile t = new HdfFile(sim.resolve(e).resolve("truth/truth.h5"))) {
                    float[][][] m = vol(r, "/" + e + "/electrode_mask/data");
                    float[][][] tm = vol(t, "/entry/electrode_mask/data");
                    long inter = 0;
                    long union = 0;
                    for (int z = 0; z < m.length; z++) {
                        for (int y = 0; y < m[0].length; y++) {
                            for (int x = 0; x < m[0][0].length; x++) {
                                boolean a = m[z][y][x] > 0.5f;
                                boolean b = tm[z][y][x] > 0.5f;
                                inter += a && b ? 1 : 0;
                                union += a || b ? 1 : 0;
                            }
                        }
                    }
                    double iou = (double) inter / union;
                    System.out.printf("%s: mask IoU %.3f (%d truth voxels)%n", e, iou, union);
                    assertThat(iou).as(e).isGreaterThanOrEqualTo(0.9);
                }
            }
        }
    }

    /**
     * Reconstructed voxel curves (39 q-bins, cm⁻¹ sr⁻¹, absolute through the flux and the pixel solid angle) against
     * the truth curves of the twin for voxels entirely inside the electrode and not on its surface (their 3×3
     * in-plane neighbours and the voxels above and below are electrode too: partial-volume voxels are excluded,
     * as the 2×2×2-filtered analysis does). Error per voxel = RMS over q of (rec − truth) / truth. Expected: the
     * Poisson noise (≈ 10³ counts per pixel at 0.3 Å⁻¹, a few hundred pixels per q-bin) amplified by the ramp
     * filter over 72 projections, plus the q-smearing of 1.2-mm pixels at 0.4 m (bbox splitting over ±0.01 Å⁻¹
     * where the Porod/binder feature bends the curve at q &lt; 0.1 Å⁻¹): median ≤ 4 %, 90th percentile ≤ 6 %, and
     * the mean over those voxels within 3 % of the truth in every q-bin above 0.05 Å⁻¹ (no bias in the absolute scale).
     */
    @Test
    void voxelCurvesMatchTheTruth() {
        try (HdfFile r = new HdfFile(out.resolve("results.h5"))) {
            for (String e : ELECTRODES) {
                try (HdfFile t = new HdfFile(sim.resolve(e).resolve("truth/truth.h5"))) {
                    float[][][][] rec = (float[][][][]) r.getDatasetByPath("/" + e + "/volume/data").getData();
                    float[][][][] tru = (float[][][][]) t.getDatasetByPath("/entry/voxel_curves/data").getData();
                    float[][][] frac = vol(t, "/entry/electrode_fraction/data");
                    double[] q = (double[]) r.getDatasetByPath("/" + e + "/volume/q").getData();
                    double[] qt = (double[]) t.getDatasetByPath("/entry/voxel_curves/q").getData();
                    assertThat(q).containsExactly(qt, org.assertj.core.data.Offset.offset(1e-12));
                    int nq = q.length;
                    int nz = frac.length;
                    int n = frac[0].length;
                    double[] errs = new double[n * n * nz];
                    double[] sumRec = new double[nq];
                    double[] sumTru = new double[nq];
                    int count = 0;
                    for (int z = 1; z < nz - 1; z++) {
                        for (int y = 1; y < n - 1; y++) {
                            for (int x = 1; x < n - 1; x++) {
                                if (!interior(frac, x, y, z)) {
                                    continue;
                                }
                                double s = 0;
                                for (int c = 0; c < nq; c++) {
                                    double d = (rec[c][z][y][x] - tru[c][z][y][x]) / tru[c][z][y][x];
                                    s += d * d;
                                    sumRec[c] += rec[c][z][y][x];
                                    sumTru[c] += tru[c][z][y][x];
                                }
                                errs[count++] = Math.sqrt(s / nq);
                            }
                        }
                    }
                    double[] ev = Arrays.copyOf(errs, count);
                    Arrays.sort(ev);
                    double median = ev[count / 2];
                    double p90 = ev[(int) (0.9 * (count - 1))];
                    double worstBias = 0;
                    for (int c = 0; c < nq; c++) {
                        if (q[c] > 0.05) {
                            worstBias = Math.max(worstBias, Math.abs(sumRec[c] / sumTru[c] - 1));
                        }
                    }
                    System.out.printf("%s: %d interior voxels, voxel-curve relative RMS error median %.4f, p90 %.4f,"
                            + " worst q-bin bias of the mean curve (q > 0.05) %.4f%n", e, count, median, p90, worstBias);
                    assertThat(count).isGreaterThan(100);
                    assertThat(median).as(e + " median").isLessThan(0.04);
                    assertThat(p90).as(e + " p90").isLessThan(0.06);
                    assertThat(worstBias).as(e + " bias").isLessThan(0.03);
                }
            }
        }
    }

    static boolean interior(float[][][] f, int x, int y, int z) {
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if ((dz == 0 || (dx == 0 && dy == 0)) && f[z + dz][y + dy][x + dx] < 1f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Histograms of the micropore-region intensity in the (eroded) masks: mean pristine &gt; low &gt; high, width
     * pristine &lt; low &lt; high, and the means within 5 % of the truth means over the same voxels' truth (the
     * micropore-region mean of the truth curves, i.e. without the mean filter).
     */
    @Test
    void histogramsAreNarrowForPristineAndLowerAndBroaderWithSodiation() throws Exception {
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int e = 0; e < 3; e++) {
            JsonNode el = s.get("electrodes").get(e);
            assertThat(el.get("name").asText()).isEqualTo(ELECTRODES[e]);
            mean[e] = el.get("micropore_intensity").get("mean").asDouble();
            std[e] = el.get("micropore_intensity").get("std").asDouble();
            assertThat(el.get("voxels_in_statistics").asLong()).isGreaterThan(100);
            try (HdfFile t = new HdfFile(sim.resolve(ELECTRODES[e]).resolve("truth/truth.h5"))) {
                float[][][] mi = vol(t, "/entry/micropore_intensity/data");
                float[][][] frac = vol(t, "/entry/electrode_fraction/data");
                double sum = 0;
                int cnt = 0;
                for (int z = 1; z < frac.length - 1; z++) {
                    for (int y = 1; y < frac[0].length - 1; y++) {
                        for (int x = 1; x < frac[0].length - 1; x++) {
                            if (interior(frac, x, y, z)) {
                                sum += mi[z][y][x];
                                cnt++;
                            }
                        }
                    }
                }
                double truth = sum / cnt;
                System.out.printf("%s: micropore region mean %.4f (truth of interior voxels %.4f), std %.4f cm^-1 sr^-1%n",
                        ELECTRODES[e], mean[e], truth, std[e]);
                assertThat(mean[e]).isCloseTo(truth, org.assertj.core.data.Offset.offset(0.05 * truth));
            }
        }
        assertThat(mean[0]).isGreaterThan(mean[1]);
        assertThat(mean[1]).isGreaterThan(mean[2]);
        assertThat(std[0]).isLessThan(std[1]);
        assertThat(std[1]).isLessThan(std[2]);
        assertThat(std[0]).isLessThan(0.5 * std[2]);
    }

    @Test
    void writesFiguresReportAndSummary() {
        for (String f : new String[] {"results.h5", "summary.json", "report.html", "histograms.png", "mean_curves.png",
            "pristine_micropore_xy.png", "high_micropore_xz.png", "low_mask_intensity_xy.png", "high_micropore.tif"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        if (run != null) {
            assertThat(run.out()).contains("pristine:", "low:", "high:");
        }
    }
}
