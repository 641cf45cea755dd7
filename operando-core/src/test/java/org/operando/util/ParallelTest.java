package org.operando.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void forEachDynamicVisitsEveryIndexExactlyOnce() {
        for (int n : new int[] {0, 1, 2, 3, 17, 300}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n + 5);
            Parallel.forEachDynamic(5, 5 + n, i -> seen.incrementAndGet(i));
            for (int i = 0; i < n + 5; i++) {
                assertThat(seen.get(i)).as("n = " + n + ", index " + i).isEqualTo(i < 5 ? 0 : 1);
            }
        }
    }

    @Test
    void forEachDynamicStopsHandingOutIndicesAfterAFailureAndRethrowsIt() {
        AtomicInteger started = new AtomicInteger();
        assertThatThrownBy(() -> Parallel.forEachDynamic(0, 1000, i -> {
            started.incrementAndGet();
            if (i == 3) {
                throw new InvalidInputException("block 3 is bad");
            }
        })).isInstanceOf(InvalidInputException.class).hasMessage("block 3 is bad");
        // at most the indices already handed out to the other workers when index 3 failed
        assertThat(started.get()).isLessThan(3 + 1 + 2 * Parallel.threads() + 1);
    }
}
