package org.operando.echem;

import org.apache.commons.math3.distribution.FDistribution;
import org.operando.util.InvalidInputException;

/**
 * Where a per-scan signal (a PDF peak intensity, a difference-map mean, a SAXS invariant, ...) starts to
 * change, against potential or time: a continuous two-segment ("broken-stick") change-point model
 *
 * <pre>  y = a + b₁·min(x − x₀, 0) + b₂·max(x − x₀, 0) + ε</pre>
 *
 * fitted by least squares, with x₀ found by profiling the residual sum of squares RSS(x₀) (linear least
 * squares in a, b₁, b₂ for every x₀ on a fine grid, then golden-section refinement).
 *
 * <p>Uncertainty: profile-likelihood interval {x₀ : RSS(x₀) − RSS_min ≤ σ̂²} with σ̂² = RSS_min/(n − 4), the
 * Δχ² = 1 (≈ 68 %) interval; {@link ChangePoint#sigma()} is its half-width. Whether there is a change at all
 * is tested against a single straight line with an F-test (2 and n − 4 degrees of freedom).
 */
public final class Onset {
    private Onset() { }

    /**
     * @param x0          the change point (onset)
     * @param sigma       half-width of the 68 % profile interval
     * @param lower       lower end of the 68 % interval
     * @param upper       upper end of the 68 % interval
     * @param level       fitted signal at x₀
     * @param slopeBelow  slope for x &lt; x₀
     * @param slopeAbove  slope for x &gt; x₀
     * @param residualSd  σ̂
     * @param fStatistic  F of the broken stick against one straight line
     * @param pValue      probability of an F at least this large without a change
     * @param n           number of points
     */
    public record ChangePoint(double x0, double sigma, double lower, double upper, double level, double slopeBelow,
                              double slopeAbove, double residualSd, double fStatistic, double pValue, int n) { }

    public static ChangePoint find(double[] x, double[] y) {
        InvalidInputException.require(x.length == y.length, "onset: x and y differ in length (" + x.length + ", " + y.length + ")");
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        InvalidInputException.require(n >= 7, "onset: at least 7 finite points expected, got " + n);
        double[] xs = new double[n];
        double[] ys = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs[k] = x[i];
                ys[k] = y[i];
                k++;
            }
        }
        double[] sorted = xs.clone();
        java.util.Arrays.sort(sorted);
        double lo = sorted[2];
        double hi = sorted[n - 3];
        InvalidInputException.require(hi > lo, "onset: x must take at least 2 distinct values in its interior");
        int grid = 2001;
        double[] rss = new double[grid];
        double best = Double.POSITIVE_INFINITY;
        int bi = 0;
        for (int g = 0; g < grid; g++) {
            double x0 = lo + (hi - lo) * g / (grid - 1);
            rss[g] = fit(xs, ys, x0)[3];
            if (rss[g] < best) {
                best = rss[g];
                bi = g;
            }
        }
        double step = (hi - lo) / (grid - 1);
        // Golden-section refinement within one grid step either side.
        double a = Math.max(lo, lo + (bi - 1) * step);
        double b = Math.min(hi, lo + (bi + 1) * step);
        double gr = (Math.sqrt(5) - 1) / 2;
        double c = b - gr * (b - a);
        double d = a + gr * (b - a);
        double fc = fit(xs, ys, c)[3];
        double fd = fit(xs, ys, d)[3];
        for (int it = 0; it < 60 && b - a > 1e-12 * Math.max(1, Math.abs(b)); it++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - gr * (b - a);
                fc = fit(xs, ys, c)[3];
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + gr * (b - a);
                fd = fit(xs, ys, d)[3];
            }
        }
        double x0 = 0.5 * (a + b);
        double[] p = fit(xs, ys, x0);
        if (p[3] > best) {
            x0 = lo + bi * step;
            p = fit(xs, ys, x0);
        }
        double rssMin = p[3];
        double s2 = rssMin / (n - 4);
        double thr = rssMin + s2;
        // Profile interval: walk outwards from the optimum on the grid; interpolate the crossing.
        int gi = (int) Math.round((x0 - lo) / step);
        gi = Math.max(0, Math.min(grid - 1, gi));
        double lower = lo;
        for (int g = gi; g > 0; g--) {
            if (rss[g - 1] > thr) {
                lower = cross(lo + (g - 1) * step, rss[g - 1], lo + g * step, Math.min(rss[g], thr), thr);
                break;
            }
        }
        double upper = hi;
        for (int g = gi; g < grid - 1; g++) {
            if (rss[g + 1] > thr) {
                upper = cross(lo + g * step, Math.min(rss[g], thr), lo + (g + 1) * step, rss[g + 1], thr);
                break;
            }
        }
        lower = Math.min(lower, x0);
        upper = Math.max(upper, x0);
        double rssLine = lineRss(xs, ys);
        double f = rssMin > 0 ? ((rssLine - rssMin) / 2) / s2 : Double.POSITIVE_INFINITY;
        double pv = Double.isFinite(f) ? 1 - new FDistribution(2, n - 4).cumulativeProbability(Math.max(0, f)) : 0;
        return new ChangePoint(x0, 0.5 * (upper - lower), lower, upper, p[0], p[1], p[2], Math.sqrt(s2), f, pv, n);
    }

    private static double cross(double xa, double ra, double xb, double rb, double thr) {
        if (rb == ra) {
            return 0.5 * (xa + xb);
        }
        return xa + (thr - ra) / (rb - ra) * (xb - xa);
    }

    /** Least squares of y on [1, min(x−x0,0), max(x−x0,0)]: returns {a, b1, b2, rss}. */
    static double[] fit(double[] x, double[] y, double x0) {
        double s11 = 0, s12 = 0, s13 = 0, s22 = 0, s33 = 0, r1 = 0, r2 = 0, r3 = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double u = Math.min(x[i] - x0, 0);
            double w = Math.max(x[i] - x0, 0);
            s11 += 1;
            s12 += u;
            s13 += w;
            s22 += u * u;
            s33 += w * w;
            r1 += y[i];
            r2 += u * y[i];
            r3 += w * y[i];
        }
        // u·w = 0 for every point, so the normal matrix is [[s11 s12 s13][s12 s22 0][s13 0 s33]].
        double[][] m = {{s11, s12, s13}, {s12, s22, 0}, {s13, 0, s33}};
        double[] rhs = {r1, r2, r3};
        double[] beta = solve3(m, rhs);
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double u = Math.min(x[i] - x0, 0);
            double w = Math.max(x[i] - x0, 0);
            double e = y[i] - beta[0] - beta[1] * u - beta[2] * w;
            rss += e * e;
        }
        return new double[] {beta[0], beta[1], beta[2], rss};
    }

    private static double[] solve3(double[][] m, double[] r) {
        // Gaussian elimination with partial pivoting; a zero pivot (all points on one side) fixes that slope at 0.
        double[][] a = {m[0].clone(), m[1].clone(), m[2].clone()};
        double[] b = r.clone();
        int[] perm = {0, 1, 2};
        double scale = Math.max(1e-300, Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]));
        for (int c = 0; c < 3; c++) {
            int piv = c;
            for (int rr = c + 1; rr < 3; rr++) {
                if (Math.abs(a[rr][c]) > Math.abs(a[piv][c])) {
                    piv = rr;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            double tb = b[c];
            b[c] = b[piv];
            b[piv] = tb;
            int tp = perm[c];
            perm[c] = perm[piv];
            perm[piv] = tp;
            if (Math.abs(a[c][c]) <= 1e-14 * scale) {
                a[c][c] = 1;
                for (int j = 0; j < 3; j++) {
                    if (j != c) {
                        a[c][j] = 0;
                    }
                }
                b[c] = 0;
                continue;
            }
            for (int rr = c + 1; rr < 3; rr++) {
                double f = a[rr][c] / a[c][c];
                for (int j = c; j < 3; j++) {
                    a[rr][j] -= f * a[c][j];
                }
                b[rr] -= f * b[c];
            }
        }
        double[] xsol = new double[3];
        for (int c = 2; c >= 0; c--) {
            double s = b[c];
            for (int j = c + 1; j < 3; j++) {
                s -= a[c][j] * xsol[j];
            }
            xsol[c] = s / a[c][c];
        }
        return xsol;
    }

    private static double lineRss(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double bb = sxx > 0 ? sxy / sxx : 0;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - my - bb * (x[i] - mx);
            rss += e * e;
        }
        return rss;
    }
}
