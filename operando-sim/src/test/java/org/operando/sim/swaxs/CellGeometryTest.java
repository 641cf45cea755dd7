package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.operando.util.InvalidInputException;

class CellGeometryTest {
    private final CellGeometry cell = CellGeometry.study();

    @Test
    void chordsAreExact() {
        assertThat(CellGeometry.chord(0.75, 0)).isEqualTo(1.5);
        assertThat(CellGeometry.chord(0.75, 0.6)).isCloseTo(2 * 0.45, within(1e-12));
        assertThat(CellGeometry.chord(0.75, 0.8)).isZero();
        // both walls at the centre: 2 × 150 µm
        assertThat(cell.quartzPath(0)).isCloseTo(0.3, within(1e-12));
        // wall chord is longest where the beam grazes the bore
        assertThat(cell.quartzPath(0.7499)).isGreaterThan(cell.quartzPath(0.5)).isGreaterThan(cell.quartzPath(0));
    }

    @Test
    void capIsASphericalCapOfTheGivenSize() {
        assertThat(cell.capSectionRadius(0)).isCloseTo(cell.capRadius(), within(1e-12));
        assertThat(cell.capSectionRadius(cell.capHeight())).isCloseTo(0, within(1e-6));
        assertThat(cell.electrodePath(0, cell.capHeight() + 1e-6)).isZero();
        assertThat(cell.electrodePath(0, -1e-6)).isZero();
        assertThat(cell.steelPath(0, -1e-6)).isCloseTo(2 * cell.pinRadius(), within(1e-9));
    }

    /** ∫∫ L(x, y) dx dy over the projection equals the cap volume π h (3a² + h²) / 6. */
    @Test
    void projectedPathIntegratesToTheCapVolume() {
        int n = 2000;
        double a = cell.capRadius();
        double h = cell.capHeight();
        double dx = 2 * a / n;
        double dy = h / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += cell.electrodePath(-a + (i + 0.5) * dx, (j + 0.5) * dy);
            }
        }
        assertThat(sum * dx * dy).isCloseTo(cell.capVolumeMm3(), within(1e-4 * cell.capVolumeMm3()));
        assertThat(cell.capVolumeMm3()).isCloseTo(Math.PI * h / 6 * (3 * a * a + h * h), within(1e-12));
    }

    @Test
    void electrodeLargerThanTheCapillaryIsRefused() {
        assertThatThrownBy(() -> new CellGeometry(0.75, 0.15, 0.8, 0.8, 0.3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--electrode-width").hasMessageContaining("does not fit");
        assertThatThrownBy(() -> new CellGeometry(0.75, 0.15, 0.7, 0.7, -0.3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--electrode-height");
        assertThatThrownBy(() -> new CellGeometry(0.75, 0, 0.7, 0.7, 0.3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--capillary-wall");
    }
}
