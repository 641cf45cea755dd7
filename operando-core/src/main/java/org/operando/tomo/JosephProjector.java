package org.operando.tomo;

import java.util.Arrays;
import org.operando.util.Parallel;

/**
 * Joseph's ray-driven projector (P. M. Joseph, IEEE TMI 1982) for parallel beams, computed on the fly, and its
 * exact transpose. For a ray at angle θ the projector steps along the image axis most parallel to the ray
 * (rows when |cos θ| ≥ |sin θ|, else columns), interpolates linearly between the two nearest pixels of each
 * row (column) and multiplies by the path length per step 1/a, a = max(|cos θ|, |sin θ|).
 *
 * <p>Written as a matrix this is A[ray(θ, j), pixel] = Λ(|j − u| / a) / a with u the detector coordinate of
 * the pixel centre ({@link ParallelGeometry#detectorCoordinate}) and Λ(t) = max(0, 1 − t). The transpose is
 * therefore a pixel-driven back-projection with a triangle kernel of half-width a ≤ 1 (at most two bins per
 * pixel and angle), evaluated as a gather so that threads never write to the same pixel. Forward and back
 * projection are matched to rounding error (⟨Ax, y⟩ = ⟨x, Aᵀy⟩), as SIRT and CGLS require.
 */
public final class JosephProjector implements TomoOperator {
    private final ParallelGeometry g;

    public JosephProjector(ParallelGeometry geometry) {
        this.g = geometry;
    }

    @Override
    public ParallelGeometry geometry() {
        return g;
    }

    /** Receives the non-zero weights of one ray. */
    interface RayVisitor {
        void weight(int pixel, float w);
    }

    /** Enumerates the weights of ray (angle a, bin j) in stepping order. */
    void visitRay(int a, int j, RayVisitor v) {
        int n = g.size();
        double ic = g.imageCentre();
        double cs = g.cos(a);
        double sn = g.sin(a);
        double s = j - g.centre();
        if (Math.abs(cs) >= Math.abs(sn)) {
            double inv = 1.0 / Math.abs(cs);
            double slope = sn / cs;
            double base = s / cs + ic;
            for (int r = 0; r < n; r++) {
                double xc = base + (r - ic) * slope;
                int i0 = (int) Math.floor(xc);
                double f = xc - i0;
                if (i0 >= 0 && i0 < n && f < 1) {
                    v.weight(r * n + i0, (float) ((1 - f) * inv));
                }
                if (i0 + 1 >= 0 && i0 + 1 < n && f > 0) {
                    v.weight(r * n + i0 + 1, (float) (f * inv));
                }
            }
        } else {
            double inv = 1.0 / Math.abs(sn);
            double slope = cs / sn;
            double base = -s / sn + ic;
            for (int c = 0; c < n; c++) {
                double yc = base + (c - ic) * slope;
                int i0 = (int) Math.floor(yc);
                double f = yc - i0;
                if (i0 >= 0 && i0 < n && f < 1) {
                    v.weight(i0 * n + c, (float) ((1 - f) * inv));
                }
                if (i0 + 1 >= 0 && i0 + 1 < n && f > 0) {
                    v.weight((i0 + 1) * n + c, (float) (f * inv));
                }
            }
        }
    }

    @Override
    public void forward(float[] x, float[] y, int nc, boolean parallel) {
        int nDet = g.detectorSize();
        int nA = g.angleCount();
        check(x.length == g.pixelCount() * nc && y.length == g.rayCount() * nc, "forward: array sizes");
        if (parallel) {
            Parallel.forRange(0, nA, a -> forwardAngle(a, x, y, nc, nDet));
        } else {
            for (int a = 0; a < nA; a++) {
                forwardAngle(a, x, y, nc, nDet);
            }
        }
    }

    private void forwardAngle(int a, float[] x, float[] y, int nc, int nDet) {
        int n = g.size();
        double ic = g.imageCentre();
        double cs = g.cos(a);
        double sn = g.sin(a);
        boolean rows = Math.abs(cs) >= Math.abs(sn);
        double inv = rows ? 1.0 / Math.abs(cs) : 1.0 / Math.abs(sn);
        double slope = rows ? sn / cs : cs / sn;
        float[] acc = new float[nc];
        for (int j = 0; j < nDet; j++) {
            double s = j - g.centre();
            double base = rows ? s / cs + ic : -s / sn + ic;
            Arrays.fill(acc, 0f);
            // Steps k whose interpolation position p = base + (k - ic)·slope lies in (−1, n).
            int kLo = 0;
            int kHi = n - 1;
            if (slope != 0) {
                double k1 = ic + (-1 - base) / slope;
                double k2 = ic + (n - base) / slope;
                double lo = Math.min(k1, k2);
                double hi = Math.max(k1, k2);
                kLo = Math.max(0, (int) Math.floor(lo));
                kHi = Math.min(n - 1, (int) Math.ceil(hi));
            } else if (base <= -1 || base >= n) {
                kHi = -1;
            }
            for (int k = kLo; k <= kHi; k++) {
                double p = base + (k - ic) * slope;
                int i0 = (int) Math.floor(p);
                float f = (float) (p - i0);
                int p0;
                int p1;
                if (rows) {
                    p0 = k * n + i0;
                    p1 = p0 + 1;
                } else {
                    p0 = i0 * n + k;
                    p1 = p0 + n;
                }
                if (i0 >= 0 && i0 < n) {
                    float w = 1f - f;
                    if (nc == 1) {
                        acc[0] += w * x[p0];
                    } else {
                        int o = p0 * nc;
                        for (int q = 0; q < nc; q++) {
                            acc[q] += w * x[o + q];
                        }
                    }
                }
                if (i0 + 1 >= 0 && i0 + 1 < n) {
                    if (nc == 1) {
                        acc[0] += f * x[p1];
                    } else {
                        int o = p1 * nc;
                        for (int q = 0; q < nc; q++) {
                            acc[q] += f * x[o + q];
                        }
                    }
                }
            }
            int o = (a * nDet + j) * nc;
            for (int q = 0; q < nc; q++) {
                y[o + q] = (float) (acc[q] * inv);
            }
        }
    }

    @Override
    public void adjoint(float[] y, float[] x, int nc, boolean parallel) {
        int n = g.size();
        check(x.length == g.pixelCount() * nc && y.length == g.rayCount() * nc, "adjoint: array sizes");
        if (parallel) {
            Parallel.forRange(0, n, r -> adjointRow(r, y, x, nc));
        } else {
            for (int r = 0; r < n; r++) {
                adjointRow(r, y, x, nc);
            }
        }
    }

    private void adjointRow(int r, float[] y, float[] x, int nc) {
        int n = g.size();
        int nDet = g.detectorSize();
        int nA = g.angleCount();
        double ic = g.imageCentre();
        float[] row = new float[n * nc];
        for (int a = 0; a < nA; a++) {
            double cs = g.cos(a);
            double sn = g.sin(a);
            double aa = Math.max(Math.abs(cs), Math.abs(sn));
            double inv = 1.0 / aa;
            double u0 = g.centre() - (r - ic) * sn - ic * cs;
            int ybase = a * nDet;
            for (int c = 0; c < n; c++) {
                double u = u0 + c * cs;
                int j0 = (int) Math.floor(u);
                double f = u - j0;
                double w0 = 1 - f * inv;
                double w1 = 1 - (1 - f) * inv;
                if (w0 > 0 && j0 >= 0 && j0 < nDet) {
                    float w = (float) (w0 * inv);
                    int o = (ybase + j0) * nc;
                    int po = c * nc;
                    for (int q = 0; q < nc; q++) {
                        row[po + q] += w * y[o + q];
                    }
                }
                if (w1 > 0 && j0 + 1 >= 0 && j0 + 1 < nDet) {
                    float w = (float) (w1 * inv);
                    int o = (ybase + j0 + 1) * nc;
                    int po = c * nc;
                    for (int q = 0; q < nc; q++) {
                        row[po + q] += w * y[o + q];
                    }
                }
            }
        }
        System.arraycopy(row, 0, x, r * n * nc, n * nc);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what + " do not match the geometry");
        }
    }
}
