package org.operando.data;

import java.util.Objects;

/**
 * N curves sharing one axis, stored as a dense [count × axis] float32 table: one integrated pattern per scan
 * point, one spectrum per voxel row, etc. Uncertainties are optional.
 */
public final class CurveSet {
    private final Axis axis;
    private final int count;
    private final float[] values;
    private final float[] sigma;
    private final String quantity;
    private final Unit unit;

    public CurveSet(Axis axis, int count, float[] values, float[] sigma, String quantity, Unit unit) {
        this.axis = Objects.requireNonNull(axis, "axis");
        if (count < 0 || values.length != (long) count * axis.size()) {
            throw new IllegalArgumentException("curve set of " + count + " curves × " + axis.size()
                    + " points cannot hold " + values.length + " values");
        }
        if (sigma != null && sigma.length != values.length) {
            throw new IllegalArgumentException("sigma size " + sigma.length + " differs from values " + values.length);
        }
        this.count = count;
        this.values = values;
        this.sigma = sigma;
        this.quantity = quantity;
        this.unit = unit;
    }

    /** An empty set (all zeros) to fill, with or without uncertainties. */
    public static CurveSet allocate(Axis axis, int count, boolean withSigma, String quantity, Unit unit) {
        int n = Math.multiplyExact(count, axis.size());
        return new CurveSet(axis, count, new float[n], withSigma ? new float[n] : null, quantity, unit);
    }

    public Axis axis() {
        return axis;
    }

    public int count() {
        return count;
    }

    public int points() {
        return axis.size();
    }

    public String quantity() {
        return quantity;
    }

    public Unit unit() {
        return unit;
    }

    public float get(int curve, int point) {
        return values[curve * axis.size() + point];
    }

    public void set(int curve, int point, float v) {
        values[curve * axis.size() + point] = v;
    }

    public boolean hasSigma() {
        return sigma != null;
    }

    public float sigma(int curve, int point) {
        return sigma[curve * axis.size() + point];
    }

    public void setSigma(int curve, int point, float s) {
        sigma[curve * axis.size() + point] = s;
    }

    /** Backing arrays (row-major [curve][point]); shared. */
    public float[] rawValues() {
        return values;
    }

    public float[] rawSigma() {
        return sigma;
    }

    /** Curve {@code i} as a {@link Curve} (copied to double). */
    public Curve curve(int i) {
        int n = axis.size();
        double[] v = new double[n];
        double[] s = sigma == null ? null : new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = values[i * n + k];
            if (s != null) {
                s[k] = sigma[i * n + k];
            }
        }
        return new Curve(axis, v, s, quantity, unit);
    }

    /** Stores {@code c}'s values (and σ when both have them) as curve {@code i}. */
    public void setCurve(int i, Curve c) {
        int n = axis.size();
        if (c.size() != n) {
            throw new IllegalArgumentException("curve has " + c.size() + " points, set has " + n);
        }
        for (int k = 0; k < n; k++) {
            values[i * n + k] = (float) c.values()[k];
            if (sigma != null && c.sigma() != null) {
                sigma[i * n + k] = (float) c.sigma()[k];
            }
        }
    }
}
