package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameKeysSameStreamOtherKeysOtherStream() {
        Rng a = Rng.forKeys(1, 2, 3);
        Rng b = Rng.forKeys(1, 2, 3);
        Rng c = Rng.forKeys(1, 2, 4);
        boolean differs = false;
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertThat(b.nextLong()).isEqualTo(x);
            differs |= c.nextLong() != x;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void logFactorialMatchesCommonsMath() {
        for (long k = 0; k < 5000; k += (k < 40 ? 1 : 37)) {
            assertThat(Rng.logFactorial(k)).as("k=" + k).isCloseTo(Gamma.logGamma(k + 1.0), within(1e-11 * (1 + k)));
        }
    }

    /**
     * Goodness of fit of 200 000 deviates to the exact Poisson pmf (commons-math3): a χ² test over bins with ≥ 20
     * expected counts must not reject at the 10⁻⁴ level; mean and variance within 5 standard errors.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.02, 0.7, 3.0, 9.99, 10.0, 37.5, 400.0, 12000.0})
    void poissonDeviatesFollowThePoissonDistribution(double lambda) {
        int n = 200_000;
        Rng r = new Rng(12345L + (long) (lambda * 1000));
        long[] counts = new long[(int) (lambda + 12 * Math.sqrt(lambda) + 30)];
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            long k = r.poisson(lambda);
            assertThat(k).isNotNegative();
            sum += k;
            sum2 += (double) k * k;
            if (k < counts.length) {
                counts[(int) k]++;
            }
        }
        double mean = sum / n;
        double var = sum2 / n - mean * mean;
        assertThat(mean).isCloseTo(lambda, within(5 * Math.sqrt(lambda / n)));
        assertThat(var).isCloseTo(lambda, within(5 * lambda * Math.sqrt(2.0 / n) + 5 * Math.sqrt(lambda / n)));
        PoissonDistribution pd = new PoissonDistribution(lambda);
        double chi2 = 0;
        int bins = 0;
        double expAcc = 0;
        long obsAcc = 0;
        for (int k = 0; k < counts.length; k++) {
            expAcc += n * pd.probability(k);
            obsAcc += counts[k];
            if (expAcc >= 20) {
                chi2 += (obsAcc - expAcc) * (obsAcc - expAcc) / expAcc;
                bins++;
                expAcc = 0;
                obsAcc = 0;
            }
        }
        int dof = Math.max(1, bins - 1);
        double p = 1 - new ChiSquaredDistribution(dof).cumulativeProbability(chi2);
        assertThat(p).as("χ²=" + chi2 + " dof=" + dof).isGreaterThan(1e-4);
    }
}
