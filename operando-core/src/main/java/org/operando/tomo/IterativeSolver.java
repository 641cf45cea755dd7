package org.operando.tomo;

import java.util.Arrays;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;

/**
 * SIRT and CGLS for one slice of one or several channels that share a {@link TomoOperator} (channel-interleaved
 * arrays, see {@link TomoOperator}); every channel is solved independently, the system is applied once per
 * iteration to all of them.
 *
 * <ul>
 * <li>SIRT (Gilbert 1972; the ASTRA / TIGRE form): x ← P[x + λ·C·Aᵀ·R·(b − A·x)] with R = 1/row sums,
 * C = 1/column sums and P the projection onto the constraints (x ≥ 0 and/or x = 0 outside the support).
 * For 0 &lt; λ ≤ 1 (λ &lt; 2 in theory) the R-weighted residual ‖b − A·x‖_R is non-increasing, with or
 * without the constraints (projected gradient in the C⁻¹ metric).</li>
 * <li>CGLS (Hestenes–Stiefel on the normal equations): the residual ‖b − A·x‖ decreases monotonically. The
 * support mask restricts A to the support columns exactly. Non-negativity is not native to CGLS; when asked
 * for, x is clipped at 0 and the recursion restarted from the clipped x every {@link #CGLS_RESTART}
 * iterations and at the end (a projected-restart heuristic; monotonicity then holds only between restarts).</li>
 * </ul>
 */
public final class IterativeSolver {
    /** CGLS restart period when non-negativity is imposed. */
    public static final int CGLS_RESTART = 10;

    private IterativeSolver() { }

    /**
     * @param iterations   iteration count (≥ 1)
     * @param nonNegative  clip at 0
     * @param support      pixels that may be non-zero (n·n, true = inside), or null for all
     * @param relaxation   SIRT relaxation λ in (0, 2); 1 is the usual choice
     */
    public record Options(int iterations, boolean nonNegative, boolean[] support, double relaxation) {
        public Options {
            InvalidInputException.require(iterations >= 1, "--iterations must be at least 1, got " + iterations);
            InvalidInputException.require(relaxation > 0 && relaxation < 2,
                    "relaxation must be in (0, 2), got " + relaxation);
        }

        public static Options of(int iterations) {
            return new Options(iterations, false, null, 1.0);
        }

        public Options withNonNegative(boolean nn) {
            return new Options(iterations, nn, support, relaxation);
        }

        public Options withSupport(boolean[] s) {
            return new Options(iterations, nonNegative, s, relaxation);
        }
    }

    /**
     * The solution (channel-interleaved) and the residual history: {@code residual[k]} = ‖b − A·x_k‖₂ over all
     * channels for k = 0..iterations (x_0 the start), {@code weightedResidual[k]} = ‖b − A·x_k‖_R (SIRT only).
     */
    public record Result(float[] x, double[] residual, double[] weightedResidual) { }

    /** Row and column weights of SIRT for an operator, computed once and reused for every slice and channel. */
    public static final class SirtWeights {
        final float[] r;
        final float[] c;

        public SirtWeights(TomoOperator a, boolean[] support) {
            float[] rs = a.rowSums();
            float[] cs = a.columnSums();
            r = new float[rs.length];
            c = new float[cs.length];
            for (int i = 0; i < rs.length; i++) {
                r[i] = rs[i] > 1e-6f ? 1f / rs[i] : 0f;
            }
            for (int j = 0; j < cs.length; j++) {
                c[j] = cs[j] > 1e-6f && (support == null || support[j]) ? 1f / cs[j] : 0f;
            }
        }
    }

    public static Result sirt(TomoOperator a, float[] b, int nc, Options o, float[] x0, boolean parallel) {
        return sirt(a, new SirtWeights(a, o.support()), b, nc, o, x0, parallel);
    }

    public static Result sirt(TomoOperator a, SirtWeights w, float[] b, int nc, Options o, float[] x0, boolean parallel) {
        ParallelGeometry g = a.geometry();
        int nPix = g.pixelCount();
        int nRay = g.rayCount();
        float[] x = x0 == null ? new float[nPix * nc] : x0.clone();
        applyConstraints(x, nc, o);
        float[] res = new float[nRay * nc];
        float[] z = new float[nPix * nc];
        double[] hist = new double[o.iterations() + 1];
        double[] whist = new double[o.iterations() + 1];
        float lambda = (float) o.relaxation();
        for (int it = 0; ; it++) {
            a.forward(x, res, nc, parallel);
            double s2 = 0;
            double w2 = 0;
            for (int i = 0; i < nRay; i++) {
                float ri = w.r[i];
                int off = i * nc;
                for (int k = 0; k < nc; k++) {
                    float d = b[off + k] - res[off + k];
                    s2 += (double) d * d;
                    w2 += (double) d * d * ri;
                    res[off + k] = d * ri;
                }
            }
            hist[it] = Math.sqrt(s2);
            whist[it] = Math.sqrt(w2);
            if (it == o.iterations()) {
                break;
            }
            a.adjoint(res, z, nc, parallel);
            for (int j = 0; j < nPix; j++) {
                float cj = lambda * w.c[j];
                int off = j * nc;
                for (int k = 0; k < nc; k++) {
                    x[off + k] += cj * z[off + k];
                }
            }
            applyConstraints(x, nc, o);
        }
        return new Result(x, hist, whist);
    }

    public static Result cgls(TomoOperator a, float[] b, int nc, Options o, float[] x0, boolean parallel) {
        ParallelGeometry g = a.geometry();
        int nPix = g.pixelCount();
        int nRay = g.rayCount();
        float[] x = x0 == null ? new float[nPix * nc] : x0.clone();
        applyConstraints(x, nc, o);
        float[] r = new float[nRay * nc];
        float[] q = new float[nRay * nc];
        float[] s = new float[nPix * nc];
        float[] p = new float[nPix * nc];
        double[] gamma = new double[nc];
        double[] hist = new double[o.iterations() + 1];
        hist[0] = restart(a, b, x, r, s, p, gamma, nc, o, parallel);
        for (int it = 1; it <= o.iterations(); it++) {
            a.forward(p, q, nc, parallel);
            double[] qq = sumSquares(q, nc);
            double[] alpha = new double[nc];
            for (int k = 0; k < nc; k++) {
                alpha[k] = qq[k] > 0 ? gamma[k] / qq[k] : 0;
            }
            axpy(x, p, alpha, nc);
            double[] neg = new double[nc];
            for (int k = 0; k < nc; k++) {
                neg[k] = -alpha[k];
            }
            axpy(r, q, neg, nc);
            boolean doRestart = o.nonNegative() && (it % CGLS_RESTART == 0 || it == o.iterations());
            if (doRestart) {
                hist[it] = restart(a, b, x, r, s, p, gamma, nc, o, parallel);
                continue;
            }
            hist[it] = Math.sqrt(sum(sumSquares(r, nc)));
            a.adjoint(r, s, nc, parallel);
            mask(s, nc, o.support());
            double[] gNew = sumSquares(s, nc);
            for (int j = 0; j < nPix; j++) {
                int off = j * nc;
                for (int k = 0; k < nc; k++) {
                    double beta = gamma[k] > 0 ? gNew[k] / gamma[k] : 0;
                    p[off + k] = (float) (s[off + k] + beta * p[off + k]);
                }
            }
            gamma = gNew;
        }
        return new Result(x, hist, null);
    }

    /** Clips/masks x, sets r = b − A·x, s = p = Aᵀ·r (masked), gamma = ‖s‖²; returns ‖r‖. */
    private static double restart(TomoOperator a, float[] b, float[] x, float[] r, float[] s, float[] p, double[] gamma,
                                  int nc, Options o, boolean parallel) {
        applyConstraints(x, nc, o);
        a.forward(x, r, nc, parallel);
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] - r[i];
        }
        a.adjoint(r, s, nc, parallel);
        mask(s, nc, o.support());
        System.arraycopy(s, 0, p, 0, s.length);
        double[] gs = sumSquares(s, nc);
        System.arraycopy(gs, 0, gamma, 0, nc);
        return Math.sqrt(sum(sumSquares(r, nc)));
    }

    private static void applyConstraints(float[] x, int nc, Options o) {
        if (o.nonNegative()) {
            for (int i = 0; i < x.length; i++) {
                if (x[i] < 0) {
                    x[i] = 0;
                }
            }
        }
        mask(x, nc, o.support());
    }

    private static void mask(float[] v, int nc, boolean[] support) {
        if (support == null) {
            return;
        }
        for (int j = 0; j < support.length; j++) {
            if (!support[j]) {
                Arrays.fill(v, j * nc, (j + 1) * nc, 0f);
            }
        }
    }

    private static double[] sumSquares(float[] v, int nc) {
        double[] out = new double[nc];
        for (int i = 0; i < v.length; i += nc) {
            for (int k = 0; k < nc; k++) {
                out[k] += (double) v[i + k] * v[i + k];
            }
        }
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    private static void axpy(float[] y, float[] x, double[] alpha, int nc) {
        for (int i = 0; i < y.length; i += nc) {
            for (int k = 0; k < nc; k++) {
                y[i + k] += (float) (alpha[k] * x[i + k]);
            }
        }
    }

    /** Whether a parallel pool is worth using inside one slice when {@code slices} slices run concurrently. */
    static boolean parallelInside(int slices) {
        return slices < Parallel.threads();
    }
}
