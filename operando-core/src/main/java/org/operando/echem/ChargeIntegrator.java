package org.operando.echem;

/** Charge from current by the trapezoidal rule. */
public final class ChargeIntegrator {
    private ChargeIntegrator() { }

    /**
     * Cumulative charge Q(t_i) − Q(t_0) in mAh from time in s and current in mA (trapezoidal rule; exact for
     * a current that is linear between samples). Non-finite currents contribute nothing.
     */
    public static double[] cumulative(double[] timeS, double[] currentMA) {
        int n = timeS.length;
        double[] q = new double[n];
        double acc = 0;
        for (int i = 1; i < n; i++) {
            double a = currentMA[i - 1];
            double b = currentMA[i];
            double dt = timeS[i] - timeS[i - 1];
            if (Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(dt)) {
                acc += 0.5 * (a + b) * dt / 3600.0;
            }
            q[i] = acc;
        }
        return q;
    }
}
