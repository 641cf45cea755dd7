package org.operando.echem;

/** Bisection on an ascending axis (a record's time or a profile's charge nodes). */
final class SortedSearch {
    private SortedSearch() { }

    /**
     * The segment {@code i} in [0, n−2] with {@code t[i] <= x < t[i+1]}: 0 at or below {@code t[0]}, n−2 at or
     * above {@code t[n−1]}. {@code t} ascending with at least 2 values.
     */
    static int segment(double[] t, double x) {
        int n = t.length;
        if (x <= t[0]) {
            return 0;
        }
        if (x >= t[n - 1]) {
            return n - 2;
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
