package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.operando.data.Axis;
import org.operando.data.CurveVolume;
import org.operando.data.Unit;
import org.operando.util.ProgressListener;

/**
 * SAXS tomography analysis on a synthetic electrode with known truth: a spherical-cap electrode (radius shrinking
 * with height) inside a weakly scattering capillary, 39 q-bins, 72 exact projections over 180° per q-bin,
 * multi-channel SIRT, then mask, voxel curves and micropore-region statistics against the truth.
 */
class SaxsTomographyTest {
    static final int N = 48;
    static final int NZ = 8;

    static double electrode(double q) {
        return 2.0 / (1 + (q / 0.08) * (q / 0.08)) + 0.6 * Math.exp(-Math.pow((q - 0.35) / 0.1, 2));
    }

    static double capillary(double q) {
        return 0.08 / (1 + (q / 0.3) * (q / 0.3));
    }

    static double capRadius(int z) {
        double rSphere = 22;
        double zc = -12; // sphere centre below the first slice: a cap
        double dz = z * 2.0 - zc;
        return Math.sqrt(Math.max(0, rSphere * rSphere - dz * dz));
    }

    @Test
    void maskVoxelCurvesAndMicroporeRegionMatchTheTruth() {
        Axis q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.02, 0.6, 39);
        int nc = q.size();
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 72), N);
        float[][][] ch = new float[nc][g.angleCount()][NZ * N];
        boolean[] truthMask = new boolean[N * N * NZ];
        for (int z = 0; z < NZ; z++) {
            double re = capRadius(z);
            for (int c = 0; c < nc; c++) {
                double qe = q.get(c);
                List<Phantoms.Ellipse> ph = List.of(new Phantoms.Ellipse(capillary(qe), 21, 21, 0, 0, 0),
                        new Phantoms.Ellipse(electrode(qe) - capillary(qe), re, re * 0.8, 2, -1, 0.3));
                float[] s = Phantoms.sinogram(ph, g, 2);
                for (int a = 0; a < g.angleCount(); a++) {
                    System.arraycopy(s, a * N, ch[c][a], z * N, N);
                }
            }
            float[] frac = Phantoms.rasterize(List.of(new Phantoms.Ellipse(1, re, re * 0.8, 2, -1, 0.3)), N, 4);
            for (int p = 0; p < N * N; p++) {
                truthMask[z * N * N + p] = frac[p] >= 0.5f;
            }
        }
        float[][] rec = Reconstructor.reconstruct(Sinograms.ofChannels(ch, NZ, N), g,
                Reconstructor.Settings.iterative(Reconstructor.Method.SIRT, IterativeSolver.Options.of(150).withNonNegative(true)),
                ProgressListener.NONE, null);
        CurveVolume cv = Reconstructor.toCurveVolume(rec, g, q, 25.0, "I", Unit.INV_CENTIMETER);
        SaxsTomography.Result r = SaxsTomography.analyse(cv, SaxsTomography.MASK_Q_MIN, SaxsTomography.MASK_Q_MAX,
                SaxsTomography.MICROPORE_Q_MIN, SaxsTomography.MICROPORE_Q_MAX, 2, 40);
        long inter = 0;
        long union = 0;
        for (int i = 0; i < truthMask.length; i++) {
            inter += truthMask[i] && r.mask()[i] ? 1 : 0;
            union += truthMask[i] || r.mask()[i] ? 1 : 0;
        }
        double iou = (double) inter / union;
        // Voxel curves well inside the electrode (slice 2, near the ellipse centre) against the truth curve.
        double worst = 0;
        for (int[] v : new int[][] {{N / 2 + 2, N / 2 - 1, 2}, {N / 2 + 6, N / 2 + 2, 1}, {N / 2 - 3, N / 2 - 3, 3}}) {
            var curve = cv.curveAt(v[0], v[1], v[2]);
            double s = 0;
            double t = 0;
            for (int c = 0; c < nc; c++) {
                double d = curve.values()[c] - electrode(q.get(c));
                s += d * d;
                t += electrode(q.get(c)) * electrode(q.get(c));
            }
            worst = Math.max(worst, Math.sqrt(s / t));
        }
        double regionTruth = 0;
        int nreg = 0;
        for (int c = 0; c < nc; c++) {
            if (q.get(c) >= 0.2 && q.get(c) <= 0.5) {
                regionTruth += electrode(q.get(c));
                nreg++;
            }
        }
        regionTruth /= nreg;
        System.out.printf("SAXS-CT twin: mask IoU %.3f, worst interior voxel-curve RMS %.3f of the curve norm, "
                        + "micropore-region median in mask %.4f (truth %.4f), histogram width (p95-p05) %.4f%n",
                iou, worst, r.stats().median(), regionTruth, r.stats().p95() - r.stats().p05());
        assertThat(iou).isGreaterThanOrEqualTo(0.9);
        assertThat(worst).isLessThan(0.03);
        assertThat(r.stats().median()).isCloseTo(regionTruth, org.assertj.core.data.Offset.offset(0.03 * regionTruth));
    }

    /**
     * Three electrodes, the micropore scattering scaled by s: pristine s = 1 everywhere; low sodiation s = 0.85
     * with an inner region at 0.7; high sodiation s = 0.75 with an inner region at 0.35 (micropores filled
     * unevenly). The masked micropore-region histograms must order as pristine &gt; low &gt; high in the mean and
     * pristine &lt; high in the width (standard deviation).
     */
    @Test
    void histogramsOrderPristineLowAndHighSodiation() {
        Axis q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.02, 0.6, 39);
        int n = 40;
        int nz = 3;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 72), n);
        double[][] cases = {{1.0, 1.0}, {0.85, 0.7}, {0.75, 0.35}};
        VolumeTools.Stats[] st = new VolumeTools.Stats[3];
        for (int e = 0; e < 3; e++) {
            double outer = cases[e][0];
            double inner = cases[e][1];
            float[][][] ch = new float[q.size()][g.angleCount()][nz * n];
            for (int c = 0; c < q.size(); c++) {
                double qe = q.get(c);
                double bump = 0.6 * Math.exp(-Math.pow((qe - 0.35) / 0.1, 2));
                double base = 2.0 / (1 + (qe / 0.08) * (qe / 0.08));
                List<Phantoms.Ellipse> ph = List.of(new Phantoms.Ellipse(capillary(qe), 18, 18, 0, 0, 0),
                        new Phantoms.Ellipse(base + outer * bump - capillary(qe), 14, 11, 1, 0, 0.2),
                        new Phantoms.Ellipse((inner - outer) * bump, 7, 6, 2, 1, 0.2));
                float[] s = Phantoms.sinogram(ph, g, 2);
                for (int a = 0; a < g.angleCount(); a++) {
                    for (int z = 0; z < nz; z++) {
                        System.arraycopy(s, a * n, ch[c][a], z * n, n);
                    }
                }
            }
            float[][] rec = Reconstructor.reconstruct(Sinograms.ofChannels(ch, nz, n), g,
                    Reconstructor.Settings.iterative(Reconstructor.Method.SIRT, IterativeSolver.Options.of(100).withNonNegative(true)),
                    ProgressListener.NONE, null);
            CurveVolume cv = Reconstructor.toCurveVolume(rec, g, q, 25.0, "I", Unit.INV_CENTIMETER);
            st[e] = SaxsTomography.analyse(cv, SaxsTomography.MASK_Q_MIN, SaxsTomography.MASK_Q_MAX,
                    SaxsTomography.MICROPORE_Q_MIN, SaxsTomography.MICROPORE_Q_MAX, 2, 40, 2).stats();
            System.out.printf("electrode %d (s outer %.2f, inner %.2f): micropore region in the mask eroded by 2 px: "
                    + "mean %.4f, std %.4f (%d voxels)%n", e, outer, inner, st[e].mean(), st[e].std(), st[e].count());
        }
        assertThat(st[0].mean()).isGreaterThan(st[1].mean());
        assertThat(st[1].mean()).isGreaterThan(st[2].mean());
        // Width: pristine is uniform (only reconstruction texture), high sodiation is bimodal.
        assertThat(st[0].std()).isLessThan(0.5 * st[2].std());
    }
}
