package org.operando.echem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.operando.util.InvalidInputException;

/**
 * Cell metrics from a record: capacity per half-cycle, capacities and coulombic efficiency per cycle,
 * specific capacity and C-rate.
 *
 * <p>Capacity of a half-cycle = |Q(last point) − Q(last point of the previous half-cycle)| using the record's
 * cumulative charge (file column when present, else integrated current). Coulombic efficiency of a cycle =
 * capacity in the direction opposite to the record's first half-cycle divided by the capacity in the first
 * half-cycle's direction (charge/discharge for an anode half-cell that starts with lithiation,
 * discharge/charge for a cathode that starts with charging).
 */
public final class CycleMetrics {
    private CycleMetrics() { }

    /**
     * One half-cycle. sign = +1 oxidation (charge, positive current), −1 reduction (discharge). The mean current
     * is the time-weighted mean over intervals with current flowing at both ends (rest and step edges excluded).
     */
    public record HalfCycle(int index, int cycle, int sign, int firstPoint, int lastPoint, double startS,
                            double endS, double capacityMAh, double startV, double endV, double meanCurrentMA) {
        public String direction() {
            return sign > 0 ? "charge" : sign < 0 ? "discharge" : "rest";
        }
    }

    /** One cycle: summed capacities per direction and the coulombic efficiency (NaN if a direction is absent). */
    public record Cycle(int cycle, double chargeMAh, double dischargeMAh, double coulombicEfficiency) { }

    /** Half-cycles of the record, in order. */
    public static List<HalfCycle> halfCycles(EchemRecord r) {
        requireCharge(r);
        int[] h = r.halfCycle();
        double[] q = r.charge();
        double[] t = r.time();
        double[] v = r.voltage();
        double[] cur = r.current();
        boolean[] rest = r.restMask(HalfCycles.REST_FRACTION);
        List<HalfCycle> out = new ArrayList<>();
        int n = r.size();
        int first = 0;
        double qBefore = n > 0 ? q[0] : 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || h[i] != h[first]) {
                int last = i - 1;
                double dq = q[last] - qBefore;
                int sign = dq > 0 ? 1 : dq < 0 ? -1 : 0;
                double iSum = 0;
                double dtSum = 0;
                for (int k = first; k < last; k++) {
                    // time-weighted mean over segments with current at both ends (steps' edges excluded)
                    double dt = t[k + 1] - t[k];
                    double ik = 0.5 * (cur[k] + cur[k + 1]);
                    if (Double.isFinite(ik) && !rest[k] && !rest[k + 1]) {
                        iSum += ik * dt;
                        dtSum += dt;
                    }
                }
                out.add(new HalfCycle(h[first], r.cycle()[first], sign, first, last, t[first], t[last], Math.abs(dq),
                        v[first], v[last], dtSum > 0 ? iSum / dtSum : Double.NaN));
                qBefore = q[last];
                first = i;
            }
        }
        return out;
    }

    /** Per-cycle capacities and coulombic efficiency. */
    public static List<Cycle> cycles(EchemRecord r) {
        List<HalfCycle> hs = halfCycles(r);
        int firstSign = 0;
        for (HalfCycle hc : hs) {
            if (hc.sign() != 0 && hc.capacityMAh() > 0) {
                firstSign = hc.sign();
                break;
            }
        }
        Map<Integer, double[]> byCycle = new TreeMap<>();
        for (HalfCycle hc : hs) {
            double[] a = byCycle.computeIfAbsent(hc.cycle(), k -> new double[2]);
            if (hc.sign() > 0) {
                a[0] += hc.capacityMAh();
            } else if (hc.sign() < 0) {
                a[1] += hc.capacityMAh();
            }
        }
        List<Cycle> out = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : byCycle.entrySet()) {
            double ch = e.getValue()[0];
            double dis = e.getValue()[1];
            double ce = Double.NaN;
            if (ch > 0 && dis > 0) {
                ce = firstSign < 0 ? ch / dis : dis / ch;
            }
            out.add(new Cycle(e.getKey(), ch, dis, ce));
        }
        return out;
    }

    /** Specific capacity in mAh/g from a capacity in mAh and an active mass in mg. */
    public static double specificCapacity(double capacityMAh, double activeMassMg) {
        if (!(activeMassMg > 0) || !Double.isFinite(activeMassMg)) {
            throw new InvalidInputException("--mass: active mass must be a positive number of mg, got " + activeMassMg);
        }
        return capacityMAh / (activeMassMg * 1e-3);
    }

    /**
     * C-rate (1/h): |current| / (theoretical specific capacity × active mass). 1 C empties the theoretical
     * capacity in one hour.
     */
    public static double cRate(double currentMA, double theoreticalMAhPerG, double activeMassMg) {
        if (!(theoreticalMAhPerG > 0) || !Double.isFinite(theoreticalMAhPerG)) {
            throw new InvalidInputException("--theoretical: theoretical capacity must be a positive number of mAh/g, got "
                    + theoreticalMAhPerG);
        }
        if (!(activeMassMg > 0) || !Double.isFinite(activeMassMg)) {
            throw new InvalidInputException("--mass: active mass must be a positive number of mg, got " + activeMassMg);
        }
        return Math.abs(currentMA) / (theoreticalMAhPerG * activeMassMg * 1e-3);
    }

    /** Current (mA, magnitude) for a given C-rate. */
    public static double currentForCRate(double cRate, double theoreticalMAhPerG, double activeMassMg) {
        return cRate * theoreticalMAhPerG * activeMassMg * 1e-3;
    }

    static void requireCharge(EchemRecord r) {
        if (!r.hasCurrent() && !r.chargeFromFile()) {
            throw new InvalidInputException(r.source() + ": no current and no charge column; capacities need one of"
                    + " them (expected e.g. 'I/mA', 'Current(A)', '(Q-Qo)/mA.h')");
        }
    }
}
