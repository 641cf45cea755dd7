package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.operando.util.InvalidInputException;

class GeometryTest {
    static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    @Test
    void fbpWeightsIntegrateTheHalfTurnOnce() {
        ParallelGeometry half = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 90), 32);
        for (double w : half.fbpWeights()) {
            assertThat(w).isCloseTo(Math.PI / 180, offset(1e-12));
        }
        // Full turn, ±120° and shuffled non-uniform lists: every direction counted once in total.
        for (double[] deg : new double[][] {ParallelGeometry.evenDegrees(0, 360, 100),
                ParallelGeometry.evenDegrees(-120, 120, 241), {0, 10, 25, 50, 70, 100, 130, 155, 5, 60}}) {
            double[] w = ParallelGeometry.ofDegrees(deg, 32).fbpWeights();
            assertThat(sum(w)).isCloseTo(Math.PI / 2, offset(0.02));
        }
        // ±60° limited angle: only the 120° measured are integrated (the wedge stays empty).
        double[] la = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(-60, 60, 120), 32).fbpWeights();
        assertThat(sum(la)).isCloseTo(Math.toRadians(120) / 2, offset(1e-9));
    }

    @Test
    void detectorCoordinateFollowsTheSkimageConvention() {
        ParallelGeometry g = ParallelGeometry.ofDegrees(new double[] {0, 90}, 11, 5, 11);
        // At 0° a pixel right of the axis lands right of the centre; at 90° a pixel above the axis (row < 5) does.
        assertThat(g.detectorCoordinate(0, 7, 5)).isCloseTo(7, offset(1e-12));
        assertThat(g.detectorCoordinate(1, 5, 2)).isCloseTo(8, offset(1e-12));
    }

    @Test
    void badGeometryIsRefused() {
        assertThatThrownBy(() -> ParallelGeometry.ofDegrees(new double[] {0, 1}, 10, 12.5, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the detector");
        assertThatThrownBy(() -> ParallelGeometry.ofDegrees(new double[] {0, Double.NaN}, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("angle 1");
    }
}
