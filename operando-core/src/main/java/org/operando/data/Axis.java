package org.operando.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, monotonic coordinate axis with a unit: e.g. {@code q} in Å⁻¹ for a scattering curve, {@code r} in Å
 * for a PDF, {@code E} in eV for a spectrum.
 */
public final class Axis {
    private final String name;
    private final Unit unit;
    private final double[] values;

    public Axis(String name, Unit unit, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.values = values.clone();
    }

    /** Evenly spaced axis of {@code n} points from {@code first} to {@code last} inclusive. */
    public static Axis linear(String name, Unit unit, double first, double last, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? first : first + (last - first) * i / (n - 1);
        }
        return new Axis(name, unit, v);
    }

    public String name() {
        return name;
    }

    public Unit unit() {
        return unit;
    }

    public int size() {
        return values.length;
    }

    public double get(int i) {
        return values[i];
    }

    /** A copy of the coordinates. */
    public double[] values() {
        return values.clone();
    }

    /** Axis title for plots, e.g. "q (Å⁻¹)". */
    public String label() {
        return unit.label(name);
    }

    /** Index of the coordinate nearest to {@code x}. */
    public int nearestIndex(double x) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double d = Math.abs(values[i] - x);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Axis a && a.name.equals(name) && a.unit == unit && Arrays.equals(a.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, unit, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + "[" + values.length + "] " + unit.symbol();
    }
}
