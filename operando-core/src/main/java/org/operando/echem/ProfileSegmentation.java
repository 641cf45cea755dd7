package org.operando.echem;

import java.util.ArrayList;
import java.util.List;
import org.operando.util.InvalidInputException;

/**
 * Splits a (de)sodiation/(de)lithiation profile into sloping and plateau regions, as is done for hard carbon
 * (sloping region above ≈ 0.1 V vs Na⁺/Na: Na in defects and between layers; low-voltage plateau: pore
 * filling).
 *
 * <p>The profile is first made monotone ({@link MonotoneProfile}); the slope |dV/du| with u = x/x_total the
 * fraction of the half-cycle's capacity is taken as a centred difference over ± {@code window} (a fraction of
 * the capacity). Points with |dV/du| below {@code thresholdV} (V per full capacity) are plateau, others
 * sloping; regions shorter than {@code minFraction} of the capacity are merged into their predecessor.
 */
public final class ProfileSegmentation {
    private ProfileSegmentation() { }

    public enum Kind { SLOPING, PLATEAU }

    /** One region: kind, start/end as fractions of the half-cycle capacity and in mAh, voltages at its ends. */
    public record Segment(Kind kind, double startFraction, double endFraction, double startMAh, double endMAh,
                          double startV, double endV) {
        public double capacityMAh() {
            return endMAh - startMAh;
        }
    }

    public static final double DEFAULT_THRESHOLD_V = 0.5;
    public static final double DEFAULT_WINDOW = 0.02;
    public static final double DEFAULT_MIN_FRACTION = 0.05;

    public static List<Segment> segment(double[] voltage, double[] charge) {
        return segment(voltage, charge, DEFAULT_THRESHOLD_V, DEFAULT_WINDOW, DEFAULT_MIN_FRACTION);
    }

    public static List<Segment> segment(double[] voltage, double[] charge, double thresholdV, double window,
                                        double minFraction) {
        InvalidInputException.require(thresholdV > 0, "segmentation threshold must be > 0 V, got " + thresholdV);
        InvalidInputException.require(window > 0 && window < 0.5, "segmentation window must be in (0, 0.5), got " + window);
        MonotoneProfile p = MonotoneProfile.of(voltage, charge);
        double x0 = p.charge()[0];
        double total = p.totalCharge();
        int n = 1001;
        double du = 1.0 / (n - 1);
        Kind[] kind = new Kind[n];
        for (int i = 0; i < n; i++) {
            double u = i * du;
            double ua = Math.max(0, u - window);
            double ub = Math.min(1, u + window);
            double slope = (p.voltageAt(x0 + ub * total) - p.voltageAt(x0 + ua * total)) / (ub - ua);
            kind[i] = Math.abs(slope) < thresholdV ? Kind.PLATEAU : Kind.SLOPING;
        }
        // Runs, then merge short ones.
        List<int[]> runs = new ArrayList<>(); // {start, end(inclusive), kindOrdinal}
        int s = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || kind[i] != kind[s]) {
                runs.add(new int[] {s, i - 1, kind[s].ordinal()});
                s = i;
            }
        }
        boolean merged = true;
        while (merged && runs.size() > 1) {
            merged = false;
            for (int r = 0; r < runs.size(); r++) {
                int[] run = runs.get(r);
                if ((run[1] - run[0] + 1) * du < minFraction) {
                    if (r > 0) {
                        runs.get(r - 1)[1] = run[1];
                    } else {
                        runs.get(1)[0] = run[0];
                    }
                    runs.remove(r);
                    merged = true;
                    break;
                }
            }
            // join neighbours of the same kind
            for (int r = runs.size() - 1; r > 0; r--) {
                if (runs.get(r)[2] == runs.get(r - 1)[2]) {
                    runs.get(r - 1)[1] = runs.get(r)[1];
                    runs.remove(r);
                }
            }
        }
        List<Segment> out = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            int[] run = runs.get(r);
            double ua = r == 0 ? 0 : 0.5 * (run[0] + runs.get(r - 1)[1]) * du;
            double ub = r == runs.size() - 1 ? 1 : 0.5 * (run[1] + runs.get(r + 1)[0]) * du;
            out.add(new Segment(Kind.values()[run[2]], ua, ub, ua * total, ub * total,
                    p.voltageAt(x0 + ua * total), p.voltageAt(x0 + ub * total)));
        }
        return out;
    }
}
