package org.operando.fit;

/**
 * The power law I = A q^−α fitted as a straight line in log–log space, log I = log A − α log q, by weighted linear
 * least squares (weights from σ_I/I when given). Points with I ≤ 0 or q ≤ 0 are ignored.
 *
 * @param amplitude A (in the intensity unit, for q in the axis unit)
 * @param alpha     α
 * @param amplitudeError 1σ of A, alphaError 1σ of α, points used
 */
public record PowerLaw(double amplitude, double alpha, double amplitudeError, double alphaError, int points) {

    public double value(double q) {
        return amplitude * Math.pow(q, -alpha);
    }

    /** Fits within [qMin, qMax]; sigma may be null. Returns NaNs when fewer than 3 usable points. */
    public static PowerLaw fit(double[] q, double[] intensity, double[] sigma, double qMin, double qMax) {
        double sw = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        double[] lx = new double[q.length];
        double[] ly = new double[q.length];
        double[] lw = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            if (!(q[i] >= qMin && q[i] <= qMax && q[i] > 0 && intensity[i] > 0)) {
                continue;
            }
            double w = 1;
            if (sigma != null) {
                double rel = sigma[i] / intensity[i];
                if (!(rel > 0) || !Double.isFinite(rel)) {
                    continue;
                }
                w = 1 / (rel * rel);
            }
            double x = Math.log(q[i]);
            double y = Math.log(intensity[i]);
            lx[n] = x;
            ly[n] = y;
            lw[n] = w;
            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
            n++;
        }
        if (n < 3) {
            return new PowerLaw(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
        }
        double det = sw * sxx - sx * sx;
        double slope = (sw * sxy - sx * sy) / det;
        double icpt = (sxx * sy - sx * sxy) / det;
        double varSlope = sw / det;
        double varIcpt = sxx / det;
        if (sigma == null) {
            double chi2 = 0;
            for (int i = 0; i < n; i++) {
                double r = ly[i] - (icpt + slope * lx[i]);
                chi2 += lw[i] * r * r;
            }
            double s2 = chi2 / (n - 2);
            varSlope *= s2;
            varIcpt *= s2;
        }
        double a = Math.exp(icpt);
        return new PowerLaw(a, -slope, a * Math.sqrt(varIcpt), Math.sqrt(varSlope), n);
    }
}
