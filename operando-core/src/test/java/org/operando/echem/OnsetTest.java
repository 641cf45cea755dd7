package org.operando.echem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OnsetTest {
    static double[] xs(int n, double a, double b) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a + (b - a) * i / (n - 1);
        }
        return x;
    }

    @Test
    void noiselessKinkIsFoundExactly() {
        double[] x = xs(41, 1.0, 0.0); // potential falling during a discharge
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 2.0 + (x[i] < 0.285 ? 3.0 * (0.285 - x[i]) : 0.0);
        }
        Onset.ChangePoint c = Onset.find(x, y);
        assertThat(c.x0()).isCloseTo(0.285, within(1e-6));
        assertThat(c.level()).isCloseTo(2.0, within(1e-9));
        assertThat(c.slopeAbove()).isCloseTo(0.0, within(1e-9));
        assertThat(c.slopeBelow()).isCloseTo(-3.0, within(1e-9));
    }

    @Test
    void intervalCoversTheTruthAboutTwoThirdsOfTheTime() {
        int trials = 300;
        int covered = 0;
        double sumSq = 0;
        double sumSigma = 0;
        for (int s = 0; s < trials; s++) {
            Random rnd = new Random(1000 + s);
            double[] x = xs(60, 0, 3600);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = 1.0 + (x[i] > 1500 ? 2e-4 * (x[i] - 1500) : 0) + 0.02 * rnd.nextGaussian();
            }
            Onset.ChangePoint c = Onset.find(x, y);
            if (c.lower() <= 1500 && 1500 <= c.upper()) {
                covered++;
            }
            sumSq += (c.x0() - 1500) * (c.x0() - 1500);
            sumSigma += c.sigma();
            assertThat(c.pValue()).isLessThan(1e-6);
        }
        double coverage = (double) covered / trials;
        // nominal 68 %; with 300 trials the binomial 3σ band is ±8 %
        assertThat(coverage).isBetween(0.58, 0.80);
        double rms = Math.sqrt(sumSq / trials);
        // stated uncertainty agrees with the real scatter within 30 %
        assertThat(sumSigma / trials / rms).isBetween(0.7, 1.3);
    }

    @Test
    void straightLineShowsNoSignificantChange() {
        int significant = 0;
        for (int s = 0; s < 100; s++) {
            Random rnd = new Random(s);
            double[] x = xs(50, 0, 1);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = 0.3 + 0.5 * x[i] + 0.01 * rnd.nextGaussian();
            }
            if (Onset.find(x, y).pValue() < 0.01) {
                significant++;
            }
        }
        // the grid search over x0 inflates the false-positive rate of the plain F test, but it stays rare
        assertThat(significant).isLessThanOrEqualTo(12);
    }
}
