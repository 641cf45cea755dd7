package org.operando.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void pearsonOfLinearRelationsIsPlusOrMinusOne() {
        float[] a = {1, 2, 3, 4, 5};
        float[] b = {3, 5, 7, 9, 11};
        float[] c = {5, 4, 3, 2, 1};
        assertThat(Stats.pearson(a, b, null)).isCloseTo(1.0, within(1e-12));
        assertThat(Stats.pearson(a, c, null)).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void selectionAndNonFiniteValuesAreIgnored() {
        float[] v = {1, 2, Float.NaN, 100};
        boolean[] inc = {true, true, true, false};
        assertThat(Stats.mean(v, inc)).isEqualTo(1.5);
        assertThat(Stats.std(v, inc)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(Stats.count(v, inc)).isEqualTo(2);
    }

    @Test
    void percentileInterpolatesLinearly() {
        float[] v = {0, 10, 20, 30, 40};
        assertThat(Stats.percentile(v, null, 50)).isEqualTo(20.0);
        assertThat(Stats.percentile(v, null, 25)).isEqualTo(10.0);
        assertThat(Stats.percentile(v, null, 12.5)).isEqualTo(5.0);
    }
}
