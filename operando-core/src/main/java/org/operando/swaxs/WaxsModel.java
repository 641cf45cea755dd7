package org.operando.swaxs;

import org.operando.fit.BoundedLeastSquares;
import org.operando.fit.FitResult;
import org.operando.fit.GaussianPeaks;
import org.operando.fit.ParametricModel;

/**
 * The WAXS model of the hard-carbon sodiation study (eq. 4): Gaussians for the graphene 002 peak, metallic
 * sodium (sharp, 2.07 Å⁻¹), pseudo-metallic sodium (broad, ~2.1–2.2 Å⁻¹) and the binder (fixed at 1.45 Å⁻¹), on a
 * linear background. Positive heights; bounded centres and widths keep the components from trading places;
 * starting values are taken from the data. d002 = 2π / q002 (Bragg's law in q).
 */
public final class WaxsModel {
    /** Peak order in the fitted parameter vector. */
    public static final int P002 = 0;
    public static final int METAL = 1;
    public static final int PSEUDO = 2;
    public static final int BINDER = 3;

    private double qMin = 1.2;
    private double qMax = 2.5;
    private double binderCenter = 1.45;
    private boolean withBinder = true;
    private Result shapes;
    private double bandCenter = Double.NaN;
    private double bandFwhm = Double.NaN;

    public WaxsModel fitRange(double lo, double hi) {
        this.qMin = lo;
        this.qMax = hi;
        return this;
    }

    public WaxsModel binder(boolean include) {
        this.withBinder = include;
        return this;
    }

    /**
     * Adds the displaced-electrolyte band: a Gaussian of fixed centre and width (those of the subtracted electrolyte
     * curve's main band, see {@link #electrolyteBand}) with a free signed height. Where the electrode's solids
     * displace electrolyte from the beam path, subtracting the electrolyte with unit scale over-subtracts its broad
     * band under the 002 peak (a negative residual that pulls q002 up); this term takes that residual up.
     */
    public WaxsModel withDisplacedElectrolyte(double center, double fwhm) {
        this.bandCenter = center;
        this.bandFwhm = fwhm;
        return this;
    }

    /**
     * Centre and FWHM (Å⁻¹) of the main band of an electrolyte curve within the fit range: one Gaussian on a linear
     * background, least squares. Returns null when the curve holds no band there (height not positive).
     */
    public double[] electrolyteBand(double[] q, double[] intensity) {
        int n = 0;
        for (double x : q) {
            n += x >= qMin && x <= qMax ? 1 : 0;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0, j = 0; i < q.length; i++) {
            if (q[i] >= qMin && q[i] <= qMax) {
                x[j] = q[i];
                y[j++] = Double.isFinite(intensity[i]) ? intensity[i] : 0;
            }
        }
        if (n < 8) {
            return null;
        }
        int top = 0;
        double lo = Math.min(y[0], y[n - 1]);
        for (int i = 0; i < n; i++) {
            if (y[i] > y[top]) {
                top = i;
            }
        }
        double[] p0 = {Math.max(y[top] - lo, 1e-30), x[top], 0.5, lo, 0};
        FitResult r = new BoundedLeastSquares(new GaussianPeaks(1, true))
                .bounds(GaussianPeaks.height(0), 0, Double.POSITIVE_INFINITY)
                .bounds(GaussianPeaks.center(0), qMin, qMax)
                .bounds(GaussianPeaks.fwhm(0), 0.1, 2.0)
                .fit(x, y, null, p0);
        double[] b = r.parameters();
        return b[0] > 0 ? new double[] {b[1], b[2]} : null;
    }

    /**
     * A model for per-pixel fits that takes the shapes of the minor components from a fit of the electrode-average
     * curve: the metallic and pseudo-metallic peaks' centres and widths and the binder's width are fixed to
     * {@code average}'s values, and their heights are left unbounded so that noise-level components scatter
     * symmetrically about zero instead of piling up at a bound. Only the 002 peak keeps free position and width.
     */
    public WaxsModel withShapesFrom(Result average) {
        WaxsModel m = new WaxsModel().fitRange(qMin, qMax).binder(withBinder);
        m.shapes = average;
        m.bandCenter = bandCenter;
        m.bandFwhm = bandFwhm;
        return m;
    }

    /** Result of one fit. Heights in the intensity unit; positions and widths in Å⁻¹. */
    public record Result(double q002, double q002Error, double fwhm002, double height002, double d002, double d002Error,
                         double metalHeight, double metalHeightError, double metalCenter,
                         double pseudoHeight, double pseudoHeightError, double pseudoCenter, double pseudoFwhm,
                         double binderHeight, double reducedChi2, boolean converged, double[] parameters,
                         ParametricModel model) {
        /** Model value at q. */
        public double value(double q) {
            return model.value(q, parameters);
        }
    }

    /** Fits I(q) (σ may be null). */
    public Result fit(double[] q, double[] intensity, double[] sigma) {
        int n = 0;
        for (double x : q) {
            if (x >= qMin && x <= qMax) {
                n++;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] s = sigma == null ? null : new double[n];
        for (int i = 0, j = 0; i < q.length; i++) {
            if (q[i] >= qMin && q[i] <= qMax) {
                x[j] = q[i];
                y[j] = intensity[i];
                if (s != null) {
                    s[j] = sigma[i];
                }
                j++;
            }
        }
        if (n < 16) {
            throw new org.operando.util.InvalidInputException("WAXS fit range " + qMin + "–" + qMax
                    + " Å⁻¹ holds only " + n + " points of the curve; the model needs at least 16");
        }
        int peaks = withBinder ? 4 : 3;
        boolean band = Double.isFinite(bandCenter);
        GaussianPeaks model = new GaussianPeaks(band ? peaks + 1 : peaks, true);
        double[] p = start(x, y, peaks);
        if (band) {
            // the band is the last peak; background parameters move behind it
            double[] pb = java.util.Arrays.copyOf(p, p.length + 3);
            pb[3 * peaks + 3] = p[3 * peaks];
            pb[3 * peaks + 4] = p[3 * peaks + 1];
            pb[3 * peaks] = 0;
            pb[3 * peaks + 1] = bandCenter;
            pb[3 * peaks + 2] = bandFwhm;
            p = pb;
        }
        double ymax = 0;
        for (double v : y) {
            if (Double.isFinite(v)) {
                ymax = Math.max(ymax, Math.abs(v));
            }
        }
        double hmax = 10 * Math.max(ymax, 1e-30);
        BoundedLeastSquares ls = new BoundedLeastSquares(model)
                .bounds(GaussianPeaks.height(P002), 0, hmax)
                .bounds(GaussianPeaks.center(P002), 1.4, 1.95)
                .bounds(GaussianPeaks.fwhm(P002), 0.08, 0.9)
                .bounds(GaussianPeaks.height(METAL), 0, hmax)
                .bounds(GaussianPeaks.center(METAL), 2.055, 2.10)
                .bounds(GaussianPeaks.fwhm(METAL), 0.004, 0.05)
                .bounds(GaussianPeaks.height(PSEUDO), 0, hmax)
                .bounds(GaussianPeaks.center(PSEUDO), 2.0, 2.3)
                .bounds(GaussianPeaks.fwhm(PSEUDO), 0.1, 0.5);
        if (withBinder) {
            ls.bounds(GaussianPeaks.height(BINDER), 0, hmax)
                    .fix(GaussianPeaks.center(BINDER), true)
                    .bounds(GaussianPeaks.fwhm(BINDER), 0.02, 0.3);
        }
        if (band) {
            ls.fix(GaussianPeaks.center(peaks), true).fix(GaussianPeaks.fwhm(peaks), true)
                    .bounds(GaussianPeaks.height(peaks), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        if (shapes != null) {
            double[] a = shapes.parameters();
            for (int k : new int[] {METAL, PSEUDO}) {
                p[GaussianPeaks.center(k)] = a[GaussianPeaks.center(k)];
                p[GaussianPeaks.fwhm(k)] = a[GaussianPeaks.fwhm(k)];
                ls.fix(GaussianPeaks.center(k), true).fix(GaussianPeaks.fwhm(k), true)
                        .bounds(GaussianPeaks.height(k), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            if (withBinder) {
                p[GaussianPeaks.fwhm(BINDER)] = a[GaussianPeaks.fwhm(BINDER)];
                ls.fix(GaussianPeaks.fwhm(BINDER), true)
                        .bounds(GaussianPeaks.height(BINDER), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            ls.maxIterations(300);
        }
        FitResult r = ls.fit(x, y, s, p);
        double[] b = r.parameters();
        double q002 = b[GaussianPeaks.center(P002)];
        double eq = r.error(GaussianPeaks.center(P002));
        double d = 2 * Math.PI / q002;
        double ed = 2 * Math.PI * eq / (q002 * q002);
        return new Result(q002, eq, b[GaussianPeaks.fwhm(P002)], b[GaussianPeaks.height(P002)], d, ed,
                b[GaussianPeaks.height(METAL)], r.error(GaussianPeaks.height(METAL)), b[GaussianPeaks.center(METAL)],
                b[GaussianPeaks.height(PSEUDO)], r.error(GaussianPeaks.height(PSEUDO)), b[GaussianPeaks.center(PSEUDO)],
                b[GaussianPeaks.fwhm(PSEUDO)], withBinder ? b[GaussianPeaks.height(BINDER)] : 0, r.reducedChi2(),
                r.converged(), b, model);
    }

    private double[] start(double[] x, double[] y, int peaks) {
        int n = x.length;
        int k = Math.max(2, n / 20);
        // linear background through the low ends of both edges
        double yl = minMean(y, 0, k);
        double yr = minMean(y, n - k, n);
        double slope = (yr - yl) / (x[n - 1] - x[0]);
        double b0 = yl - slope * x[0];
        double[] p = new double[3 * peaks + 2];
        // 002: maximum of the background-subtracted, lightly smoothed curve in 1.4–1.95
        int best = -1;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < n - 1; i++) {
            if (x[i] < 1.4 || x[i] > 1.95) {
                continue;
            }
            double v = (y[i - 1] + y[i] + y[i + 1]) / 3 - (b0 + slope * x[i]);
            if (v > bestV) {
                bestV = v;
                best = i;
            }
        }
        p[GaussianPeaks.height(P002)] = Math.max(bestV, 0);
        p[GaussianPeaks.center(P002)] = best < 0 ? 1.75 : x[best];
        p[GaussianPeaks.fwhm(P002)] = 0.35;
        // metallic Na: excess at 2.07–2.09 over the flanks
        double flank = (meanIn(x, y, 2.03, 2.055) + meanIn(x, y, 2.105, 2.13)) / 2;
        double top = maxIn(x, y, 2.06, 2.095);
        p[GaussianPeaks.height(METAL)] = Double.isFinite(top - flank) ? Math.max(0, top - flank) : 0;
        p[GaussianPeaks.center(METAL)] = 2.075;
        p[GaussianPeaks.fwhm(METAL)] = 0.015;
        // pseudo-metal: what remains at 2.2 above the 002 tail and background
        double at22 = meanIn(x, y, 2.17, 2.23) - (b0 + slope * 2.2)
                - GaussianPeaks.peak(2.2, p, P002);
        p[GaussianPeaks.height(PSEUDO)] = Double.isFinite(at22) ? Math.max(0, at22) : 0;
        p[GaussianPeaks.center(PSEUDO)] = 2.15;
        p[GaussianPeaks.fwhm(PSEUDO)] = 0.25;
        if (peaks == 4) {
            double at145 = meanIn(x, y, 1.43, 1.47) - (b0 + slope * 1.45) - GaussianPeaks.peak(1.45, p, P002);
            p[GaussianPeaks.height(BINDER)] = Double.isFinite(at145) ? Math.max(0, at145) : 0;
            p[GaussianPeaks.center(BINDER)] = binderCenter;
            p[GaussianPeaks.fwhm(BINDER)] = 0.1;
        }
        p[3 * peaks] = b0;
        p[3 * peaks + 1] = slope;
        return p;
    }

    private static double minMean(double[] y, int from, int to) {
        double[] s = java.util.Arrays.copyOfRange(y, from, to);
        java.util.Arrays.sort(s);
        int m = Math.max(1, s.length / 2);
        double t = 0;
        for (int i = 0; i < m; i++) {
            t += s[i];
        }
        return t / m;
    }

    private static double meanIn(double[] x, double[] y, double lo, double hi) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= lo && x[i] <= hi && Double.isFinite(y[i])) {
                s += y[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static double maxIn(double[] x, double[] y, double lo, double hi) {
        double m = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= lo && x[i] <= hi && Double.isFinite(y[i]) && !(y[i] <= m)) {
                m = y[i];
            }
        }
        return m;
    }
}
