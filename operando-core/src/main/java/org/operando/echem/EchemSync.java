package org.operando.echem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.operando.util.InvalidInputException;

/**
 * Places scans or tomograms on the electrochemistry: for every acquisition window its time-averaged time,
 * potential, current and charge, its state of charge, the cycle/half-cycle it belongs to and whether it was
 * taken during a rest step.
 *
 * <p>Windows are given on the scan clock in s since the record's first point (or as absolute instants,
 * converted with the record's start time); {@code offsetS} is added to scan times to put them on the
 * potentiostat clock (t_echem = t_scan + offset). Averages are exact time-averages of the piecewise-linear
 * interpolant of the samples over the window; a zero-length window gives the interpolated value.
 *
 * <p>State of charge: (Q̄ − Q_min)/(Q_max − Q_min) over the whole record, so 0 = the most reduced state
 * reached (e.g. fully lithiated anode, fully discharged cathode) and 1 = the most oxidised; with a reference
 * capacity C_ref it is (Q̄ − Q_min)/C_ref instead.
 */
public final class EchemSync {
    private EchemSync() { }

    /** One acquisition window on the scan clock, s relative to the record's first point. */
    public record ScanWindow(String id, double startS, double endS) {
        public ScanWindow {
            if (!(endS >= startS)) {
                throw new InvalidInputException("scan " + id + ": end (" + endS + " s) before start (" + startS + " s)");
            }
        }

        /** A window from absolute times, relative to the record start. */
        public static ScanWindow of(String id, Instant start, Instant end, Instant recordStart) {
            return new ScanWindow(id, seconds(Duration.between(recordStart, start)),
                    seconds(Duration.between(recordStart, end)));
        }

        private static double seconds(Duration d) {
            return d.getSeconds() + d.getNano() * 1e-9;
        }
    }

    /** Windows from a schedule: scan k (0-based) starts at first + k·period and lasts duration. */
    public static List<ScanWindow> schedule(int count, double firstStartS, double periodS, double durationS) {
        InvalidInputException.require(count > 0, "schedule: scan count must be > 0, got " + count);
        InvalidInputException.require(periodS > 0 && durationS >= 0,
                "schedule: period must be > 0 s and duration >= 0 s, got " + periodS + ", " + durationS);
        List<ScanWindow> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double s = firstStartS + k * periodS;
            out.add(new ScanWindow(Integer.toString(k), s, s + durationS));
        }
        return out;
    }

    /** Where one scan sits on the electrochemistry. NaN values when the window does not overlap the record. */
    public record ScanState(String id, double startS, double endS, double meanTimeS, double voltageV,
                            double currentMA, double chargeMAh, double soc, int cycle, int halfCycle,
                            boolean rest, double restFraction, boolean covered) { }

    public static List<ScanState> place(EchemRecord r, List<ScanWindow> windows, double offsetS) {
        return place(r, windows, offsetS, Double.NaN);
    }

    /**
     * @param referenceCapacityMAh capacity that defines SoC = 1, or NaN to use the record's charge span
     */
    public static List<ScanState> place(EchemRecord r, List<ScanWindow> windows, double offsetS,
                                        double referenceCapacityMAh) {
        InvalidInputException.require(r.size() >= 2, r.source() + ": at least 2 data points expected for synchronisation");
        double[] t = r.time();
        double[] q = r.charge();
        double qmin = Double.POSITIVE_INFINITY;
        double qmax = Double.NEGATIVE_INFINITY;
        for (double v : q) {
            if (Double.isFinite(v)) {
                qmin = Math.min(qmin, v);
                qmax = Math.max(qmax, v);
            }
        }
        double span = Double.isFinite(referenceCapacityMAh) ? referenceCapacityMAh : qmax - qmin;
        boolean[] rest = r.restMask(HalfCycles.REST_FRACTION);
        double[] restSignal = new double[r.size()];
        for (int i = 0; i < r.size(); i++) {
            restSignal[i] = rest[i] ? 1 : 0;
        }
        Integrator tInt = new Integrator(t, t);
        Integrator vInt = new Integrator(t, r.voltage());
        Integrator iInt = new Integrator(t, r.current());
        Integrator qInt = new Integrator(t, q);
        Integrator rInt = new Integrator(t, restSignal);
        double t0 = t[0];
        double t1 = t[t.length - 1];
        List<ScanState> out = new ArrayList<>(windows.size());
        for (ScanWindow w : windows) {
            double a = w.startS() + offsetS;
            double b = w.endS() + offsetS;
            boolean covered = a >= t0 && b <= t1;
            double ca = Math.max(a, t0);
            double cb = Math.min(b, t1);
            if (cb < ca || (b > a && cb == ca)) {
                out.add(new ScanState(w.id(), a, b, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1,
                        false, Double.NaN, false));
                continue;
            }
            double mt = tInt.mean(ca, cb);
            double mv = vInt.mean(ca, cb);
            // without a current column the current, the rest state and (without a charge column) the charge
            // are unknown, not zero
            boolean haveCharge = r.hasCurrent() || r.chargeFromFile();
            double mi = r.hasCurrent() ? iInt.mean(ca, cb) : Double.NaN;
            double mq = haveCharge ? qInt.mean(ca, cb) : Double.NaN;
            double rf = r.hasCurrent() || r.mode() != null ? rInt.mean(ca, cb) : Double.NaN;
            double soc = haveCharge && span > 0 ? (mq - qmin) / span : Double.NaN;
            int k = nearest(t, 0.5 * (ca + cb));
            out.add(new ScanState(w.id(), a, b, mt, mv, mi, mq, soc, r.cycle()[k], r.halfCycle()[k], rf > 0.5, rf,
                    covered));
        }
        return out;
    }

    private static int nearest(double[] t, double x) {
        int lo = SortedSearch.segment(t, x);
        return Math.abs(t[lo + 1] - x) < Math.abs(x - t[lo]) ? lo + 1 : lo;
    }

    /** Exact integrals of the piecewise-linear interpolant of (t, f); non-finite samples contribute nothing. */
    static final class Integrator {
        private final double[] t;
        private final double[] f;
        private final double[] cum;

        Integrator(double[] t, double[] f) {
            this.t = t;
            this.f = f;
            this.cum = new double[t.length];
            for (int i = 1; i < t.length; i++) {
                double s = 0.5 * (f[i - 1] + f[i]) * (t[i] - t[i - 1]);
                cum[i] = cum[i - 1] + (Double.isFinite(s) ? s : 0);
            }
        }

        double value(double x) {
            int i = segment(x);
            double dt = t[i + 1] - t[i];
            if (dt <= 0) {
                return f[i + 1];
            }
            double u = (x - t[i]) / dt;
            return f[i] + u * (f[i + 1] - f[i]);
        }

        /** ∫_{t0}^{x} f. */
        double integral(double x) {
            int i = segment(x);
            double h = x - t[i];
            double dt = t[i + 1] - t[i];
            if (dt <= 0) {
                return cum[i];
            }
            double slope = (f[i + 1] - f[i]) / dt;
            double s = f[i] * h + 0.5 * slope * h * h;
            return cum[i] + (Double.isFinite(s) ? s : 0);
        }

        double mean(double a, double b) {
            if (b - a <= 0) {
                return value(a);
            }
            return (integral(b) - integral(a)) / (b - a);
        }

        private int segment(double x) {
            return SortedSearch.segment(t, x);
        }
    }
}
