package org.operando.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.operando.data.Frame;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.util.InvalidInputException;
import org.operando.util.ProgressListener;

class CalibrationTest {

    private static void assertRecovered(Geometry truth, Calibration.Result r) {
        Geometry g = r.geometry();
        double px = truth.detector().pixel1();
        assertThat(Math.abs(g.dist() - truth.dist()) / truth.dist()).as("relative distance error").isLessThan(1e-3);
        double[] bcTrue = truth.beamCentrePixels();
        double[] bc = g.beamCentrePixels();
        assertThat(Math.abs(bc[0] - bcTrue[0])).as("beam centre row error (px)").isLessThan(0.1);
        assertThat(Math.abs(bc[1] - bcTrue[1])).as("beam centre column error (px)").isLessThan(0.1);
        assertThat(Math.toDegrees(Math.abs(g.rot1() - truth.rot1()))).as("rot1 error (deg)").isLessThan(0.01);
        assertThat(Math.toDegrees(Math.abs(g.rot2() - truth.rot2()))).as("rot2 error (deg)").isLessThan(0.01);
        System.out.printf(java.util.Locale.ROOT,
                "calibration: dist %.6f (true %.6f, rel err %.2e), beam centre err %.3f/%.3f px, rot1 err %.4f°,"
                        + " rot2 err %.4f°, %d points on %d rings, rms %.2e° (%.3f px)%n",
                g.dist(), truth.dist(), Math.abs(g.dist() - truth.dist()) / truth.dist(), bc[0] - bcTrue[0],
                bc[1] - bcTrue[1], Math.toDegrees(g.rot1() - truth.rot1()), Math.toDegrees(g.rot2() - truth.rot2()),
                r.points().size(), r.ringsUsed(), r.rmsTthDeg(), r.rmsPixels());
        assertThat(px).isPositive();
    }

    @Test
    void recoversATiltedPilatusGeometryFromLaB6() {
        Detector det = Detector.named("Pilatus1M");
        double lambda = Geometry.wavelengthFromEnergyKeV(17.0);
        Geometry truth = new Geometry(det, 0.2512, 0.0893, 0.0841, Math.toRadians(0.8), Math.toRadians(-0.5), 0, lambda);
        Calibrant lab6 = Calibrant.named("LaB6");
        Frame img = SyntheticCalibrant.image(truth, lab6, 400, 30, 11);
        Calibration.Result r = Calibration.calibrate(img, null, det, lambda, lab6, 0.23, false, ProgressListener.NONE);
        assertRecovered(truth, r);
    }

    @Test
    void recoversAnOffCentreEigerGeometryFromCeO2WithAPoorDistanceGuess() {
        Detector det = Detector.named("Eiger 1M");
        double lambda = Geometry.wavelengthFromEnergyKeV(25.0);
        Geometry truth = new Geometry(det, 0.1503, 0.0211, 0.0152, Math.toRadians(-1.2), Math.toRadians(0.7), 0, lambda);
        Calibrant ceo2 = Calibrant.named("CeO2");
        Frame img = SyntheticCalibrant.image(truth, ceo2, 300, 20, 5);
        Calibration.Result r = Calibration.calibrate(img, null, det, lambda, ceo2, 0.18, false, ProgressListener.NONE);
        assertRecovered(truth, r);
    }

    @Test
    void shippedCalibrantsHaveTheirFirstRings() {
        // d = a / sqrt(h² + k² + l²) with the certified lattice parameters (tables hold 6 decimals)
        assertThat(Calibrant.named("LaB6").dSpacings()[0]).isCloseTo(4.156826, within(1e-6)); // 100
        assertThat(Calibrant.named("si").dSpacings()[0]).isCloseTo(5.431179 / Math.sqrt(3), within(1e-6)); // 111
        assertThat(Calibrant.named("Si").dSpacings()[1]).isCloseTo(5.431179 / Math.sqrt(8), within(1e-6)); // 220, 200 forbidden
        assertThat(Calibrant.named("CeO2").dSpacings()[1]).isCloseTo(5.411651 / 2, within(1e-6)); // 200, 100/110 forbidden
        assertThat(Calibrant.named("AgBh").dSpacings()[0]).isCloseTo(58.380, within(1e-6));
        assertThat(Calibrant.named("AgBh").dSpacings()[1]).isCloseTo(58.380 / 2, within(1e-6));
        assertThatThrownBy(() -> Calibrant.named("quartz")).isInstanceOf(InvalidInputException.class);
    }
}
