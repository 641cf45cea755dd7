package org.operando.io.figure;

import java.util.ArrayList;
import java.util.List;

/** "Nice" tick positions (1, 2, 2.5, 5 × 10^k steps) and their labels. */
final class Ticks {
    private Ticks() { }

    /** About {@code target} ticks covering [lo, hi]. */
    static double[] linear(double lo, double hi, int target) {
        if (!(hi > lo)) {
            return new double[] {lo};
        }
        double raw = (hi - lo) / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        List<Double> t = new ArrayList<>();
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (double v = first; v <= hi + step * 1e-9; v += step) {
            t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Decade ticks (and 2, 5 × decade when the range spans fewer than two decades) in [lo, hi], lo > 0. */
    static double[] log(double lo, double hi) {
        List<Double> t = new ArrayList<>();
        int d0 = (int) Math.floor(Math.log10(lo));
        int d1 = (int) Math.ceil(Math.log10(hi));
        boolean fine = d1 - d0 <= 2;
        for (int d = d0; d <= d1; d++) {
            for (double m : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                double v = m * Math.pow(10, d);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                    t.add(v);
                }
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String label(double v, double[] all) {
        double span = 0;
        for (double x : all) {
            span = Math.max(span, Math.abs(x));
        }
        if (v == 0) {
            return "0";
        }
        if (span >= 1e5 || span < 1e-3) {
            String s = String.format(java.util.Locale.ROOT, "%.2g", v);
            return s.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        double step = all.length > 1 ? Math.abs(all[1] - all[0]) : Math.abs(v);
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        if (Math.abs(step * Math.pow(10, decimals) - Math.round(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return String.format(java.util.Locale.ROOT, "%." + Math.min(6, decimals) + "f", v);
    }
}
