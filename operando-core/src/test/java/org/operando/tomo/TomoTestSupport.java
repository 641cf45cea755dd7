package org.operando.tomo;

import java.util.List;
import java.util.Random;

/** Shared helpers for the tomography tests. */
final class TomoTestSupport {
    private TomoTestSupport() { }

    static double rms(float[] a, float[] b, boolean[] where) {
        double s = 0;
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (where == null || where[i]) {
                double d = a[i] - b[i];
                s += d * d;
                n++;
            }
        }
        return Math.sqrt(s / n);
    }

    /** Pixels inside the circle of radius rad around the rotation axis pixel. */
    static boolean[] disk(int n, double rad) {
        boolean[] m = new boolean[n * n];
        int ic = n / 2;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                m[r * n + c] = (r - ic) * (r - ic) + (c - ic) * (c - ic) <= rad * rad;
            }
        }
        return m;
    }

    static float[] random(int len, long seed) {
        Random r = new Random(seed);
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    static List<Phantoms.Ellipse> sheppLogan(int n) {
        return Phantoms.sheppLogan(0.45 * n);
    }
}
