package org.operando.echem;

import org.operando.util.InvalidInputException;

/**
 * The voltage of one half-cycle as a monotone function of the charge passed, V(x) with x = |Q − Q₀| in mAh.
 *
 * <p>In a galvanostatic half-cycle the equilibrium voltage is monotone in the charge passed; measurement
 * noise and small relaxations are not. The profile is the isotonic (least-squares monotone) regression of
 * the measured voltage on x, computed with the pool-adjacent-violators algorithm; it needs no smoothing
 * parameter and removes noise back-and-forth without shifting features. The pooled blocks are joined by
 * straight lines through their centres, which gives a monotone polyline whose charge can be binned by
 * voltage (dQ/dV) and which can be differentiated (dV/dx) for segmentation.
 */
public final class MonotoneProfile {
    private final double[] x;
    private final double[] v;
    private final boolean decreasing;

    private MonotoneProfile(double[] x, double[] v, boolean decreasing) {
        this.x = x;
        this.v = v;
        this.decreasing = decreasing;
    }

    /** Charge passed at the nodes, mAh (non-decreasing). */
    public double[] charge() {
        return x;
    }

    /** Voltage at the nodes, V (monotone). */
    public double[] voltage() {
        return v;
    }

    public boolean decreasing() {
        return decreasing;
    }

    public double totalCharge() {
        return x[x.length - 1] - x[0];
    }

    /**
     * Builds the profile from the voltage and cumulative charge of one half-cycle (any sign convention; the
     * charge passed is |Q − Q₀|, made non-decreasing).
     */
    public static MonotoneProfile of(double[] voltage, double[] charge) {
        int n = voltage.length;
        if (n < 3 || charge.length != n) {
            throw new InvalidInputException("half-cycle profile: at least 3 points with voltage and charge expected, got " + n);
        }
        double sign = charge[n - 1] >= charge[0] ? 1 : -1;
        double[] xs = new double[n];
        double run = 0;
        for (int i = 0; i < n; i++) {
            double xi = sign * (charge[i] - charge[0]);
            run = Math.max(run, Double.isFinite(xi) ? xi : run);
            xs[i] = run;
        }
        if (!(xs[n - 1] > 0)) {
            throw new InvalidInputException("half-cycle profile: no charge passed");
        }
        boolean decreasing = voltage[n - 1] < voltage[0];
        // Pool adjacent violators on y = ±V so that the fit is non-decreasing.
        double[] sumY = new double[n];
        double[] sumX = new double[n];
        int[] cnt = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            double y = decreasing ? -voltage[i] : voltage[i];
            if (!Double.isFinite(y)) {
                continue;
            }
            sumY[blocks] = y;
            sumX[blocks] = xs[i];
            cnt[blocks] = 1;
            blocks++;
            while (blocks > 1 && sumY[blocks - 2] / cnt[blocks - 2] >= sumY[blocks - 1] / cnt[blocks - 1]) {
                sumY[blocks - 2] += sumY[blocks - 1];
                sumX[blocks - 2] += sumX[blocks - 1];
                cnt[blocks - 2] += cnt[blocks - 1];
                blocks--;
            }
        }
        if (blocks < 2) {
            throw new InvalidInputException("half-cycle profile: voltage does not change (or is not finite)");
        }
        // Nodes: block centres, plus the two ends of the charge range at the end blocks' levels.
        double[] nx = new double[blocks + 2];
        double[] nv = new double[blocks + 2];
        for (int b = 0; b < blocks; b++) {
            nx[b + 1] = sumX[b] / cnt[b];
            double y = sumY[b] / cnt[b];
            nv[b + 1] = decreasing ? -y : y;
        }
        nx[0] = xs[0];
        nv[0] = nv[1];
        nx[blocks + 1] = xs[n - 1];
        nv[blocks + 1] = nv[blocks];
        return new MonotoneProfile(nx, nv, decreasing);
    }

    /** V at charge passed xq (linear between nodes, clamped at the ends). */
    public double voltageAt(double xq) {
        return interp(x, v, xq);
    }

    static double interp(double[] xs, double[] ys, double q) {
        int n = xs.length;
        if (q <= xs[0]) {
            return ys[0];
        }
        if (q >= xs[n - 1]) {
            return ys[n - 1];
        }
        int lo = SortedSearch.segment(xs, q);
        int hi = lo + 1;
        double w = xs[hi] - xs[lo];
        double f = w > 0 ? (q - xs[lo]) / w : 1.0;
        return ys[lo] + f * (ys[hi] - ys[lo]);
    }
}
