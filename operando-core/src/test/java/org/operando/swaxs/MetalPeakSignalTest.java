package org.operando.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetalPeakSignalTest {
    private static double[][] curve(double metalHeight, Random r) {
        int n = 600;
        double[][] c = new double[3][n];
        for (int i = 0; i < n; i++) {
            double q = 1.8 + 0.6 * i / (n - 1);
            double broad = 200 * Math.exp(-4 * Math.log(2) * Math.pow(q - 2.17, 2) / (0.22 * 0.22));
            double sharp = metalHeight * Math.exp(-4 * Math.log(2) * Math.pow(q - 2.078, 2) / (0.012 * 0.012));
            double mu = 500 + broad + sharp;
            c[0][i] = q;
            c[2][i] = Math.sqrt(mu);
            c[1][i] = mu + c[2][i] * r.nextGaussian();
        }
        return c;
    }

    @Test
    void noiseOnlySignificanceIsUnitNormal() {
        Random r = new Random(11);
        MetalPeakSignal s = new MetalPeakSignal();
        int trials = 400;
        double sum = 0;
        double sum2 = 0;
        for (int t = 0; t < trials; t++) {
            double[][] c = curve(0, r);
            double z = s.measure(c[0], c[1], c[2]).significance();
            sum += z;
            sum2 += z * z;
        }
        double mean = sum / trials;
        double sd = Math.sqrt(sum2 / trials - mean * mean);
        // the broad pseudo-metal peak is not perfectly linear over the flanks: allow a small bias
        assertThat(mean).isCloseTo(0, within(0.4));
        assertThat(sd).isCloseTo(1.0, within(0.15));
    }

    @Test
    void sharpPeakIsHighlySignificant() {
        double[][] c = curve(150, new Random(12)); // area ≈ 1.9 counts·Å⁻¹: about 10σ above the noise
        MetalPeakSignal.Signal sig = new MetalPeakSignal().measure(c[0], c[1], c[2]);
        assertThat(sig.significance()).isGreaterThan(8);
    }

    @Test
    void withoutSigmaTheNoiseComesFromTheFlanks() {
        Random r = new Random(13);
        double[][] c = curve(0, r);
        MetalPeakSignal.Signal sig = new MetalPeakSignal().measure(c[0], c[1], null);
        assertThat(Math.abs(sig.significance())).isLessThan(4);
        double[][] p = curve(150, r);
        assertThat(new MetalPeakSignal().measure(p[0], p[1], null).significance()).isGreaterThan(6);
    }
}
