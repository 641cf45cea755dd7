package org.operando.echem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DqDvTest {
    static final double V_LO = 0.05;
    static final double V_HI = 0.80;

    /** Known differential capacity: 0.5 mAh/V background plus peaks of 0.3 mAh at 0.25 V (σ 20 mV) and 0.2 mAh at 0.45 V (σ 15 mV). */
    static double qOfV(double v) {
        return 0.5 * (v - V_LO) + 0.3 * phi((v - 0.25) / 0.02) + 0.2 * phi((v - 0.45) / 0.015)
                - 0.3 * phi((V_LO - 0.25) / 0.02) - 0.2 * phi((V_LO - 0.45) / 0.015);
    }

    static double phi(double z) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
    }

    static double vOfQ(double q) {
        double a = V_LO;
        double b = V_HI;
        for (int k = 0; k < 80; k++) {
            double m = 0.5 * (a + b);
            if (qOfV(m) < q) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    /** A charge (V rising) sampled at n equal charge steps with Gaussian voltage noise (V). */
    static double[][] charge(int n, double noiseV, long seed) {
        Random rnd = new Random(seed);
        double qTot = qOfV(V_HI);
        double[] v = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = qTot * i / (n - 1);
            v[i] = vOfQ(q[i]) + noiseV * rnd.nextGaussian();
        }
        return new double[][] {v, q};
    }

    @Test
    void peaksAtKnownPositionsDespiteNoise() {
        double[][] d = charge(6000, 0.001, 7);
        DqDv.Result r = DqDv.compute(d[0], d[1], 0.002, 0.006, 0.1);
        assertThat(r.sign()).isEqualTo(1);
        List<DqDv.Peak> p = r.peaks();
        assertThat(p).hasSize(2);
        // tolerance 3 mV: 1/2 bin plus the shift a 6 mV Gaussian smoothing can cause on a sloping background
        assertThat(p.get(0).voltageV()).isCloseTo(0.25, within(0.003));
        assertThat(p.get(1).voltageV()).isCloseTo(0.45, within(0.003));
        // true heights (no smoothing): 0.5 + 0.3/(0.02√2π) = 6.48, 0.5 + 0.2/(0.015√2π) = 5.82 mAh/V; smoothing
        // with 6 mV broadens σ to √(20²+6²) and √(15²+6²) mV: 0.5 + 0.3/(0.02088·2.5066) = 6.23, 5.80 → 5.44
        assertThat(p.get(0).heightMAhPerV()).isCloseTo(6.23, within(0.15));
        assertThat(p.get(1).heightMAhPerV()).isCloseTo(5.44, within(0.15));
    }

    @Test
    void chargeIsConserved() {
        double[][] d = charge(3000, 0.002, 11);
        DqDv.Result r = DqDv.compute(d[0], d[1], 0.005, 0.01, 0.1);
        double sum = 0;
        for (double y : r.dqdvMAhPerV()) {
            sum += y * 0.005;
        }
        // binning by voltage overlap and the padded, normalised Gaussian conserve the charge exactly
        assertThat(sum).isCloseTo(qOfV(V_HI), within(1e-9 * qOfV(V_HI)));
    }

    @Test
    void dischargeGivesSameMagnitudeAndNegativeSign() {
        double[][] d = charge(4000, 0.0, 1);
        int n = d[0].length;
        double[] v = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = d[0][n - 1 - i];
            q[i] = -d[1][i]; // discharge: Q goes down as V goes down
        }
        DqDv.Result r = DqDv.compute(v, q, 0.002, 0.004, 0.1);
        assertThat(r.sign()).isEqualTo(-1);
        assertThat(r.peaks()).extracting(DqDv.Peak::voltageV)
                .satisfiesExactly(a -> assertThat(a).isCloseTo(0.25, within(0.002)),
                        b -> assertThat(b).isCloseTo(0.45, within(0.002)));
    }

    @Test
    void isotonicProfileRemovesNoiseReversals() {
        double[][] d = charge(2000, 0.003, 3);
        MonotoneProfile p = MonotoneProfile.of(d[0], d[1]);
        double[] v = p.voltage();
        for (int i = 1; i < v.length; i++) {
            assertThat(v[i]).isGreaterThanOrEqualTo(v[i - 1]);
        }
        // and stays within a few noise σ of the truth
        double maxErr = 0;
        for (int i = 0; i < p.charge().length; i++) {
            maxErr = Math.max(maxErr, Math.abs(v[i] - vOfQ(p.charge()[i])));
        }
        assertThat(maxErr).isLessThan(0.012);
    }

    @Test
    void constantDifferentialCapacityHasNoPeak() {
        Random rnd = new Random(2);
        int n = 3000;
        double[] v = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = 0.3 * i / (n - 1);
            v[i] = 3.0 + 0.6 * i / (n - 1) + 0.0005 * rnd.nextGaussian(); // dQ/dV = 0.5 mAh/V everywhere
        }
        DqDv.Result r = DqDv.compute(v, q, 0.005, 0.01, 0.05);
        assertThat(r.peaks()).isEmpty();
        // and inside the range (2σ from its ends) the value is the true 0.5 mAh/V within 5 %
        for (int k = 0; k < r.voltageV().length; k++) {
            if (r.voltageV()[k] > 3.03 && r.voltageV()[k] < 3.57) {
                assertThat(r.dqdvMAhPerV()[k]).isCloseTo(0.5, within(0.025));
            }
        }
    }
}
