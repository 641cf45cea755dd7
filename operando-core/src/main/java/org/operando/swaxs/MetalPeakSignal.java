package org.operando.swaxs;

/**
 * Model-free significance of the sharp metallic-sodium reflection: the summed excess intensity in the peak
 * window (default 2.065–2.095 Å⁻¹) above a straight baseline through two flanks (2.025–2.055 and 2.105–2.135 Å⁻¹),
 * divided by its propagated 1σ. A broad pseudo-metallic contribution is locally linear over this range and
 * cancels; a sharp reflection does not. Without σ, the noise is estimated from the scatter of the flanks
 * about the baseline.
 */
public final class MetalPeakSignal {
    private final double peakLo;
    private final double peakHi;
    private final double leftLo;
    private final double leftHi;
    private final double rightLo;
    private final double rightHi;

    public MetalPeakSignal() {
        this(2.065, 2.095, 2.025, 2.055, 2.105, 2.135);
    }

    public MetalPeakSignal(double peakLo, double peakHi, double leftLo, double leftHi, double rightLo, double rightHi) {
        this.peakLo = peakLo;
        this.peakHi = peakHi;
        this.leftLo = leftLo;
        this.leftHi = leftHi;
        this.rightLo = rightLo;
        this.rightHi = rightHi;
    }

    /** Excess above the baseline (summed over the window's bins) and its significance. */
    public record Signal(double excess, double sigma, double significance, int windowBins) { }

    public Signal measure(double[] q, double[] intensity, double[] sigma) {
        double[] left = line(q, intensity, sigma, leftLo, leftHi);
        double[] right = line(q, intensity, sigma, rightLo, rightHi);
        if (left[2] < 1 || right[2] < 1) {
            return new Signal(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        // baseline through (xl, yl), (xr, yr)
        double xl = left[0];
        double yl = left[1];
        double xr = right[0];
        double yr = right[1];
        double excess = 0;
        double var = 0;
        double weightL = 0;
        double weightR = 0;
        int n = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] >= peakLo && q[i] <= peakHi && Double.isFinite(intensity[i])) {
                double t = (q[i] - xl) / (xr - xl);
                excess += intensity[i] - (yl + t * (yr - yl));
                if (sigma != null) {
                    var += sigma[i] * sigma[i];
                }
                weightL += 1 - t;
                weightR += t;
                n++;
            }
        }
        if (n == 0) {
            return new Signal(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double varL;
        double varR;
        if (sigma != null) {
            varL = left[3];
            varR = right[3];
        } else {
            // noise from the flanks' scatter about their means
            double s2 = (left[4] + right[4]) / Math.max(1, left[2] + right[2] - 2);
            var = n * s2;
            varL = s2 / left[2];
            varR = s2 / right[2];
        }
        var += weightL * weightL * varL + weightR * weightR * varR;
        double sd = Math.sqrt(var);
        return new Signal(excess, sd, sd > 0 ? excess / sd : Double.NaN, n);
    }

    /** {mean x, mean y, count, variance of mean y, sum of squared deviations}. */
    private static double[] line(double[] q, double[] y, double[] s, double lo, double hi) {
        double sx = 0;
        double sy = 0;
        double sv = 0;
        int n = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] >= lo && q[i] <= hi && Double.isFinite(y[i])) {
                sx += q[i];
                sy += y[i];
                if (s != null) {
                    sv += s[i] * s[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return new double[] {0, 0, 0, 0, 0};
        }
        double my = sy / n;
        double ss = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] >= lo && q[i] <= hi && Double.isFinite(y[i])) {
                ss += (y[i] - my) * (y[i] - my);
            }
        }
        return new double[] {sx / n, my, n, sv / ((double) n * n), ss};
    }
}
