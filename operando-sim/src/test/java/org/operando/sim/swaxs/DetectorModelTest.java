package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.operando.geometry.Geometry;

class DetectorModelTest {
    private final SwaxsConfig config = SwaxsConfig.small(1);
    private final SwaxsSimulation sim = new SwaxsSimulation(config);

    private static double[] validRange(DetectorModel d) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < d.q().length; i++) {
            if (!d.gapPixels()[i] && !d.beamstopPixels()[i]) {
                lo = Math.min(lo, d.q()[i]);
                hi = Math.max(hi, d.q()[i]);
            }
        }
        return new double[] {lo, hi};
    }

    @Test
    void detectorsCoverTheStudysQRegions() {
        double[] saxs = validRange(sim.detector(SwaxsSimulation.SAXS));
        assertThat(saxs[0]).isLessThan(0.0045);   // particle-surface region 0.0045–0.007 Å⁻¹
        assertThat(saxs[1]).isGreaterThan(0.5);   // micropores up to 0.5 Å⁻¹
        double[] waxs = validRange(sim.detector(SwaxsSimulation.WAXS));
        assertThat(waxs[0]).isLessThan(0.5);
        assertThat(waxs[1]).isGreaterThan(3.0);   // 002, binder, Na up to ≈ 3 Å⁻¹
    }

    @Test
    void paperGeometryCoversTheSameRange() {
        SwaxsConfig paper = SwaxsConfig.paper(1);
        DetectorSpec s = paper.saxs();
        Geometry g = new Geometry(org.operando.geometry.Detector.named("Eiger9M"), s.distance(), s.beamRow() * 75e-6,
                s.beamCol() * 75e-6, 0, 0, 0, Geometry.wavelengthFromEnergyKeV(13.2));
        // beamstop edge and farthest corner
        assertThat(g.qFromTth(Math.atan(s.beamstop() / s.distance()))).isLessThan(0.0045);
        assertThat(g.qFromTth(g.tth(3269, 0))).isGreaterThan(0.5);
        DetectorSpec w = paper.waxs();
        assertThat(w.rows()).isEqualTo(1475);
        assertThat(w.cols()).isEqualTo(195);
    }

    @Test
    void beamCentreAndGapsAreWhereTheSpecPutsThem() {
        DetectorModel saxs = sim.detector(SwaxsSimulation.SAXS);
        DetectorSpec s = saxs.spec();
        double[] bc = saxs.geometry().beamCentrePixels();
        assertThat(bc[0]).isCloseTo((s.beamRow() - s.cropRow0()) / s.bin(), within(1e-9));
        assertThat(bc[1]).isCloseTo((s.beamCol() - s.cropCol0()) / s.bin(), within(1e-9));
        // Eiger 9M: modules of 514 rows separated by 37 gap rows (gaps 514–550, 1065–1101, 1616–1652, 2167–2203, …);
        // a binned row (8 full rows from 1604 + 8r) is a gap row when it contains any full gap row
        boolean[] gap = saxs.gapPixels();
        int gapRows = 0;
        for (int r = 0; r < saxs.rows(); r++) {
            boolean all = true;
            for (int c = 0; c < saxs.cols(); c++) {
                all &= gap[r * saxs.cols() + c];
            }
            boolean expected = false;
            for (int k = 0; k < 8; k++) {
                int full = s.cropRow0() + 8 * r + k;
                expected |= full % (514 + 37) >= 514;
            }
            assertThat(all).as("row " + r).isEqualTo(expected);
            gapRows += all ? 1 : 0;
        }
        assertThat(gapRows).isEqualTo(6 + 5 + 5);
        // the vertical WAXS strip: module gaps at full rows 487–493 and 981–987 → binned (5×) rows 97, 98, 196, 197
        DetectorModel waxs = sim.detector(SwaxsSimulation.WAXS);
        for (int r = 0; r < waxs.rows(); r++) {
            boolean g = waxs.gapPixels()[r * waxs.cols()];
            assertThat(g).as("waxs row " + r).isEqualTo(r == 97 || r == 98 || r == 196 || r == 197);
        }
    }

    /** The renderer's q-grid interpolation agrees with the exact analytic model to 10⁻³ at every pixel. */
    @Test
    void expectedCountsMatchTheExactModelPerPixel() {
        SwaxsConfig.Scan op6 = config.scans().get(6);
        PointTruth pt = sim.point(op6, 14 * config.nx() + 20);
        assertThat(pt.region()).isEqualTo(PointTruth.Region.ELECTRODE);
        for (int which : new int[] {SwaxsSimulation.SAXS, SwaxsSimulation.WAXS}) {
            DetectorModel d = sim.detector(which);
            double[] expected = sim.expectedFrame(which, pt);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                if (d.gapPixels()[i] || d.beamstopPixels()[i]) {
                    assertThat(expected[i]).isZero();
                    continue;
                }
                double exact = sim.photons() * d.weight()[i] * pt.intensity(d.q()[i]);
                worst = Math.max(worst, Math.abs(expected[i] - exact) / exact);
            }
            assertThat(worst).as("detector " + which).isLessThan(1e-3);
        }
    }

    @Test
    void countsAreRealisticForA100msExposure() {
        SwaxsConfig.Scan op1 = config.scans().get(1);
        PointTruth pt = sim.point(op1, 12 * config.nx() + 20);
        double[] e = sim.expectedFrame(SwaxsSimulation.SAXS, pt);
        double total = 0;
        for (double v : e) {
            total += v;
        }
        // between 10⁵ and 10⁸ scattered photons on the SAXS detector per 0.1 s point
        assertThat(total).isBetween(1e5, 1e8);
    }
}
