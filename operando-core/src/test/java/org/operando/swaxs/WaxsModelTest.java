package org.operando.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.operando.fit.GaussianPeaks;

class WaxsModelTest {
    /** A synthetic WAXS curve from eq. 4 with Poisson noise: 002 + binder + optional Na peaks + linear background. */
    private static double[][] curve(double q002, double metal, double pseudo, long seed) {
        GaussianPeaks m = new GaussianPeaks(4, true);
        double[] p = {
                400, q002, 0.40,      // 002
                metal, 2.075, 0.015,  // metallic Na
                pseudo, 2.17, 0.22,   // pseudo-metallic Na
                120, 1.45, 0.08,      // binder
                300, -40};            // background
        Random r = new Random(seed);
        int n = 400;
        double[][] out = new double[3][n];
        for (int i = 0; i < n; i++) {
            double q = 0.9 + 2.0 * i / (n - 1);
            double mu = m.value(q, p);
            out[0][i] = q;
            out[2][i] = Math.sqrt(mu);
            out[1][i] = mu + out[2][i] * r.nextGaussian();
        }
        return out;
    }

    @Test
    void recoversD002WithinHundredthOfAnAngstrom() {
        for (double q002 : new double[] {1.78, 1.72, 1.66}) {
            double[][] c = curve(q002, 0, 0, 3);
            WaxsModel.Result r = new WaxsModel().fit(c[0], c[1], c[2]);
            double dTrue = 2 * Math.PI / q002;
            assertThat(r.d002()).as("d002 for q002=" + q002).isCloseTo(dTrue, within(0.01));
            assertThat(Math.abs(r.d002() - dTrue)).isLessThan(4 * r.d002Error());
            assertThat(r.reducedChi2()).isCloseTo(1.0, within(0.25));
        }
    }

    @Test
    void metallicPeakIsFoundWhenPresentAndNotWhenAbsent() {
        WaxsModel.Result with = new WaxsModel().fit(curve(1.70, 150, 60, 5)[0], curve(1.70, 150, 60, 5)[1],
                curve(1.70, 150, 60, 5)[2]);
        assertThat(with.metalHeight()).isCloseTo(150, within(30.0));
        assertThat(with.metalHeight() / with.metalHeightError()).isGreaterThan(5);
        assertThat(with.pseudoHeight()).isCloseTo(60, within(25.0));
        double[][] c = curve(1.70, 0, 60, 6);
        WaxsModel.Result without = new WaxsModel().fit(c[0], c[1], c[2]);
        assertThat(without.metalHeight()).isLessThan(3 * Math.max(without.metalHeightError(), 5));
    }
}
