package org.operando.echem;

import java.util.ArrayList;
import java.util.List;
import org.operando.util.InvalidInputException;

/**
 * Differential capacity dQ/dV of one half-cycle with robust smoothing, and its peak positions.
 *
 * <p>Method: (1) the voltage is made a monotone function of the charge passed by isotonic regression
 * ({@link MonotoneProfile}), which removes noise reversals that make naive ΔQ/ΔV explode; (2) the charge of
 * every piece of that profile is deposited into voltage bins of width {@code binV} in proportion to the
 * voltage overlap (charge is conserved exactly: Σ dQ/dV·ΔV = capacity); (3) the histogram is smoothed with a
 * normalised Gaussian of standard deviation {@code sigmaV}. Peaks are local maxima with a prominence (within
 * ± max(10σ, 10 bins)) of at least {@code minProminence} × the highest value, located to sub-bin precision by
 * a parabola through the three highest bins. The voltage grid extends 4σ beyond the voltages reached so that the smoothing conserves
 * the charge. dQ/dV is reported as a magnitude in mAh/V; {@link Result#sign()} says whether the
 * half-cycle was a charge (+1) or discharge (−1).
 */
public final class DqDv {
    private DqDv() { }

    public record Peak(double voltageV, double heightMAhPerV, double prominenceMAhPerV) { }

    public record Result(double[] voltageV, double[] dqdvMAhPerV, List<Peak> peaks, int sign) { }

    public static Result compute(double[] voltage, double[] charge, double binV, double sigmaV, double minProminence) {
        InvalidInputException.require(binV > 0 && Double.isFinite(binV), "dQ/dV bin width must be > 0 V, got " + binV);
        InvalidInputException.require(sigmaV >= 0 && Double.isFinite(sigmaV), "dQ/dV smoothing must be >= 0 V, got " + sigmaV);
        MonotoneProfile p = MonotoneProfile.of(voltage, charge);
        int sign = charge[charge.length - 1] >= charge[0] ? 1 : -1;
        double[] x = p.charge();
        double[] v = p.voltage();
        double vmin = Double.POSITIVE_INFINITY;
        double vmax = Double.NEGATIVE_INFINITY;
        for (double vi : v) {
            vmin = Math.min(vmin, vi);
            vmax = Math.max(vmax, vi);
        }
        // The grid extends 4σ beyond the voltages reached, so that the Gaussian smoothing (zero outside the
        // data) conserves the charge exactly instead of piling it up at the ends.
        int pad = (int) Math.ceil(4 * sigmaV / binV);
        double lo = (Math.floor(vmin / binV) - pad) * binV;
        int nb = Math.max(1, (int) Math.ceil((vmax - lo) / binV - 1e-9));
        if (lo + nb * binV <= vmax) {
            nb++;
        }
        nb += pad;
        InvalidInputException.require(nb <= 10_000_000, "dQ/dV: too many bins (" + nb + "); use a larger bin width");
        double[] hist = new double[nb];
        for (int k = 0; k + 1 < x.length; k++) {
            double dq = x[k + 1] - x[k];
            if (!(dq > 0)) {
                continue;
            }
            double a = Math.min(v[k], v[k + 1]);
            double b = Math.max(v[k], v[k + 1]);
            int ia = Math.min(nb - 1, (int) ((a - lo) / binV));
            int ib = Math.min(nb - 1, (int) ((b - lo) / binV));
            if (ia == ib || b == a) {
                hist[ia] += dq;
                continue;
            }
            double span = b - a;
            for (int j = ia; j <= ib; j++) {
                double e0 = Math.max(a, lo + j * binV);
                double e1 = Math.min(b, lo + (j + 1) * binV);
                if (e1 > e0) {
                    hist[j] += dq * (e1 - e0) / span;
                }
            }
        }
        for (int j = 0; j < nb; j++) {
            hist[j] /= binV;
        }
        double[] smooth = gaussian(hist, sigmaV / binV);
        double[] centres = new double[nb];
        for (int j = 0; j < nb; j++) {
            centres[j] = lo + (j + 0.5) * binV;
        }
        int window = (int) Math.ceil(Math.max(10 * sigmaV / binV, 10));
        return new Result(centres, smooth, peaks(centres, smooth, minProminence, window), sign);
    }

    /** dQ/dV of one half-cycle of a record. */
    public static Result of(EchemRecord r, CycleMetrics.HalfCycle hc, double binV, double sigmaV, double minProminence) {
        int a = hc.firstPoint() > 0 ? hc.firstPoint() - 1 : 0;
        int b = hc.lastPoint() + 1;
        double[] v = java.util.Arrays.copyOfRange(r.voltage(), a, b);
        double[] q = java.util.Arrays.copyOfRange(r.charge(), a, b);
        return compute(v, q, binV, sigmaV, minProminence);
    }

    /**
     * Convolution with a normalised Gaussian of sigma (in bins), zero outside the array (the caller pads the
     * grid so nothing is lost); sigma 0 = copy.
     */
    static double[] gaussian(double[] y, double sigmaBins) {
        int n = y.length;
        if (sigmaBins <= 0) {
            return y.clone();
        }
        int half = (int) Math.ceil(4 * sigmaBins);
        double[] k = new double[2 * half + 1];
        double norm = 0;
        for (int i = -half; i <= half; i++) {
            k[i + half] = Math.exp(-0.5 * (i / sigmaBins) * (i / sigmaBins));
            norm += k[i + half];
        }
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double yj = y[j] / norm;
            if (yj == 0) {
                continue;
            }
            int i0 = Math.max(0, j - half);
            int i1 = Math.min(n - 1, j + half);
            for (int i = i0; i <= i1; i++) {
                out[i] += k[i - j + half] * yj;
            }
        }
        return out;
    }

    /**
     * Local maxima whose prominence, measured within ± {@code window} bins (so that a flat "mesa" of constant
     * dQ/dV is no peak), is at least minProminence × the highest value.
     */
    static List<Peak> peaks(double[] x, double[] y, double minProminence, int window) {
        int n = y.length;
        double ymax = 0;
        for (double v : y) {
            ymax = Math.max(ymax, v);
        }
        List<Peak> out = new ArrayList<>();
        if (n < 3 || ymax <= 0) {
            return out;
        }
        for (int i = 1; i < n - 1; i++) {
            if (!(y[i] > y[i - 1] && y[i] >= y[i + 1])) {
                continue;
            }
            // Prominence: height above the higher of the two lowest points reached before a higher value.
            double leftMin = y[i];
            for (int j = i - 1; j >= Math.max(0, i - window) && y[j] <= y[i]; j--) {
                leftMin = Math.min(leftMin, y[j]);
            }
            double rightMin = y[i];
            for (int j = i + 1; j < Math.min(n, i + window + 1) && (y[j] < y[i] || (y[j] == y[i] && j == i + 1)); j++) {
                rightMin = Math.min(rightMin, y[j]);
            }
            double prom = y[i] - Math.max(leftMin, rightMin);
            if (prom < minProminence * ymax) {
                continue;
            }
            double den = y[i - 1] - 2 * y[i] + y[i + 1];
            double off = den < 0 ? 0.5 * (y[i - 1] - y[i + 1]) / den : 0;
            off = Math.max(-0.5, Math.min(0.5, off));
            double dx = x[i + 1] - x[i];
            double h = y[i] - 0.25 * (y[i - 1] - y[i + 1]) * off;
            out.add(new Peak(x[i] + off * dx, h, prom));
        }
        return out;
    }
}
