package org.operando.echem;

import java.util.ArrayList;
import java.util.List;

/**
 * Galvanostatic test profiles with known answers. Steps are sampled every {@code dt} s; the current switches
 * exactly at step boundaries (a duplicated time stamp carries the old and the new current, as cyclers log
 * it), so trapezoidal integration is exact.
 */
public final class SyntheticCell {
    final List<Double> t = new ArrayList<>();
    final List<Double> v = new ArrayList<>();
    final List<Double> i = new ArrayList<>();
    final List<Integer> step = new ArrayList<>();
    double now = 0;
    double q = 0;
    int steps = 0;
    final double dt;

    public SyntheticCell(double dtS) {
        this.dt = dtS;
    }

    /** Voltage as a function of the cumulative charge (mAh). */
    public interface Ocv {
        double at(double qMAh);
    }

    /** A step of constant current (mA; 0 = rest) for duration s. */
    public SyntheticCell step(double currentMA, double durationS, Ocv ocv) {
        int n = (int) Math.round(durationS / dt);
        for (int k = 0; k <= n; k++) {
            double tk = now + durationS * k / n;
            double qk = q + currentMA * (durationS * k / n) / 3600.0;
            t.add(tk);
            v.add(ocv.at(qk));
            i.add(currentMA);
            step.add(steps);
        }
        now += durationS;
        q += currentMA * durationS / 3600.0;
        steps++;
        return this;
    }

    public double[] time() {
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] voltage() {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] current() {
        return i.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public int[] steps() {
        return step.stream().mapToInt(Integer::intValue).toArray();
    }

    public EchemRecord record() {
        return EchemRecord.builder("synthetic", time(), voltage()).current(current()).step(steps()).build();
    }
}
