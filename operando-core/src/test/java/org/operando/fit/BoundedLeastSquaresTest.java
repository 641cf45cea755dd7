package org.operando.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedLeastSquaresTest {
    private static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    @Test
    void recoversExactGaussianAndBackground() {
        GaussianPeaks m = new GaussianPeaks(1, true);
        double[] truth = {100, 1.75, 0.3, 5, -1};
        double[] x = grid(1, 2.5, 300);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = m.value(x[i], truth);
        }
        FitResult r = new BoundedLeastSquares(m).bounds(1, 1.4, 1.95).bounds(2, 0.05, 1)
                .fit(x, y, null, new double[] {60, 1.6, 0.5, 0, 0});
        assertThat(r.converged()).isTrue();
        for (int k = 0; k < truth.length; k++) {
            assertThat(r.get(k)).as("parameter " + k).isCloseTo(truth[k], within(1e-6 * Math.max(1, Math.abs(truth[k]))));
        }
    }

    /** Uncertainties are honest: pulls (fit − truth)/σ over repeated noisy fits have unit spread. */
    @Test
    void uncertaintiesMatchTheScatterOfRepeatedFits() {
        GaussianPeaks m = new GaussianPeaks(1, false);
        double[] truth = {50, 1.8, 0.25, 10};
        double[] x = grid(1.2, 2.4, 200);
        Random rnd = new Random(42);
        int trials = 300;
        double sumPull2 = 0;
        for (int t = 0; t < trials; t++) {
            double[] y = new double[x.length];
            double[] s = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double mu = m.value(x[i], truth);
                s[i] = Math.sqrt(mu);
                y[i] = mu + s[i] * rnd.nextGaussian();
            }
            FitResult r = new BoundedLeastSquares(m).bounds(0, 0, 1000).bounds(1, 1.4, 2.0).bounds(2, 0.05, 1)
                    .fit(x, y, s, new double[] {40, 1.7, 0.3, 5});
            double pull = (r.get(1) - truth[1]) / r.error(1);
            sumPull2 += pull * pull;
        }
        double rmsPull = Math.sqrt(sumPull2 / trials);
        // for 300 trials the RMS of unit-normal pulls is 1 ± 0.04 (1σ); allow 3σ
        assertThat(rmsPull).isCloseTo(1.0, within(0.12));
    }

    @Test
    void boundsAreRespected() {
        GaussianPeaks m = new GaussianPeaks(1, false);
        double[] x = grid(0, 4, 100);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = m.value(x[i], new double[] {10, 2.3, 0.3, 0});
        }
        // the true centre (2.3) is outside the allowed range: the fit must stop at the upper bound
        FitResult r = new BoundedLeastSquares(m).bounds(0, 0, 100).bounds(1, 1.0, 2.0).bounds(2, 0.1, 0.5)
                .fit(x, y, null, new double[] {8, 1.9, 0.3, 0});
        assertThat(r.get(1)).isBetween(1.0, 2.0).isCloseTo(2.0, within(1e-3));
        assertThat(r.get(0)).isBetween(0.0, 100.0);
        assertThat(r.atBound()[1]).isTrue();
    }

    @Test
    void fixedParametersStayFixed() {
        GaussianPeaks m = new GaussianPeaks(1, false);
        double[] x = grid(0, 3, 100);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = m.value(x[i], new double[] {10, 1.45, 0.2, 1});
        }
        FitResult r = new BoundedLeastSquares(m).fix(1, true).fit(x, y, null, new double[] {3, 1.45, 0.4, 0});
        assertThat(r.get(1)).isEqualTo(1.45);
        assertThat(r.error(1)).isZero();
        assertThat(r.get(0)).isCloseTo(10, within(1e-6));
    }
}
