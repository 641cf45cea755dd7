package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScatteringModelTest {
    private static final PathWeights ELECTRODE_ONLY = new PathWeights(1, 0, 0, 0.1, 0);

    @Test
    void poreFormFactorIsNormalisedAndFollowsGuinier() {
        assertThat(ScatteringModel.poreFormFactor(0)).isCloseTo(1, within(1e-12));
        // Guinier: P(q) ≈ exp(−q² Rg²/3) with Rg² = 3/5 ⟨R⁸⟩/⟨R⁶⟩ for V²-weighted spheres;
        // for a log-normal, ⟨R⁸⟩/⟨R⁶⟩ = R0² exp(14 σ²)
        double r0 = ScatteringModel.PORE_RADIUS;
        double s = ScatteringModel.PORE_SIGMA;
        double rg2 = 0.6 * r0 * r0 * Math.exp(14 * s * s);
        double q = 0.002;
        double rg2Model = -3 * Math.log(ScatteringModel.poreFormFactor(q)) / (q * q);
        assertThat(rg2Model).isCloseTo(rg2, within(1e-3 * rg2));
        // shoulder in the study's micropore region: half-height between 0.1 and 0.5 Å⁻¹
        assertThat(ScatteringModel.poreFormFactor(0.1)).isGreaterThan(0.8);
        assertThat(ScatteringModel.poreFormFactor(0.5)).isLessThan(0.3);
    }

    @Test
    void lowQIsAPowerLawOfExponentAlpha() {
        double q1 = 0.001;
        double q2 = 0.002;
        double i1 = ScatteringModel.intensity(q1, ELECTRODE_ONLY, ElectrodeState.PRISTINE);
        double i2 = ScatteringModel.intensity(q2, ELECTRODE_ONLY, ElectrodeState.PRISTINE);
        double slope = Math.log(i2 / i1) / Math.log(q2 / q1);
        // the micropore term adds 7.5e-4 of the intensity at 0.002 Å⁻¹, changing the log slope by ≈ 1e-3
        assertThat(slope).isCloseTo(-ScatteringModel.POROD_ALPHA, within(2e-3));
        // SEI raises the particle-surface intensity proportionally
        ElectrodeState sei = new ElectrodeState(0, 0, 1.3, 0, 0);
        double ratio = ScatteringModel.intensity(0.005, ELECTRODE_ONLY, sei)
                / ScatteringModel.intensity(0.005, ELECTRODE_ONLY, ElectrodeState.PRISTINE);
        assertThat(ratio).isCloseTo(1.3, within(0.01));
    }

    @Test
    void micoporeContrastFallsWithFillingAndRisesSlightlyWithIntercalation() {
        assertThat(ScatteringModel.poreContrast(0, 0)).isEqualTo(1);
        assertThat(ScatteringModel.poreContrast(0, 1)).isCloseTo(1.04 * 1.04, within(1e-12));
        assertThat(ScatteringModel.poreContrast(1, 0)).isCloseTo(0.53 * 0.53, within(1e-12));
        double q = 0.25;
        double pristine = ScatteringModel.intensity(q, ELECTRODE_ONLY, ElectrodeState.PRISTINE);
        double filled = ScatteringModel.intensity(q, ELECTRODE_ONLY, new ElectrodeState(0.5, 0, 1, 0, 0));
        // at 0.25 Å⁻¹ the pores dominate: the drop follows (1 − 0.47·0.5)² to within the other terms (< 1 %)
        assertThat(filled / pristine).isCloseTo(Math.pow(1 - 0.235, 2), within(0.01));
    }

    @Test
    void peaksSitWhereTheStudyPutsThem() {
        // 002 at 2π/d002, moving to lower q with intercalation
        assertThat(ScatteringModel.q002(0)).isCloseTo(1.760, within(0.001));
        assertThat(ScatteringModel.q002(1)).isLessThan(ScatteringModel.q002(0.5)).isGreaterThan(1.69);
        // metallic Na (bcc, a = 4.29 Å): 110 at 2π√2/a
        assertThat(ScatteringModel.NA110_Q).isCloseTo(2 * Math.PI * Math.sqrt(2) / 4.29, within(0.002));
        // FWHM convention of eq. 4: half height at q0 ± w/2
        assertThat(ScatteringModel.gauss(2.07 + 0.01, 2.07, 0.02)).isCloseTo(0.5, within(1e-12));
        // plated Na gives a sharp peak on top of the WAXS model at 2.07 Å⁻¹
        ElectrodeState plated = new ElectrodeState(0.8, 0.9, 1.2, 0.8, 0.2);
        double at = ScatteringModel.intensity(2.070, ELECTRODE_ONLY, plated);
        double off = ScatteringModel.intensity(2.030, ELECTRODE_ONLY, plated);
        assertThat(at - off).isGreaterThan(0.9 * 0.1 * ScatteringModel.NA_A * 0.2 * (1 - 0.063));
    }

    @Test
    void modelIsLinearInThePathWeights() {
        ElectrodeState s = new ElectrodeState(0.3, 0.5, 1.1, 0.1, 0.05);
        PathWeights a = new PathWeights(0.4, 0.03, 0.1, 0.05, 0);
        PathWeights b = new PathWeights(0.4, 0.06, 0.2, 0.10, 0);
        for (double q : new double[] {0.005, 0.1, 0.3, 1.5, 2.1, 2.9}) {
            assertThat(ScatteringModel.intensity(q, b, s))
                    .isCloseTo(2 * ScatteringModel.intensity(q, a, s), within(1e-12));
        }
    }

    /** A beam through voxels of different states sees the average of their scattering. */
    @Test
    void voxelSumIsTheAverageOfUniformElectrodes() {
        ElectrodeState a = new ElectrodeState(0.1, 0.2, 1.0, 0, 0);
        ElectrodeState b = new ElectrodeState(0.7, 0.9, 1.3, 0.5, 0.1);
        PathWeights w = new PathWeights(0.4, 0.03, 0.1, 0.05, 0);
        for (double q : new double[] {0.005, 0.2, 1.7, 2.07}) {
            double mixed = ScatteringModel.intensity(q, w, new ElectrodeState[] {a, b});
            double avg = 0.5 * (ScatteringModel.intensity(q, w, a) + ScatteringModel.intensity(q, w, b));
            assertThat(mixed).isCloseTo(avg, within(1e-12 * avg));
        }
        // but not the model of the average state: the 002 bands of different positions do not add to one band
        ElectrodeState mean = ElectrodeState.mean(new ElectrodeState[] {a, b});
        assertThat(mean.d002()).isCloseTo(0.5 * (a.d002() + b.d002()), within(1e-12));
        assertThat(ScatteringModel.intensity(0.25, w, mean))
                .isNotCloseTo(ScatteringModel.intensity(0.25, w, new ElectrodeState[] {a, b}), within(1e-4));
    }
}
