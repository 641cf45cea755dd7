package org.operando.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.operando.data.Mask;
import org.operando.util.InvalidInputException;

class GeometryTest {
    private static final double PX = 172e-6;

    @Test
    void untiltedDetectorHasAnalyticAnglesAndRadius() {
        Detector det = Detector.generic(PX, PX, 200, 300);
        double dist = 0.25;
        double poni1 = 0.0123;
        double poni2 = 0.0211;
        Geometry g = new Geometry(det, dist, poni1, poni2, 0, 0, 0, 1e-10);
        double[] tth = g.twoThetaArray();
        double[] chi = g.chiArray();
        double[] r = g.rArray();
        double[] q = g.qArray();
        double[] sa = g.solidAngleArray();
        for (int i = 0; i < 200; i += 7) {
            for (int j = 0; j < 300; j += 11) {
                double p1 = (i + 0.5) * PX - poni1;
                double p2 = (j + 0.5) * PX - poni2;
                double rr = Math.hypot(p1, p2);
                int k = i * 300 + j;
                // float32 pixel coordinates (as pyFAI) limit agreement to ~1e-8 m on 0.02 m
                assertThat(r[k]).isCloseTo(rr, within(5e-9));
                assertThat(tth[k]).isCloseTo(Math.atan2(rr, dist), within(3e-8));
                if (rr > 1e-3) {
                    assertThat(chi[k]).isCloseTo(Math.atan2(p1, p2), within(1e-5));
                }
                assertThat(q[k]).isCloseTo(4 * Math.PI / 1.0 * Math.sin(Math.atan2(rr, dist) / 2), within(1e-6));
                double cosa = dist / Math.sqrt(dist * dist + rr * rr);
                assertThat(sa[k]).isCloseTo(cosa * cosa * cosa, within(1e-7));
            }
        }
    }

    @Test
    void rot1MovesTheBeamCentreByDistTimesTan() {
        Detector det = Detector.named("Pilatus1M");
        double dist = 0.3;
        double rot1 = Math.toRadians(5);
        Geometry g = new Geometry(det, dist, 0.08, 0.07, rot1, 0, 0, 1e-10);
        double[] bc = g.beamCentrePixels();
        assertThat(bc[0]).isCloseTo(0.08 / PX, within(1e-9));
        assertThat(bc[1]).isCloseTo((0.07 - dist * Math.tan(rot1)) / PX, within(1e-9));
        assertThat(g.tth(bc[0], bc[1])).isCloseTo(0.0, within(1e-12));
        // the PONI is hit at normal incidence: its 2θ equals the tilt angle
        assertThat(g.tth(0.08 / PX, 0.07 / PX)).isCloseTo(rot1, within(1e-12));
    }

    @Test
    void rot2MovesTheBeamCentreAlongTheSlowAxis() {
        Detector det = Detector.named("Pilatus1M");
        double dist = 0.3;
        double rot2 = Math.toRadians(-3);
        Geometry g = new Geometry(det, dist, 0.08, 0.07, 0, rot2, 0, 1e-10);
        double[] bc = g.beamCentrePixels();
        assertThat(bc[0]).isCloseTo((0.08 + dist * Math.tan(rot2)) / PX, within(1e-9));
        assertThat(bc[1]).isCloseTo(0.07 / PX, within(1e-9));
        assertThat(g.tth(bc[0], bc[1])).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void absoluteSolidAngleSumsToTheAnalyticSolidAngleOfARectangle() {
        int n = 600;
        double px = 1e-3;
        Detector det = Detector.generic(px, px, n, n);
        double dist = 0.2;
        double half = n * px / 2;
        Geometry g = new Geometry(det, dist, half, half, 0, 0, 0, Double.NaN);
        double sum = 0;
        for (double v : g.absoluteSolidAngleArray()) {
            sum += v;
        }
        // solid angle of a centred a×b rectangle at distance L: 4 asin(ab / sqrt((a²+L²)(b²+L²)))
        double exact = 4 * Math.asin(half * half / (half * half + dist * dist));
        assertThat(sum).isCloseTo(exact, within(exact * 2e-5));
    }

    @Test
    void polarizationMatchesTheAnalyticLimits() {
        Detector det = Detector.generic(1e-3, 1e-3, 101, 101);
        Geometry g = new Geometry(det, 0.05, 0.0505, 0.0505, 0, 0, 0, 1e-10);
        double[] tth = g.twoThetaArray();
        double[] chi = g.chiArray();
        double[] p1 = g.polarizationArray(1.0);
        double[] p0 = g.polarizationArray(0.0);
        for (int k = 0; k < tth.length; k++) {
            double c2 = Math.cos(tth[k]) * Math.cos(tth[k]);
            assertThat(p0[k]).isCloseTo((1 + c2) / 2, within(1e-7));
            if (Math.abs(Math.sin(chi[k])) < 1e-9) {
                assertThat(p1[k]).isCloseTo(c2, within(1e-7)); // horizontal plane: cos²2θ
            }
            if (Math.abs(Math.cos(chi[k])) < 1e-9) {
                assertThat(p1[k]).isCloseTo(1.0, within(1e-7)); // vertical plane: no loss
            }
        }
    }

    @Test
    void cornersBracketTheCentres() {
        Detector det = Detector.named("Pilatus300k");
        Geometry g = new Geometry(det, 0.2, 0.05, 0.04, 0.01, -0.02, 0.03, 1e-10);
        double[] tth = g.twoThetaArray();
        Geometry.Corners c = g.corners(RadialUnit.TTH_DEG);
        for (int i = 0; i < det.rows(); i += 13) {
            for (int j = 0; j < det.cols(); j += 17) {
                float a = c.radial()[c.index(i, j)];
                float b = c.radial()[c.index(i + 1, j + 1)];
                float d = c.radial()[c.index(i + 1, j)];
                float e = c.radial()[c.index(i, j + 1)];
                double lo = Math.min(Math.min(a, b), Math.min(d, e));
                double hi = Math.max(Math.max(a, b), Math.max(d, e));
                assertThat(tth[i * det.cols() + j]).isBetween(lo - 1e-7, hi + 1e-7);
            }
        }
    }

    @Test
    void wavelengthFromEnergy() {
        assertThat(Geometry.wavelengthFromEnergyKeV(12.398419843320026)).isCloseTo(1e-10, within(1e-22));
        assertThatThrownBy(() -> Geometry.wavelengthFromEnergyKeV(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void badGeometryIsRejected() {
        Detector det = Detector.named("Eiger1M");
        assertThatThrownBy(() -> new Geometry(det, 0, 0, 0, 0, 0, 0, 1e-10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("distance");
        Geometry noWl = new Geometry(det, 0.1, 0, 0, 0, 0, 0, Double.NaN);
        assertThatThrownBy(noWl::qArray).isInstanceOf(InvalidInputException.class).hasMessageContaining("wavelength");
    }

    @Test
    void gapMasksFollowTheModuleLayout() {
        // Pilatus CdTe 2M: 8 x 3 modules of 195 x 487, gaps 17 rows / 7 columns, 3 dead columns mid-module
        Mask m = Detector.named("Pilatus CdTe 2M").gapMask();
        assertThat(m.countMasked()).isEqualTo(211405); // pyFAI 0.21 PilatusCdTe2M().mask.sum()
        assertThat(m.isMasked(0, 242)).isTrue();
        assertThat(m.isMasked(0, 241)).isFalse();
        assertThat(m.isMasked(0, 244)).isTrue();
        assertThat(m.isMasked(0, 245)).isFalse();
        assertThat(m.isMasked(195, 0)).isTrue();
        assertThat(m.isMasked(194, 0)).isFalse();
        assertThat(m.isMasked(212, 0)).isFalse();
        assertThat(m.isMasked(0, 487)).isTrue();
        assertThat(m.isMasked(0, 493)).isTrue();
        assertThat(m.isMasked(0, 494)).isFalse();
        Mask p2 = Detector.named("Pilatus2M").gapMask();
        assertThat(p2.countMasked()).isEqualTo(7 * 17 * 1475 + 2 * 7 * 1679 - 7 * 17 * 2 * 7);
        Mask e4 = Detector.named("Eiger 4M").gapMask();
        assertThat(e4.countMasked()).isEqualTo(3 * 37 * 2070 + 10 * 2167 - 3 * 37 * 10);
        Mask e2c = Detector.named("Eiger2 CdTe 1M").gapMask();
        assertThat(e2c.isMasked(0, 513)).isTrue();
        assertThat(e2c.isMasked(0, 514)).isTrue();
        assertThat(e2c.isMasked(0, 515)).isFalse();
        assertThat(e2c.isMasked(0, 512)).isFalse();
        assertThat(e2c.countMasked()).isEqualTo(38 * 1028 + 2 * 1062 - 38 * 2);
    }

    @Test
    void namedDetectorsHaveTheirShapes() {
        assertThat(Detector.named("Pilatus 300K").rows()).isEqualTo(619);
        assertThat(Detector.named("Pilatus 300K-W").cols()).isEqualTo(1475);
        assertThat(Detector.named("pilatus_cdte_2m").rows()).isEqualTo(1679);
        assertThat(Detector.named("Eiger 9M").cols()).isEqualTo(3110);
        assertThat(Detector.named("Eiger16M").rows()).isEqualTo(4371);
        assertThat(Detector.named("Eiger2 CdTe 9M").rows()).isEqualTo(3262);
        assertThat(Detector.named("Eiger2CdTe_4M").cols()).isEqualTo(2068);
        assertThatThrownBy(() -> Detector.named("Perkin")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Pilatus2M");
    }
}
