package org.operando.echem;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives half-cycle indices from the sign of the current when a file does not record them.
 *
 * <p>A half-cycle is a run of active (non-rest, non-impedance) points with one current sign. Runs that pass
 * less than {@link #MIN_FRACTION} of the largest run's charge (e.g. the tiny opposite-sign current of an
 * impedance or relaxation step) do not start a new half-cycle. Rest points belong to the half-cycle before
 * them (leading rest to the first).
 */
public final class HalfCycles {
    /** Runs with less charge than this fraction of the largest run do not start a half-cycle. */
    public static final double MIN_FRACTION = 0.01;
    /** Currents at most this fraction of the largest |I| count as rest when the mode is unknown. */
    public static final double REST_FRACTION = 0.002;

    private HalfCycles() { }

    public static int[] derive(double[] time, double[] current, double[] charge, EchemRecord.Mode[] mode) {
        int n = time.length;
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        double imax = 0;
        for (double c : current) {
            if (Double.isFinite(c)) {
                imax = Math.max(imax, Math.abs(c));
            }
        }
        int[] sign = new int[n];
        for (int i = 0; i < n; i++) {
            EchemRecord.Mode m = mode == null ? EchemRecord.Mode.UNKNOWN : mode[i];
            if (m == EchemRecord.Mode.REST || m == EchemRecord.Mode.IMPEDANCE) {
                continue;
            }
            double c = current[i];
            if (!Double.isFinite(c) && i > 0) {
                c = charge[i] - charge[i - 1];
                sign[i] = c > 0 ? 1 : c < 0 ? -1 : 0;
                continue;
            }
            if (Math.abs(c) > REST_FRACTION * imax) {
                sign[i] = c > 0 ? 1 : -1;
            }
        }
        // Runs of equal sign over active points.
        List<int[]> runs = new ArrayList<>(); // {firstIndex, sign}
        List<Double> runCharge = new ArrayList<>();
        int prevSign = 0;
        int prevActive = -1;
        for (int i = 0; i < n; i++) {
            if (sign[i] == 0) {
                continue;
            }
            if (sign[i] != prevSign) {
                runs.add(new int[] {i, sign[i]});
                runCharge.add(0.0);
                prevSign = sign[i];
            } else if (prevActive >= 0) {
                int k = runCharge.size() - 1;
                runCharge.set(k, runCharge.get(k) + Math.abs(charge[i] - charge[prevActive]));
            }
            prevActive = i;
        }
        double maxRun = 0;
        for (double c : runCharge) {
            maxRun = Math.max(maxRun, c);
        }
        // Keep runs that are big enough; consecutive kept runs of the same sign merge.
        List<Integer> starts = new ArrayList<>();
        int lastSign = 0;
        for (int r = 0; r < runs.size(); r++) {
            if (runCharge.get(r) < MIN_FRACTION * maxRun && maxRun > 0) {
                continue;
            }
            int s = runs.get(r)[1];
            if (s != lastSign) {
                starts.add(runs.get(r)[0]);
                lastSign = s;
            }
        }
        int h = 0;
        int next = 1;
        for (int i = 0; i < n; i++) {
            while (next < starts.size() && i >= starts.get(next)) {
                h++;
                next++;
            }
            out[i] = h;
        }
        return out;
    }
}
