package org.operando.data;

import java.util.Objects;

/**
 * A 1D curve: values (and optional 1σ uncertainties) on an axis, e.g. I(q), G(r), μ(E).
 *
 * @param axis     the coordinates with their unit
 * @param values   one value per axis point
 * @param sigma    1σ uncertainty per point, or null when unknown
 * @param quantity what the values are, e.g. "I", "G(r)"
 * @param unit     unit of the values
 */
public record Curve(Axis axis, double[] values, double[] sigma, String quantity, Unit unit) {
    public Curve {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(values, "values");
        if (values.length != axis.size()) {
            throw new IllegalArgumentException("curve has " + values.length + " values on an axis of " + axis.size());
        }
        if (sigma != null && sigma.length != values.length) {
            throw new IllegalArgumentException("sigma has " + sigma.length + " values, expected " + values.length);
        }
    }

    public Curve(Axis axis, double[] values) {
        this(axis, values, null, "I", Unit.ARBITRARY);
    }

    public int size() {
        return values.length;
    }

    public double x(int i) {
        return axis.get(i);
    }

    public double y(int i) {
        return values[i];
    }

    public boolean hasSigma() {
        return sigma != null;
    }

    /** Mean of the finite values whose axis coordinate lies in [lo, hi]; NaN when none. */
    public double meanIn(double lo, double hi) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            double x = axis.get(i);
            if (x >= lo && x <= hi && Double.isFinite(values[i])) {
                s += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
