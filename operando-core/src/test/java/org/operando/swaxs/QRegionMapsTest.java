package org.operando.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.operando.data.Axis;
import org.operando.data.CurveSet;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.util.InvalidInputException;

class QRegionMapsTest {
    @Test
    void meanMapAveragesTheBinsInsideTheRange() {
        Axis q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.1, 0.5, 5); // 0.1 0.2 0.3 0.4 0.5
        CurveSet cs = CurveSet.allocate(q, 2, false, "I", Unit.ARBITRARY);
        for (int i = 0; i < 5; i++) {
            cs.set(0, i, i);        // 0 1 2 3 4
            cs.set(1, i, 10 * i);
        }
        Map2D m = QRegionMaps.mean(cs, 2, 1, 25, 15, new QRange("x", 0.15, 0.45));
        assertThat(m.get(0, 0)).isEqualTo(2f);
        assertThat(m.get(0, 1)).isEqualTo(20f);
        assertThat(m.pixelSizeX()).isEqualTo(25);
    }

    @Test
    void rangeOutsideCoverageIsBadInputNamingTheRange() {
        Axis q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.5, 3, 10);
        CurveSet cs = CurveSet.allocate(q, 1, false, "I", Unit.ARBITRARY);
        assertThatThrownBy(() -> QRegionMaps.mean(cs, 1, 1, 1, 1, QRange.PARTICLE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("particle").hasMessageContaining("coverage");
    }

    @Test
    void relativeDifferenceFollowsEquationFive() {
        Map2D op = Map2D.of(3, 1, new float[] {9, 12, 5}, 1, 1, "I", Unit.ARBITRARY);
        Map2D pr = Map2D.of(3, 1, new float[] {10, 10, 0}, 1, 1, "I", Unit.ARBITRARY);
        Map2D d = QRegionMaps.relativeDifference(op, pr, new boolean[] {true, true, true});
        assertThat(d.get(0, 0)).isCloseTo(-0.1f, within(1e-6f));
        assertThat(d.get(0, 1)).isCloseTo(0.2f, within(1e-6f));
        assertThat(d.get(0, 2)).isNaN();
    }

    @Test
    void qRangeParsing() {
        QRange r = QRange.parse("micro=0.12:0.4", "x");
        assertThat(r.name()).isEqualTo("micro");
        assertThat(r.lo()).isEqualTo(0.12);
        assertThatThrownBy(() -> QRange.parse("0.4:0.12", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> QRange.parse("abc", "x")).isInstanceOf(InvalidInputException.class);
    }
}
