package org.operando.echem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.operando.util.InvalidInputException;

class CycleMetricsTest {
    /** Anode half-cell: rest, then 3 × (discharge 1.0 mAh at −0.5 mA, rest, charge 0.95 mAh at +0.5 mA, rest). */
    static EchemRecord threeCycles() {
        SyntheticCell c = new SyntheticCell(30);
        SyntheticCell.Ocv ocv = q -> 1.0 + 0.8 * q; // any voltage works for capacities
        c.step(0, 600, ocv);
        for (int k = 0; k < 3; k++) {
            c.step(-0.5, 7200, ocv).step(0, 600, ocv).step(0.5, 6840, ocv).step(0, 600, ocv);
        }
        return c.record();
    }

    @Test
    void integratesConstantCurrentExactly() {
        double[] t = {0, 1800, 3600};
        double[] i = {2, 2, 2};
        assertThat(ChargeIntegrator.cumulative(t, i)).containsExactly(new double[] {0, 1, 2}, within(1e-12));
        // Linear ramp 0 → 4 mA over 1 h: 2 mAh, exact for the trapezoidal rule.
        assertThat(ChargeIntegrator.cumulative(new double[] {0, 3600}, new double[] {0, 4})[1]).isCloseTo(2, within(1e-12));
    }

    @Test
    void capacitiesPerHalfCycleAndCoulombicEfficiency() {
        EchemRecord r = threeCycles();
        List<CycleMetrics.HalfCycle> hs = CycleMetrics.halfCycles(r);
        assertThat(hs).hasSize(6);
        for (int k = 0; k < 6; k++) {
            CycleMetrics.HalfCycle h = hs.get(k);
            assertThat(h.sign()).isEqualTo(k % 2 == 0 ? -1 : 1);
            assertThat(h.capacityMAh()).isCloseTo(k % 2 == 0 ? 1.0 : 0.95, within(1e-9));
            assertThat(h.meanCurrentMA()).isCloseTo(k % 2 == 0 ? -0.5 : 0.5, within(1e-9));
        }
        List<CycleMetrics.Cycle> cs = CycleMetrics.cycles(r);
        assertThat(cs).hasSize(3);
        for (CycleMetrics.Cycle c : cs) {
            assertThat(c.dischargeMAh()).isCloseTo(1.0, within(1e-9));
            assertThat(c.chargeMAh()).isCloseTo(0.95, within(1e-9));
            // anode starting with discharge: CE = charge / discharge
            assertThat(c.coulombicEfficiency()).isCloseTo(0.95, within(1e-9));
        }
    }

    @Test
    void cathodeStartingWithChargeUsesDischargeOverCharge() {
        SyntheticCell c = new SyntheticCell(60);
        SyntheticCell.Ocv ocv = q -> 3.5 + q;
        c.step(1.0, 3600, ocv).step(0, 300, ocv).step(-1.0, 3240, ocv);
        List<CycleMetrics.Cycle> cs = CycleMetrics.cycles(c.record());
        assertThat(cs).hasSize(1);
        assertThat(cs.get(0).coulombicEfficiency()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void specificCapacityAndCRate() {
        assertThat(CycleMetrics.specificCapacity(1.0, 2.0)).isCloseTo(500.0, within(1e-12));
        // graphite 372 mAh/g, 2 mg: 1C = 0.744 mA
        assertThat(CycleMetrics.cRate(0.744, 372, 2.0)).isCloseTo(1.0, within(1e-12));
        assertThat(CycleMetrics.cRate(-0.0744, 372, 2.0)).isCloseTo(0.1, within(1e-12));
        assertThat(CycleMetrics.currentForCRate(0.05, 372, 2.0)).isCloseTo(0.0372, within(1e-12));
        assertThatThrownBy(() -> CycleMetrics.specificCapacity(1, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--mass");
        assertThatThrownBy(() -> CycleMetrics.cRate(1, -3, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--theoretical");
    }

    @Test
    void activeMassFromVolumeDensityAndComposition() {
        // 1 mm³ electrode, 40 % porosity, 80 wt% Si (2.33 g/cm³), 10 wt% carbon black (1.9), 10 wt% PVDF (1.3)
        // ρ = 1 / (0.8/2.33 + 0.1/1.9 + 0.1/1.3) = 2.114602 g/cm³; active = 1 · 0.6 · ρ · 0.8 = 1.015009 mg
        ActiveMass.Estimate e = ActiveMass.estimate(1.0, 0.4, List.of(
                new ActiveMass.Component("Si", 0.8, 2.33, true),
                new ActiveMass.Component("carbon black", 0.1, 1.9, false),
                new ActiveMass.Component("PVDF", 0.1, 1.3, false)));
        assertThat(e.compositeDensityGPerCm3()).isCloseTo(2.114602, within(1e-6));
        assertThat(e.activeMassMg()).isCloseTo(1.015009, within(1e-6));
        assertThatThrownBy(() -> ActiveMass.estimate(1.0, 0.4, List.of(new ActiveMass.Component("Si", 0.7, 2.33, true))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sum to 1");
    }

    @Test
    void tinyOppositeCurrentsDoNotStartHalfCycles() {
        SyntheticCell c = new SyntheticCell(10);
        SyntheticCell.Ocv ocv = q -> 0.5 - q;
        // discharge, a 10 s −/+ pulse pair of 1 µA (impedance-like), discharge again, then charge
        c.step(-0.3, 3600, ocv).step(0.001, 10, ocv).step(-0.3, 3600, ocv).step(0.3, 7200, ocv);
        EchemRecord r = c.record();
        List<CycleMetrics.HalfCycle> hs = CycleMetrics.halfCycles(r);
        assertThat(hs).hasSize(2);
        assertThat(hs.get(0).capacityMAh()).isCloseTo(0.6 - 0.001 / 360, within(1e-9));
        assertThat(hs.get(1).capacityMAh()).isCloseTo(0.6, within(1e-9));
    }
}
