package org.operando.integrate;

/**
 * Geometry of pixel splitting in bin space: the share of a pixel that falls into each bin, for bounding-box
 * splitting (uniform over [min, max] along one axis, as pyFAI's "bbox") and for full splitting (exact area of the
 * pixel quadrilateral in each radial slab or (radial, χ) cell).
 */
final class PixelSplitting {
    private PixelSplitting() { }

    /**
     * Bounding-box split along one axis, following pyFAI 0.21 to the letter: fractional bin numbers
     * {@code fmin ≤ fmax}, truncated toward zero, clipped to [0, bins); the outer bins get the partial widths.
     * Writes bins/weights starting at {@code off}; returns the number written (0 when outside).
     */
    static int bbox(double fmin, double fmax, int bins, int[] outBin, double[] outW, int off) {
        long b0 = (long) fmin;
        long b1 = (long) fmax;
        if (b1 < 0 || b0 >= bins) {
            return 0;
        }
        if (b1 >= bins) {
            b1 = bins - 1;
        }
        if (b0 < 0) {
            b0 = 0;
        }
        if (b0 == b1) {
            outBin[off] = (int) b0;
            outW[off] = 1.0;
            return 1;
        }
        double inv = 1.0 / (fmax - fmin);
        int n = 0;
        outBin[off] = (int) b0;
        outW[off] = inv * ((b0 + 1) - fmin);
        n++;
        for (long b = b0 + 1; b < b1; b++) {
            outBin[off + n] = (int) b;
            outW[off + n] = inv;
            n++;
        }
        outBin[off + n] = (int) b1;
        outW[off + n] = inv * (fmax - b1);
        n++;
        return n;
    }

    /**
     * Signed area of the closed polygon (x[k], y[k]) in each unit slab [b, b+1) of x, for b in [lo, hi): the
     * integral of y dx along each edge restricted to the slab (vertical slab boundaries contribute nothing).
     */
    static void slabAreas(double[] x, double[] y, int nv, int lo, int hi, double[] out) {
        for (int b = 0; b < hi - lo; b++) {
            out[b] = 0.0;
        }
        for (int k = 0; k < nv; k++) {
            double xa = x[k];
            double ya = y[k];
            double xb = x[(k + 1) % nv];
            double yb = y[(k + 1) % nv];
            if (xa == xb) {
                continue;
            }
            double sign = xb > xa ? 1.0 : -1.0;
            double x0 = Math.min(xa, xb);
            double x1 = Math.max(xa, xb);
            double slope = (yb - ya) / (xb - xa);
            int first = (int) Math.max(lo, Math.floor(x0));
            int last = (int) Math.min(hi - 1, Math.floor(x1));
            for (int b = first; b <= last; b++) {
                double u0 = Math.max(x0, b);
                double u1 = Math.min(x1, b + 1.0);
                if (u1 <= u0) {
                    continue;
                }
                double y0 = ya + slope * (u0 - xa);
                double y1 = ya + slope * (u1 - xa);
                out[b - lo] += sign * (u1 - u0) * 0.5 * (y0 + y1);
            }
        }
    }

    /**
     * Area of the convex quadrilateral (x[k], y[k]) inside the unit cell [cx, cx+1) × [cy, cy+1), by
     * Sutherland–Hodgman clipping. {@code bx}, {@code by} are scratch arrays of length ≥ 16.
     */
    static double cellArea(double[] x, double[] y, int nv, double cx, double cy, double[] bx, double[] by,
                           double[] cxs, double[] cys) {
        int n = nv;
        System.arraycopy(x, 0, bx, 0, n);
        System.arraycopy(y, 0, by, 0, n);
        n = clip(bx, by, n, cxs, cys, 0, cx, true);
        n = clip(cxs, cys, n, bx, by, 0, cx + 1.0, false);
        n = clip(bx, by, n, cxs, cys, 1, cy, true);
        n = clip(cxs, cys, n, bx, by, 1, cy + 1.0, false);
        if (n < 3) {
            return 0.0;
        }
        double a = 0;
        for (int k = 0; k < n; k++) {
            int k1 = (k + 1) % n;
            a += bx[k] * by[k1] - bx[k1] * by[k];
        }
        return Math.abs(a) * 0.5;
    }

    /** Clips polygon (ix, iy) against axis-aligned half plane coord ≥ c (keepAbove) or ≤ c; into (ox, oy). */
    private static int clip(double[] ix, double[] iy, int n, double[] ox, double[] oy, int axis, double c, boolean keepAbove) {
        int m = 0;
        for (int k = 0; k < n; k++) {
            int k1 = (k + 1) % n;
            double pa = axis == 0 ? ix[k] : iy[k];
            double pb = axis == 0 ? ix[k1] : iy[k1];
            boolean ina = keepAbove ? pa >= c : pa <= c;
            boolean inb = keepAbove ? pb >= c : pb <= c;
            if (ina) {
                ox[m] = ix[k];
                oy[m] = iy[k];
                m++;
            }
            if (ina != inb) {
                double t = (c - pa) / (pb - pa);
                ox[m] = ix[k] + t * (ix[k1] - ix[k]);
                oy[m] = iy[k] + t * (iy[k1] - iy[k]);
                m++;
            }
        }
        return m;
    }

    /** Area of a polygon (shoelace, absolute). */
    static double area(double[] x, double[] y, int n) {
        double a = 0;
        for (int k = 0; k < n; k++) {
            int k1 = (k + 1) % n;
            a += x[k] * y[k1] - x[k1] * y[k];
        }
        return Math.abs(a) * 0.5;
    }
}
