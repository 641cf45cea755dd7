package org.operando.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerLawTest {
    @Test
    void recoversExactPowerLaw() {
        double[] q = new double[50];
        double[] i = new double[50];
        for (int k = 0; k < 50; k++) {
            q[k] = 0.004 * Math.pow(10, k / 49.0);
            i[k] = 3e-4 * Math.pow(q[k], -3.7);
        }
        PowerLaw p = PowerLaw.fit(q, i, null, 0, 1);
        assertThat(p.alpha()).isCloseTo(3.7, within(1e-9));
        assertThat(p.amplitude()).isCloseTo(3e-4, within(3e-4 * 1e-9));
    }

    @Test
    void alphaWithinErrorsForPoissonNoise() {
        Random r = new Random(7);
        int trials = 200;
        double s2 = 0;
        for (int t = 0; t < trials; t++) {
            double[] q = new double[40];
            double[] i = new double[40];
            double[] s = new double[40];
            for (int k = 0; k < 40; k++) {
                q[k] = 0.0045 + 0.0025 * k / 39.0;
                double mu = 1e-5 * Math.pow(q[k], -4);
                s[k] = Math.sqrt(mu);
                i[k] = mu + s[k] * r.nextGaussian();
            }
            PowerLaw p = PowerLaw.fit(q, i, s, 0.0045, 0.007);
            double pull = (p.alpha() - 4) / p.alphaError();
            s2 += pull * pull;
        }
        assertThat(Math.sqrt(s2 / trials)).isCloseTo(1.0, within(0.15));
    }

    @Test
    void tooFewPointsGiveNaN() {
        PowerLaw p = PowerLaw.fit(new double[] {1, 2}, new double[] {1, 0.5}, null, 0, 10);
        assertThat(p.alpha()).isNaN();
    }
}
