package org.operando.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasksTest {
    private static boolean[] parse(String... rows) {
        int w = rows[0].length();
        boolean[] m = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                m[y * w + x] = rows[y].charAt(x) == '#';
            }
        }
        return m;
    }

    @Test
    void iouOfKnownOverlap() {
        boolean[] a = parse("##..");
        boolean[] b = parse(".##.");
        assertThat(Masks.iou(a, b)).isEqualTo(1.0 / 3);
        assertThat(Masks.iou(new boolean[3], new boolean[3])).isEqualTo(1.0);
    }

    @Test
    void labelsFourConnectedComponentsAndKeepsTheLargest() {
        boolean[] m = parse(
                "##...",
                "##..#",
                "...##",
                "#....");
        int[] lab = Masks.label2d(m, 5, 4);
        assertThat(Masks.componentCount(lab)).isEqualTo(3);
        boolean[] big = Masks.largestComponent(m, 5, 4);
        assertThat(Masks.count(big)).isEqualTo(4);
        assertThat(big[0]).isTrue();
        assertThat(big[9]).isFalse();
    }

    @Test
    void fillsEnclosedHolesOnly() {
        boolean[] m = parse(
                "#####",
                "#..##",
                "#####",
                "..#..");
        boolean[] f = Masks.fillHoles(m, 5, 4);
        assertThat(f[6]).isTrue();
        assertThat(f[7]).isTrue();
        assertThat(f[15]).isFalse();
    }
}
