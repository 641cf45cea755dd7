package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.operando.tomo.TomoTestSupport.dot;
import static org.operando.tomo.TomoTestSupport.random;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectorTest {
    private static ParallelGeometry geometry(int n, int nDet, int na, double span, double centre) {
        return ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(-span / 2 + 3.7, span / 2 + 3.7, na), nDet, centre, n);
    }

    @Test
    void josephIsExactlyTransposedForAllAngleOctants() {
        ParallelGeometry g = geometry(37, 45, 29, 360, 21.3);
        JosephProjector jp = new JosephProjector(g);
        float[] x = random(g.pixelCount(), 1);
        float[] y = random(g.rayCount(), 2);
        float[] ax = new float[g.rayCount()];
        float[] aty = new float[g.pixelCount()];
        jp.forward(x, ax, 1, true);
        jp.adjoint(y, aty, 1, true);
        double lhs = dot(ax, y);
        double rhs = dot(x, aty);
        // float32 rounding only: relative agreement 1e-5.
        assertThat(Math.abs(lhs - rhs)).isLessThan(1e-5 * Math.sqrt(dot(ax, ax) * dot(y, y)));
    }

    @Test
    void systemMatrixEqualsOnTheFlyProjectorForManyChannels() {
        ParallelGeometry g = geometry(30, 34, 18, 180, 16.6);
        JosephProjector jp = new JosephProjector(g);
        SystemMatrix sm = SystemMatrix.build(g);
        int nc = 5;
        float[] x = random(g.pixelCount() * nc, 3);
        float[] y = random(g.rayCount() * nc, 4);
        float[] a1 = new float[g.rayCount() * nc];
        float[] a2 = new float[g.rayCount() * nc];
        jp.forward(x, a1, nc, false);
        sm.forward(x, a2, nc, true);
        float[] b1 = new float[g.pixelCount() * nc];
        float[] b2 = new float[g.pixelCount() * nc];
        jp.adjoint(y, b1, nc, true);
        sm.adjoint(y, b2, nc, false);
        for (int i = 0; i < a1.length; i++) {
            assertThat(a2[i]).isCloseTo(a1[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        for (int i = 0; i < b1.length; i++) {
            assertThat(b2[i]).isCloseTo(b1[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        // Channel k of the multi-channel result equals the single-channel projection of channel k.
        float[] x2 = new float[g.pixelCount()];
        for (int p = 0; p < x2.length; p++) {
            x2[p] = x[p * nc + 2];
        }
        float[] single = new float[g.rayCount()];
        sm.forward(x2, single, 1, false);
        for (int i = 0; i < single.length; i++) {
            assertThat(a2[i * nc + 2]).isCloseTo(single[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    /** Channel strides that are padded internally (2, 3, 5, 39) or not (4, 8) give every channel exactly its own projection. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 4, 5, 8, 39})
    void systemMatrixChannelsAreIndependentForAnyChannelCount(int nc) {
        ParallelGeometry g = geometry(23, 27, 12, 180, 13.1);
        SystemMatrix sm = SystemMatrix.build(g);
        float[] x = random(g.pixelCount() * nc, 7);
        float[] y = random(g.rayCount() * nc, 8);
        float[] ax = new float[g.rayCount() * nc];
        float[] aty = new float[g.pixelCount() * nc];
        sm.forward(x, ax, nc, nc % 2 == 0);
        sm.adjoint(y, aty, nc, nc % 2 == 1);
        for (int k = 0; k < nc; k++) {
            float[] xk = new float[g.pixelCount()];
            float[] yk = new float[g.rayCount()];
            for (int p = 0; p < xk.length; p++) {
                xk[p] = x[p * nc + k];
            }
            for (int r = 0; r < yk.length; r++) {
                yk[r] = y[r * nc + k];
            }
            float[] fk = new float[g.rayCount()];
            float[] bk = new float[g.pixelCount()];
            sm.forward(xk, fk, 1, false);
            sm.adjoint(yk, bk, 1, false);
            // The same non-zeros in the same order with fused multiply-adds: identical to the last bit.
            for (int r = 0; r < fk.length; r++) {
                assertThat(ax[r * nc + k]).isEqualTo(fk[r]);
            }
            for (int p = 0; p < bk.length; p++) {
                assertThat(aty[p * nc + k]).isEqualTo(bk[p]);
            }
        }
    }

    @Test
    void projectionOfUniformImageIsTheChordLength() {
        int n = 64;
        ParallelGeometry g = ParallelGeometry.ofDegrees(new double[] {0, 90, 30}, n, n / 2, n);
        float[] ones = new float[n * n];
        java.util.Arrays.fill(ones, 1f);
        float[] p = new float[g.rayCount()];
        new JosephProjector(g).forward(ones, p, 1, true);
        // At 0° and 90° every ray crosses exactly n unit pixels.
        assertThat(p[n / 2]).isEqualTo(64f);
        assertThat(p[n + 5]).isEqualTo(64f);
        // At 30° the central ray crosses the square along a chord of length n / cos 30°.
        assertThat((double) p[2 * n + n / 2]).isCloseTo(n / Math.cos(Math.toRadians(30)), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void josephProjectionOfRasterisedPhantomMatchesTheAnalyticSinogram() {
        int n = 128;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 90), n);
        List<Phantoms.Ellipse> ph = TomoTestSupport.sheppLogan(n);
        float[] img = Phantoms.rasterize(ph, n, 4);
        float[] p = new float[g.rayCount()];
        new JosephProjector(g).forward(img, p, 1, true);
        float[] exact = Phantoms.sinogram(ph, g, 4);
        double max = 0;
        for (float v : exact) {
            max = Math.max(max, v);
        }
        double rel = TomoTestSupport.rms(p, exact, null) / max;
        System.out.printf("Joseph vs analytic Shepp-Logan sinogram (128 px, 90 angles): RMS %.4f of max%n", rel);
        // Discretisation of a pixelated phantom with sharp edges (errors sit at tangent rays): below 1 % of max.
        assertThat(rel).isLessThan(0.01);
        // An off-centre ellipse (catches any sign or axis error in the geometry): below 0.5 % of max.
        List<Phantoms.Ellipse> e = List.of(new Phantoms.Ellipse(1, 25, 10, 20, -10, 0.5));
        new JosephProjector(g).forward(Phantoms.rasterize(e, n, 8), p, 1, true);
        float[] ex2 = Phantoms.sinogram(e, g, 8);
        assertThat(TomoTestSupport.rms(p, ex2, null) / 50.0).isLessThan(0.005);
    }
}
