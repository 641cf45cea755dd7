package org.operando.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OtsuTest {
    @Test
    void separatesTwoWellSeparatedClasses() {
        Random r = new Random(1);
        float[] v = new float[2000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (i < 1400 ? 1 + 0.1 * r.nextGaussian() : 5 + 0.3 * r.nextGaussian());
        }
        double t = Otsu.threshold(v, null);
        // every value of the lower class lies at or below the threshold, every value of the upper class above it
        for (int i = 0; i < v.length; i++) {
            if (i < 1400) {
                assertThat((double) v[i]).isLessThanOrEqualTo(t);
            } else {
                assertThat((double) v[i]).isGreaterThan(t);
            }
        }
    }

    @Test
    void honoursTheSelection() {
        float[] v = {0, 0, 10, 10, 1000, 1000};
        boolean[] inc = {true, true, true, true, false, false};
        double t = Otsu.threshold(v, inc);
        assertThat(t).isGreaterThan(0).isLessThan(10);
    }
}
