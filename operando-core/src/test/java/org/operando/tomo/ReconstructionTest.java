package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.operando.tomo.TomoTestSupport.rms;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.operando.util.ProgressListener;

/** FBP, SIRT and CGLS against analytic phantoms with known truth. */
class ReconstructionTest {
    @Test
    void fbpOfAnalyticDiskRecoversItsValue() {
        int n = 128;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 360), n);
        List<Phantoms.Ellipse> disk = List.of(new Phantoms.Ellipse(0.7, 40, 40, 0, 0, 0));
        float[] rec = new Fbp(g, FbpFilter.RAMP).reconstruct(Phantoms.sinogram(disk, g, 8));
        // Interior (r < 35 px): mean within 0.5 % of 0.7 and flat to 1 %; exterior (45 < r < 60) near 0.
        double sIn = 0;
        double maxDev = 0;
        int cIn = 0;
        double sOut = 0;
        int cOut = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double d = Math.hypot(r - n / 2, c - n / 2);
                float v = rec[r * n + c];
                if (d < 35) {
                    sIn += v;
                    cIn++;
                    maxDev = Math.max(maxDev, Math.abs(v - 0.7));
                } else if (d > 45 && d < 60) {
                    sOut += Math.abs(v);
                    cOut++;
                }
            }
        }
        System.out.printf("FBP disk: interior mean %.5f (truth 0.7), max dev %.4f, exterior mean |v| %.5f%n",
                sIn / cIn, maxDev, sOut / cOut);
        assertThat(sIn / cIn).isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.0035));
        assertThat(maxDev).isLessThan(0.007);
        assertThat(sOut / cOut).isLessThan(0.002);
    }

    @Test
    void fbpOfSheppLoganAndOffCentreAxis() {
        int n = 128;
        List<Phantoms.Ellipse> ph = TomoTestSupport.sheppLogan(n);
        float[] truth = Phantoms.rasterize(ph, n, 4);
        boolean[] inner = TomoTestSupport.disk(n, 0.45 * n);
        for (double centre : new double[] {64, 58.4}) {
            ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 256), 140, centre, n);
            float[] rec = new Fbp(g, FbpFilter.SHEPP_LOGAN, Fbp.Interpolation.LINEAR, false).reconstruct(Phantoms.sinogram(ph, g, 4));
            double e = rms(rec, truth, inner);
            System.out.printf("FBP Shepp-Logan 128 px, 256 angles, centre %.1f: RMS vs truth %.4f%n", centre, e);
            // Edge blur of a pixelated phantom limits FBP; a wrong centre would give > 0.1.
            assertThat(e).isLessThan(0.06);
        }
    }

    @Test
    void sirtAndCglsConvergeMonotonicallyOnConsistentData() {
        int n = 64;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 48), n);
        SystemMatrix a = SystemMatrix.build(g);
        float[] truth = Phantoms.rasterize(TomoTestSupport.sheppLogan(n), n, 2);
        float[] b = new float[g.rayCount()];
        a.forward(truth, b, 1, true);
        IterativeSolver.Result s = IterativeSolver.sirt(a, b, 1, IterativeSolver.Options.of(100), null, true);
        IterativeSolver.Result sn = IterativeSolver.sirt(a, b, 1, IterativeSolver.Options.of(100).withNonNegative(true), null, true);
        IterativeSolver.Result c = IterativeSolver.cgls(a, b, 1, IterativeSolver.Options.of(60), null, true);
        for (int k = 1; k < s.weightedResidual().length; k++) {
            assertThat(s.weightedResidual()[k]).isLessThanOrEqualTo(s.weightedResidual()[k - 1] * (1 + 1e-6));
            assertThat(sn.weightedResidual()[k]).isLessThanOrEqualTo(sn.weightedResidual()[k - 1] * (1 + 1e-6));
        }
        for (int k = 1; k < c.residual().length; k++) {
            assertThat(c.residual()[k]).isLessThanOrEqualTo(c.residual()[k - 1] * (1 + 1e-5));
        }
        System.out.printf("consistent data: SIRT residual %.3g -> %.3g (100 it), CGLS %.3g -> %.3g (60 it); RMS vs truth SIRT %.4f CGLS %.4f%n",
                s.residual()[0], s.residual()[100], c.residual()[0], c.residual()[60], rms(s.x(), truth, null), rms(c.x(), truth, null));
        assertThat(c.residual()[60]).isLessThan(0.01 * c.residual()[0]);
        assertThat(s.residual()[100]).isLessThan(0.05 * s.residual()[0]);
        assertThat(rms(c.x(), truth, null)).isLessThan(0.05);
    }

    @Test
    void supportMaskKeepsOutsideAtZero() {
        int n = 48;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 30), n);
        SystemMatrix a = SystemMatrix.build(g);
        float[] truth = Phantoms.rasterize(List.of(new Phantoms.Ellipse(1, 12, 8, 3, -2, 0.3)), n, 2);
        float[] b = new float[g.rayCount()];
        a.forward(truth, b, 1, true);
        boolean[] support = TomoTestSupport.disk(n, 16);
        for (IterativeSolver.Result r : List.of(
                IterativeSolver.sirt(a, b, 1, IterativeSolver.Options.of(50).withSupport(support), null, false),
                IterativeSolver.cgls(a, b, 1, IterativeSolver.Options.of(20).withSupport(support).withNonNegative(true), null, false))) {
            for (int p = 0; p < support.length; p++) {
                if (!support[p]) {
                    assertThat(r.x()[p]).isZero();
                }
                assertThat(r.x()[p]).isGreaterThanOrEqualTo(support[p] ? -1f : 0f);
            }
        }
    }

    /** RMS errors of FBP, SIRT and CGLS (non-negative, support = object disk) for an angle set. */
    static double[] compare(double from, double to, int count, String label) {
        int n = 96;
        List<Phantoms.Ellipse> ph = TomoTestSupport.sheppLogan(n);
        float[] truth = Phantoms.rasterize(ph, n, 4);
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(from, to, count), n);
        float[] b = Phantoms.sinogram(ph, g, 4);
        boolean[] support = TomoTestSupport.disk(n, 0.46 * n);
        float[] fbp = new Fbp(g, FbpFilter.RAMP, Fbp.Interpolation.LINEAR, false).reconstruct(b);
        SystemMatrix a = SystemMatrix.build(g);
        IterativeSolver.Options o = IterativeSolver.Options.of(200).withNonNegative(true).withSupport(support);
        float[] sirt = IterativeSolver.sirt(a, b, 1, o, null, true).x();
        float[] cgls = IterativeSolver.cgls(a, b, 1, new IterativeSolver.Options(30, true, support, 1), null, true).x();
        double[] e = {rms(fbp, truth, null), rms(sirt, truth, null), rms(cgls, truth, null)};
        System.out.printf("%-26s RMS vs truth: FBP %.4f  SIRT(200) %.4f  CGLS(30) %.4f%n", label, e[0], e[1], e[2]);
        return e;
    }

    @Test
    void limitedAngleAndFewViewsAreBetterIterativelyThanWithFbp() {
        double[] la60 = compare(-60, 60, 121, "limited angle ±60° (121)");
        double[] la120 = compare(-120, 120, 241, "limited angle ±120° (241)");
        double[] few = compare(0, 180, 72, "few views 72 over 180°");
        for (double[] e : List.of(la60, la120, few)) {
            assertThat(e[1]).isLessThan(e[0]);
            assertThat(e[2]).isLessThan(e[0]);
        }
    }

    @Test
    void multiChannelReconstructionEqualsChannelByChannel() {
        int n = 40;
        int nz = 3;
        int nc = 4;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 36), n);
        float[][][] ch = new float[nc][g.angleCount()][nz * n];
        for (int c = 0; c < nc; c++) {
            for (int z = 0; z < nz; z++) {
                float[] s = Phantoms.sinogram(List.of(new Phantoms.Ellipse(1 + c, 10 + z, 6 + c, c - 2, z, 0.2 * c)), g, 2);
                for (int a = 0; a < g.angleCount(); a++) {
                    System.arraycopy(s, a * n, ch[c][a], z * n, n);
                }
            }
        }
        Sinograms all = Sinograms.ofChannels(ch, nz, n);
        for (Reconstructor.Method m : Reconstructor.Method.values()) {
            Reconstructor.Settings set = m == Reconstructor.Method.FBP ? Reconstructor.Settings.fbp(FbpFilter.HANN)
                    : Reconstructor.Settings.iterative(m, IterativeSolver.Options.of(15).withNonNegative(true));
            float[][] joint = Reconstructor.reconstruct(all, g, set, ProgressListener.NONE, null);
            for (int c = 0; c < nc; c++) {
                float[][] one = Reconstructor.reconstruct(Sinograms.ofProjections(ch[c], nz, n), g, set, ProgressListener.NONE, null);
                for (int z = 0; z < nz; z++) {
                    for (int p = 0; p < n * n; p++) {
                        assertThat(joint[z][p * nc + c]).as(m + " channel " + c).isCloseTo(one[z][p], org.assertj.core.data.Offset.offset(1e-4f));
                    }
                }
            }
            var axis = org.operando.data.Axis.linear("q", org.operando.data.Unit.Q_INV_ANGSTROM, 0.1, 0.4, nc);
            var cv = Reconstructor.toCurveVolume(joint, g, axis, 2.0, "I", org.operando.data.Unit.ARBITRARY);
            assertThat(cv.get(2, 7, 11, 1)).isEqualTo(joint[1][(11 * n + 7) * nc + 2]);
        }
    }
}
