package org.operando.tomo;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Sub-pixel shift between two images (or profiles) by FFT cross-correlation (zero-padded to twice the size, so
 * there is no wrap-around) and a three-point parabola through the correlation peak along each axis.
 * The shift s returned satisfies f(x) ≈ g(x − s): f is g moved by +s.
 */
public final class CrossCorrelation {
    private CrossCorrelation() { }

    /** Shift of profile f relative to g (same length), searched within ±maxShift. */
    public static double shift1d(double[] f, double[] g, double maxShift) {
        int n = f.length;
        int m = 2;
        while (m < 2 * n) {
            m <<= 1;
        }
        double[] a = new double[2 * m];
        double[] b = new double[2 * m];
        for (int i = 0; i < n; i++) {
            a[2 * i] = f[i];
            b[2 * i] = g[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(m);
        fft.complexForward(a);
        fft.complexForward(b);
        for (int k = 0; k < m; k++) {
            double ar = a[2 * k];
            double ai = a[2 * k + 1];
            double br = b[2 * k];
            double bi = -b[2 * k + 1];
            a[2 * k] = ar * br - ai * bi;
            a[2 * k + 1] = ar * bi + ai * br;
        }
        fft.complexInverse(a, true);
        int lim = (int) Math.min(Math.floor(maxShift), n - 1);
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int d = -lim; d <= lim; d++) {
            double v = a[2 * Math.floorMod(d, m)];
            if (v > bestV) {
                bestV = v;
                best = d;
            }
        }
        double ym = a[2 * Math.floorMod(best - 1, m)];
        double yp = a[2 * Math.floorMod(best + 1, m)];
        return best + parabola(ym, bestV, yp);
    }

    /**
     * Shift (dx along columns, dy along rows) of image f relative to g, both rows × cols row-major, searched
     * within ±maxShiftX, ±maxShiftY.
     */
    public static double[] shift2d(float[] f, float[] g, int rows, int cols, double maxShiftX, double maxShiftY) {
        if (rows == 1) {
            double[] a = new double[cols];
            double[] b = new double[cols];
            for (int i = 0; i < cols; i++) {
                a[i] = f[i];
                b[i] = g[i];
            }
            return new double[] {shift1d(a, b, maxShiftX), 0};
        }
        int mr = 2;
        while (mr < 2 * rows) {
            mr <<= 1;
        }
        int mc = 2;
        while (mc < 2 * cols) {
            mc <<= 1;
        }
        double[] a = new double[mr * 2 * mc];
        double[] b = new double[mr * 2 * mc];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                a[r * 2 * mc + 2 * c] = f[r * cols + c];
                b[r * 2 * mc + 2 * c] = g[r * cols + c];
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(mr, mc);
        fft.complexForward(a);
        fft.complexForward(b);
        for (int k = 0; k < mr * mc; k++) {
            double ar = a[2 * k];
            double ai = a[2 * k + 1];
            double br = b[2 * k];
            double bi = -b[2 * k + 1];
            a[2 * k] = ar * br - ai * bi;
            a[2 * k + 1] = ar * bi + ai * br;
        }
        fft.complexInverse(a, true);
        int limX = (int) Math.min(Math.floor(maxShiftX), cols - 1);
        int limY = (int) Math.min(Math.floor(maxShiftY), rows - 1);
        int bx = 0;
        int by = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int dy = -limY; dy <= limY; dy++) {
            for (int dx = -limX; dx <= limX; dx++) {
                double v = a[Math.floorMod(dy, mr) * 2 * mc + 2 * Math.floorMod(dx, mc)];
                if (v > bestV) {
                    bestV = v;
                    bx = dx;
                    by = dy;
                }
            }
        }
        double xm = a[Math.floorMod(by, mr) * 2 * mc + 2 * Math.floorMod(bx - 1, mc)];
        double xp = a[Math.floorMod(by, mr) * 2 * mc + 2 * Math.floorMod(bx + 1, mc)];
        double ym = a[Math.floorMod(by - 1, mr) * 2 * mc + 2 * Math.floorMod(bx, mc)];
        double yp = a[Math.floorMod(by + 1, mr) * 2 * mc + 2 * Math.floorMod(bx, mc)];
        return new double[] {bx + parabola(xm, bestV, xp), by + parabola(ym, bestV, yp)};
    }

    /** Vertex offset of the parabola through (−1, ym), (0, y0), (1, yp), limited to ±0.5. */
    static double parabola(double ym, double y0, double yp) {
        double den = ym - 2 * y0 + yp;
        if (den >= 0) {
            return 0;
        }
        double d = 0.5 * (ym - yp) / den;
        return Math.max(-0.5, Math.min(0.5, d));
    }
}
