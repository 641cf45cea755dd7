package org.operando.fit;

/**
 * Sum of Gaussian peaks on a polynomial background (constant or linear):
 * f(q) = Σ_k h_k exp(−4 ln2 (q − c_k)² / w_k²) + b0 + b1 q. Parameters are ordered
 * [h_0, c_0, w_0, h_1, c_1, w_1, …, b0, b1?] with h the height, c the centre and w the full width at half
 * maximum (FWHM). The integrated area of a peak is h w √(π / (4 ln 2)).
 */
public final class GaussianPeaks implements ParametricModel {
    private static final double FOUR_LN2 = 4 * Math.log(2);
    private final int peaks;
    private final boolean linearBackground;

    public GaussianPeaks(int peaks, boolean linearBackground) {
        this.peaks = peaks;
        this.linearBackground = linearBackground;
    }

    public int peaks() {
        return peaks;
    }

    @Override
    public int parameterCount() {
        return 3 * peaks + (linearBackground ? 2 : 1);
    }

    public static int height(int peak) {
        return 3 * peak;
    }

    public static int center(int peak) {
        return 3 * peak + 1;
    }

    public static int fwhm(int peak) {
        return 3 * peak + 2;
    }

    public int background() {
        return 3 * peaks;
    }

    public int slope() {
        if (!linearBackground) {
            throw new IllegalStateException("constant background has no slope");
        }
        return 3 * peaks + 1;
    }

    /** Area of peak k for parameters p. */
    public static double area(double[] p, int peak) {
        return p[height(peak)] * p[fwhm(peak)] * Math.sqrt(Math.PI / FOUR_LN2);
    }

    /** Value of peak k alone. */
    public static double peak(double x, double[] p, int k) {
        double d = x - p[3 * k + 1];
        double w = p[3 * k + 2];
        return p[3 * k] * Math.exp(-FOUR_LN2 * d * d / (w * w));
    }

    @Override
    public double value(double x, double[] p) {
        double s = p[3 * peaks];
        if (linearBackground) {
            s += p[3 * peaks + 1] * x;
        }
        for (int k = 0; k < peaks; k++) {
            s += peak(x, p, k);
        }
        return s;
    }

    @Override
    public void gradient(double x, double[] p, double[] g) {
        for (int k = 0; k < peaks; k++) {
            double h = p[3 * k];
            double d = x - p[3 * k + 1];
            double w = p[3 * k + 2];
            double e = Math.exp(-FOUR_LN2 * d * d / (w * w));
            g[3 * k] = e;
            g[3 * k + 1] = h * e * 2 * FOUR_LN2 * d / (w * w);
            g[3 * k + 2] = h * e * 2 * FOUR_LN2 * d * d / (w * w * w);
        }
        g[3 * peaks] = 1;
        if (linearBackground) {
            g[3 * peaks + 1] = x;
        }
    }
}
