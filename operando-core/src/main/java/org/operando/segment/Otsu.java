package org.operando.segment;

/**
 * Otsu's threshold (N. Otsu, IEEE Trans. SMC 9, 62 (1979)): the value that maximises the between-class
 * variance of a two-class split of the histogram. Computed on a fine histogram (default 1024 bins) of the
 * selected finite values; the threshold is the upper edge of the last bin of the lower class, so that
 * {@code value > threshold} selects the upper class.
 */
public final class Otsu {
    private Otsu() { }

    public static double threshold(float[] values, boolean[] include) {
        return threshold(values, include, 1024);
    }

    public static double threshold(float[] values, boolean[] include, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(values[i])) {
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("Otsu threshold of no values");
        }
        if (hi == lo) {
            return lo;
        }
        long[] h = new long[bins];
        double w = (hi - lo) / bins;
        for (int i = 0; i < values.length; i++) {
            if ((include == null || include[i]) && Float.isFinite(values[i])) {
                int b = (int) ((values[i] - lo) / w);
                h[Math.min(bins - 1, Math.max(0, b))]++;
            }
        }
        double total = 0;
        for (int b = 0; b < bins; b++) {
            total += (b + 0.5) * h[b];
        }
        double sumB = 0;
        long wB = 0;
        double best = -1;
        int bestBin = 0;
        for (int b = 0; b < bins - 1; b++) {
            wB += h[b];
            if (wB == 0) {
                continue;
            }
            long wF = n - wB;
            if (wF == 0) {
                break;
            }
            sumB += (b + 0.5) * h[b];
            double mB = sumB / wB;
            double mF = (total - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                bestBin = b;
            }
        }
        return lo + (bestBin + 1) * w;
    }
}
