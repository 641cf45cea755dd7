package org.operando.fit;

import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.util.Pair;

/**
 * Weighted nonlinear least squares with box bounds and fixed parameters, solved by commons-math3's
 * Levenberg–Marquardt. Bounds are enforced with MINUIT's transformation p = lo + (hi − lo)(1 + sin u)/2 (one-sided
 * bounds use p = lo − 1 + √(u² + 1)); uncertainties come from the covariance (JᵀWJ)⁻¹ evaluated in the original
 * parameters at the optimum (pseudo-inverse by SVD, so a degenerate direction gives a large error, not a crash).
 */
public final class BoundedLeastSquares {
    private final ParametricModel model;
    private double[] lower;
    private double[] upper;
    private boolean[] fixed;
    private int maxIterations = 2000;

    public BoundedLeastSquares(ParametricModel model) {
        this.model = model;
        int n = model.parameterCount();
        lower = new double[n];
        upper = new double[n];
        fixed = new boolean[n];
        java.util.Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
    }

    /** Bounds for parameter k (±∞ allowed). */
    public BoundedLeastSquares bounds(int k, double lo, double hi) {
        if (!(hi >= lo)) {
            throw new IllegalArgumentException("parameter " + k + ": upper bound " + hi + " below lower bound " + lo);
        }
        lower[k] = lo;
        upper[k] = hi;
        return this;
    }

    public BoundedLeastSquares fix(int k, boolean f) {
        fixed[k] = f;
        return this;
    }

    public BoundedLeastSquares maxIterations(int n) {
        this.maxIterations = n;
        return this;
    }

    /**
     * Fits the data. {@code sigma} may be null (unit weights; errors scaled by the reduced χ²). Points with
     * non-finite y or σ ≤ 0 are ignored.
     */
    public FitResult fit(double[] x, double[] y, double[] sigma, double[] start) {
        int np = model.parameterCount();
        int[] free = freeIndices();
        double[] p0 = start.clone();
        for (int k = 0; k < np; k++) {
            p0[k] = Math.min(upper[k], Math.max(lower[k], p0[k]));
        }
        // usable points
        int usableCount = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(y[i], sigma == null ? 1 : sigma[i])) {
                usableCount++;
            }
        }
        final int m = usableCount;
        double[] xs = new double[m];
        double[] ys = new double[m];
        double[] ws = new double[m];
        for (int i = 0, j = 0; i < x.length; i++) {
            double s = sigma == null ? 1 : sigma[i];
            if (usable(y[i], s)) {
                xs[j] = x[i];
                ys[j] = y[i];
                ws[j] = 1.0 / s;
                j++;
            }
        }
        if (m < free.length) {
            throw new IllegalArgumentException("fit has " + m + " usable points for " + free.length + " free parameters");
        }
        double[] u0 = new double[free.length];
        for (int f = 0; f < free.length; f++) {
            u0[f] = toInternal(free[f], p0[free[f]]);
        }
        double[] grad = new double[np];
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(u0)
                .target(new double[m]) // residuals are weighted inside the model: r = w (f − y)
                .model(point -> {
                    double[] u = point.toArray();
                    double[] p = external(u, free, p0);
                    double[] val = new double[m];
                    double[][] jac = new double[m][free.length];
                    for (int i = 0; i < m; i++) {
                        val[i] = ws[i] * (model.value(xs[i], p) - ys[i]);
                        model.gradient(xs[i], p, grad);
                        for (int f = 0; f < free.length; f++) {
                            jac[i][f] = ws[i] * grad[free[f]] * dExternal(free[f], u[f]);
                        }
                    }
                    return new Pair<>(new ArrayRealVector(val, false), new Array2DRowRealMatrix(jac, false));
                })
                .maxEvaluations(maxIterations * 4)
                .maxIterations(maxIterations)
                .build();
        LeastSquaresOptimizer.Optimum opt;
        boolean converged = true;
        double[] uBest;
        int iterations;
        try {
            opt = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-12).withParameterRelativeTolerance(1e-10)
                    .optimize(problem);
            uBest = opt.getPoint().toArray();
            iterations = opt.getIterations();
        } catch (TooManyEvaluationsException | TooManyIterationsException | ConvergenceException e) {
            converged = false;
            uBest = u0;
            iterations = maxIterations;
        }
        double[] p = external(uBest, free, p0);
        double chi2 = 0;
        double[][] jp = new double[m][free.length];
        for (int i = 0; i < m; i++) {
            double r = ws[i] * (model.value(xs[i], p) - ys[i]);
            chi2 += r * r;
            model.gradient(xs[i], p, grad);
            for (int f = 0; f < free.length; f++) {
                jp[i][f] = ws[i] * grad[free[f]];
            }
        }
        int dof = m - free.length;
        double[] err = new double[np];
        boolean[] atBound = new boolean[np];
        if (free.length > 0) {
            RealMatrix j = new Array2DRowRealMatrix(jp, false);
            RealMatrix jtj = j.transpose().multiply(j);
            DecompositionSolver solver = new SingularValueDecomposition(jtj).getSolver();
            RealMatrix cov = solver.getInverse();
            double scale = sigma == null && dof > 0 ? chi2 / dof : 1.0;
            for (int f = 0; f < free.length; f++) {
                double v = cov.getEntry(f, f) * scale;
                err[free[f]] = v >= 0 ? Math.sqrt(v) : Double.NaN;
            }
        }
        for (int k = 0; k < np; k++) {
            double w = upper[k] - lower[k];
            if (Double.isFinite(w) && !fixed[k]) {
                atBound[k] = p[k] - lower[k] <= 1e-4 * w || upper[k] - p[k] <= 1e-4 * w;
            }
        }
        return new FitResult(p, err, atBound, chi2, dof, converged, iterations);
    }

    private static boolean usable(double y, double s) {
        return Double.isFinite(y) && Double.isFinite(s) && s > 0;
    }

    private int[] freeIndices() {
        int n = 0;
        for (boolean f : fixed) {
            if (!f) {
                n++;
            }
        }
        int[] idx = new int[n];
        for (int k = 0, j = 0; k < fixed.length; k++) {
            if (!fixed[k]) {
                idx[j++] = k;
            }
        }
        return idx;
    }

    private double[] external(double[] u, int[] free, double[] p0) {
        double[] p = p0.clone();
        for (int f = 0; f < free.length; f++) {
            p[free[f]] = toExternal(free[f], u[f]);
        }
        return p;
    }

    private double toExternal(int k, double u) {
        double lo = lower[k];
        double hi = upper[k];
        boolean hasLo = Double.isFinite(lo);
        boolean hasHi = Double.isFinite(hi);
        if (hasLo && hasHi) {
            return lo + (hi - lo) * (1 + Math.sin(u)) / 2;
        } else if (hasLo) {
            return lo - 1 + Math.sqrt(u * u + 1);
        } else if (hasHi) {
            return hi + 1 - Math.sqrt(u * u + 1);
        }
        return u;
    }

    private double dExternal(int k, double u) {
        double lo = lower[k];
        double hi = upper[k];
        boolean hasLo = Double.isFinite(lo);
        boolean hasHi = Double.isFinite(hi);
        if (hasLo && hasHi) {
            return (hi - lo) * Math.cos(u) / 2;
        } else if (hasLo) {
            return u / Math.sqrt(u * u + 1);
        } else if (hasHi) {
            return -u / Math.sqrt(u * u + 1);
        }
        return 1;
    }

    private double toInternal(int k, double p) {
        double lo = lower[k];
        double hi = upper[k];
        boolean hasLo = Double.isFinite(lo);
        boolean hasHi = Double.isFinite(hi);
        if (hasLo && hasHi) {
            double t = hi == lo ? 0 : 2 * (p - lo) / (hi - lo) - 1;
            // start slightly inside so that the derivative at the start is not zero
            return Math.asin(Math.max(-0.999, Math.min(0.999, t)));
        } else if (hasLo) {
            double d = p - lo + 1;
            return Math.sqrt(Math.max(0, d * d - 1)) + 1e-3;
        } else if (hasHi) {
            double d = hi - p + 1;
            return Math.sqrt(Math.max(0, d * d - 1)) + 1e-3;
        }
        return p;
    }
}
