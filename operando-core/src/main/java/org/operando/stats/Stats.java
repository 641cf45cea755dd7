package org.operando.stats;

/**
 * Basic statistics over selected elements: means, standard deviations, percentiles and Pearson correlation,
 * ignoring non-finite values. A selection array ({@code include}) of null means "all elements".
 */
public final class Stats {
    private Stats() { }

    /** Mean of finite values where {@code include} is true (or all); NaN when none. */
    public static double mean(float[] v, boolean[] include) {
        double s = 0;
        long n = 0;
        for (int i = 0; i < v.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(v[i])) {
                s += v[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Sample standard deviation (n − 1) of finite selected values; NaN when fewer than two. */
    public static double std(float[] v, boolean[] include) {
        double m = mean(v, include);
        double s = 0;
        long n = 0;
        for (int i = 0; i < v.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(v[i])) {
                double d = v[i] - m;
                s += d * d;
                n++;
            }
        }
        return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1));
    }

    /** Number of selected finite values. */
    public static int count(float[] v, boolean[] include) {
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(v[i])) {
                n++;
            }
        }
        return n;
    }

    /** Pearson correlation of a and b over elements selected and finite in both; NaN when undefined. */
    public static double pearson(float[] a, float[] b, boolean[] include) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("arrays differ in length: " + a.length + " vs " + b.length);
        }
        double sa = 0;
        double sb = 0;
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double ma = sa / n;
        double mb = sb / n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                double da = a[i] - ma;
                double db = b[i] - mb;
                sab += da * db;
                saa += da * da;
                sbb += db * db;
            }
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** The p-th percentile (0–100, linear interpolation) of selected finite values; NaN when none. */
    public static double percentile(float[] v, boolean[] include, double p) {
        float[] s = new float[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(v[i])) {
                s[n++] = v[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(s, 0, n);
        double pos = Math.max(0, Math.min(100, p)) / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
