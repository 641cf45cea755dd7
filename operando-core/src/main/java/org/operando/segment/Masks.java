package org.operando.segment;

/** Operations on boolean masks stored row-major (true = selected): overlap measures, morphology, components. */
public final class Masks {
    private Masks() { }

    /** Intersection over union of two selections; 1 when both are empty. */
    public static double iou(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("masks differ in size: " + a.length + " vs " + b.length);
        }
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                inter++;
            }
            if (a[i] || b[i]) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }

    public static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    public static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] && b[i];
        }
        return out;
    }

    public static boolean[] not(boolean[] a) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = !a[i];
        }
        return out;
    }

    /**
     * 4-connected components of a 2D selection (width × height, row-major). Returns labels 1..n for selected
     * pixels and 0 elsewhere; {@code labels[width*height]} is not used — the count is returned by
     * {@link #componentCount(int[])}.
     */
    public static int[] label2d(boolean[] m, int width, int height) {
        int[] lab = new int[m.length];
        int next = 0;
        int[] stack = new int[m.length];
        for (int s = 0; s < m.length; s++) {
            if (!m[s] || lab[s] != 0) {
                continue;
            }
            next++;
            int sp = 0;
            stack[sp++] = s;
            lab[s] = next;
            while (sp > 0) {
                int p = stack[--sp];
                int x = p % width;
                int y = p / width;
                if (x > 0 && m[p - 1] && lab[p - 1] == 0) { lab[p - 1] = next; stack[sp++] = p - 1; }
                if (x < width - 1 && m[p + 1] && lab[p + 1] == 0) { lab[p + 1] = next; stack[sp++] = p + 1; }
                if (y > 0 && m[p - width] && lab[p - width] == 0) { lab[p - width] = next; stack[sp++] = p - width; }
                if (y < height - 1 && m[p + width] && lab[p + width] == 0) { lab[p + width] = next; stack[sp++] = p + width; }
            }
        }
        return lab;
    }

    public static int componentCount(int[] labels) {
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max;
    }

    /**
     * Erodes {@code m} by one pixel (4-neighbourhood) where it borders anything but {@code keep}: a pixel stays when
     * each of its four neighbours is in {@code m} or in {@code keep}; pixels on the raster's border are removed.
     */
    public static boolean[] erodeExcept(boolean[] m, boolean[] keep, int width, int height) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (!m[i] || x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    continue;
                }
                out[i] = (m[i - 1] || keep[i - 1]) && (m[i + 1] || keep[i + 1])
                        && (m[i - width] || keep[i - width]) && (m[i + width] || keep[i + width]);
            }
        }
        return out;
    }

    /** Keeps only the largest 4-connected component (ties: the first found). */
    public static boolean[] largestComponent(boolean[] m, int width, int height) {
        int[] lab = label2d(m, width, height);
        int n = componentCount(lab);
        if (n <= 1) {
            return m.clone();
        }
        int[] size = new int[n + 1];
        for (int l : lab) {
            size[l]++;
        }
        int best = 1;
        for (int l = 2; l <= n; l++) {
            if (size[l] > size[best]) {
                best = l;
            }
        }
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = lab[i] == best;
        }
        return out;
    }

    /** Fills holes: unselected regions not 4-connected to the border become selected. */
    public static boolean[] fillHoles(boolean[] m, int width, int height) {
        boolean[] outside = new boolean[m.length];
        int[] stack = new int[m.length];
        int sp = 0;
        for (int x = 0; x < width; x++) {
            for (int y : new int[] {0, height - 1}) {
                int p = y * width + x;
                if (!m[p] && !outside[p]) { outside[p] = true; stack[sp++] = p; }
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x : new int[] {0, width - 1}) {
                int p = y * width + x;
                if (!m[p] && !outside[p]) { outside[p] = true; stack[sp++] = p; }
            }
        }
        while (sp > 0) {
            int p = stack[--sp];
            int x = p % width;
            int y = p / width;
            int[] nb = {x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1};
            for (int q : nb) {
                if (q >= 0 && !m[q] && !outside[q]) {
                    outside[q] = true;
                    stack[sp++] = q;
                }
            }
        }
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] || !outside[i];
        }
        return out;
    }
}
