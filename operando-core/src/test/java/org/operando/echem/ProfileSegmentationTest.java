package org.operando.echem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileSegmentationTest {
    /** Hard-carbon-like sodiation: 1.0 → 0.1 V over the first 40 % (sloping), then 0.1 → 0.02 V (plateau). */
    static double v(double u) {
        return u < 0.4 ? 1.0 - 0.9 * u / 0.4 : 0.1 - 0.08 * (u - 0.4) / 0.6;
    }

    @Test
    void findsSlopingThenPlateauAtKnownBoundary() {
        Random rnd = new Random(5);
        int n = 4000;
        double cap = 0.8; // mAh
        double[] volt = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            double u = (double) i / (n - 1);
            q[i] = -cap * u; // sodiation = reduction
            volt[i] = v(u) + 0.002 * rnd.nextGaussian();
        }
        List<ProfileSegmentation.Segment> s = ProfileSegmentation.segment(volt, q);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).kind()).isEqualTo(ProfileSegmentation.Kind.SLOPING);
        assertThat(s.get(1).kind()).isEqualTo(ProfileSegmentation.Kind.PLATEAU);
        // boundary within the ±2 % slope window of the true 40 %
        assertThat(s.get(0).endFraction()).isCloseTo(0.4, within(0.02));
        assertThat(s.get(0).capacityMAh()).isCloseTo(0.32, within(0.02 * cap));
        assertThat(s.get(1).capacityMAh() + s.get(0).capacityMAh()).isCloseTo(cap, within(1e-9));
        assertThat(s.get(1).startV()).isCloseTo(0.1, within(0.02));
    }

    @Test
    void allSlopingProfileIsOneSegment() {
        int n = 500;
        double[] volt = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = 0.001 * i;
            volt[i] = 3.0 + 1.2 * i / (n - 1.0);
        }
        List<ProfileSegmentation.Segment> s = ProfileSegmentation.segment(volt, q);
        assertThat(s).singleElement().extracting(ProfileSegmentation.Segment::kind)
                .isEqualTo(ProfileSegmentation.Kind.SLOPING);
    }
}
