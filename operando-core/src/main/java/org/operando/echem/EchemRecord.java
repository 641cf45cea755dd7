package org.operando.echem;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One potentiostat/cycler log in a uniform model, whatever file it came from.
 *
 * <p>Units and signs: time in s since the first data point ({@link #start()} is the absolute time of that
 * point when the file says it), working-electrode potential in V, current in mA with <b>positive = oxidation
 * of the working electrode</b> (charge of a cathode, delithiation/desodiation of an anode; BioLogic's
 * convention), cumulative net charge in mAh (Q − Q₀, same sign convention). The charge comes from the file
 * when it has a charge/capacity column, else it is integrated from the current (trapezoidal rule).
 *
 * <p>Cycle and half-cycle indices are 0-based here. When the file has no cycle or half-cycle column they
 * are derived from the sign of the current ({@link HalfCycles}). {@link #warnings()} lists, with file and
 * line/byte offset, everything the reader could not trust and skipped.
 */
public final class EchemRecord {
    /** Control mode of a data point. */
    public enum Mode { REST, GALVANOSTATIC, POTENTIOSTATIC, IMPEDANCE, UNKNOWN }

    private final String source;
    private final double[] time;
    private final double[] voltage;
    private final double[] current;
    private final double[] charge;
    private final boolean chargeFromFile;
    private final boolean hasCurrent;
    private final int[] cycle;
    private final boolean cycleFromFile;
    private final int[] halfCycle;
    private final int[] step;
    private final Mode[] mode;
    private final LocalDateTime start;
    private final Map<String, String> metadata;
    private final List<String> warnings;

    private EchemRecord(Builder b) {
        this.source = b.source;
        int n = b.time.length;
        this.time = b.time;
        this.voltage = b.voltage;
        this.hasCurrent = b.current != null;
        this.current = b.current != null ? b.current : filled(n, Double.NaN);
        this.mode = b.mode;
        this.step = b.step;
        this.start = b.start;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.warnings = Collections.unmodifiableList(new ArrayList<>(b.warnings));
        if (b.charge != null) {
            this.charge = b.charge;
            this.chargeFromFile = true;
        } else if (hasCurrent) {
            this.charge = ChargeIntegrator.cumulative(time, current);
            this.chargeFromFile = false;
        } else {
            this.charge = filled(n, Double.NaN);
            this.chargeFromFile = false;
        }
        int[] derivedHalf = null;
        if (b.halfCycle != null) {
            this.halfCycle = b.halfCycle;
        } else if (hasCurrent || b.charge != null) {
            derivedHalf = HalfCycles.derive(this.time, this.current, this.charge, this.mode);
            this.halfCycle = derivedHalf;
        } else {
            this.halfCycle = new int[n];
        }
        if (b.cycle != null) {
            this.cycle = b.cycle;
            this.cycleFromFile = true;
        } else {
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
                c[i] = halfCycle[i] / 2;
            }
            this.cycle = c;
            this.cycleFromFile = false;
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** File (or description) the record was read from. */
    public String source() {
        return source;
    }

    public int size() {
        return time.length;
    }

    /** Time since the first data point, s. */
    public double[] time() {
        return time;
    }

    /** Working-electrode potential, V. */
    public double[] voltage() {
        return voltage;
    }

    /** Current, mA (positive = oxidation); NaN everywhere when the file had no current. */
    public double[] current() {
        return current;
    }

    /** Whether the file had a current column. */
    public boolean hasCurrent() {
        return hasCurrent;
    }

    /** Cumulative net charge Q − Q₀, mAh. */
    public double[] charge() {
        return charge;
    }

    /** True when {@link #charge()} comes from the file's own charge/capacity column(s). */
    public boolean chargeFromFile() {
        return chargeFromFile;
    }

    /** Charge integrated from the current (trapezoidal), mAh; for checking the file's own charge column. */
    public double[] integratedCharge() {
        return ChargeIntegrator.cumulative(time, current);
    }

    /** 0-based cycle index per point. */
    public int[] cycle() {
        return cycle;
    }

    public boolean cycleFromFile() {
        return cycleFromFile;
    }

    /** 0-based half-cycle index per point (file's, else derived from the current sign). */
    public int[] halfCycle() {
        return halfCycle;
    }

    /** Step/sequence index per point, or null when the file has none. */
    public int[] step() {
        return step;
    }

    /** Control mode per point, or null when the file does not say. */
    public Mode[] mode() {
        return mode;
    }

    /**
     * Wall-clock date and time of the first data point as the file writes it (the instrument computer's local
     * time; potentiostat files carry no time zone), when the file says it.
     */
    public Optional<LocalDateTime> start() {
        return Optional.ofNullable(start);
    }

    /** Other facts the file states (e.g. electrode material, active mass entered in the software). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** What the reader could not trust (file, line or byte offset, column) and skipped. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * True when point i is at rest (no net current flowing): the file's mode says rest, or (mode unknown, or an
     * impedance point whose DC current is what matters) the current magnitude is at most {@code restFraction} of the largest current magnitude in the record.
     */
    public boolean[] restMask(double restFraction) {
        int n = size();
        boolean[] rest = new boolean[n];
        double imax = 0;
        for (double c : current) {
            if (Double.isFinite(c)) {
                imax = Math.max(imax, Math.abs(c));
            }
        }
        for (int i = 0; i < n; i++) {
            Mode m = mode == null ? Mode.UNKNOWN : mode[i];
            if (m == Mode.REST) {
                rest[i] = true;
            } else if (m == Mode.UNKNOWN || m == Mode.IMPEDANCE) {
                rest[i] = !(Math.abs(current[i]) > restFraction * imax);
            }
        }
        return rest;
    }

    public static Builder builder(String source, double[] timeS, double[] voltageV) {
        return new Builder(source, timeS, voltageV);
    }

    /** Assembles a record; arrays are taken as they are (not copied) and must all have the same length. */
    public static final class Builder {
        private final String source;
        private final double[] time;
        private final double[] voltage;
        private double[] current;
        private double[] charge;
        private int[] cycle;
        private int[] halfCycle;
        private int[] step;
        private Mode[] mode;
        private LocalDateTime start;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        private Builder(String source, double[] time, double[] voltage) {
            this.source = Objects.requireNonNull(source, "source");
            this.time = Objects.requireNonNull(time, "time");
            this.voltage = Objects.requireNonNull(voltage, "voltage");
            if (time.length != voltage.length) {
                throw new IllegalArgumentException("time has " + time.length + " points, voltage " + voltage.length);
            }
            for (int i = 1; i < time.length; i++) {
                if (!(time[i] >= time[i - 1])) {
                    throw new IllegalArgumentException("time must be non-decreasing (index " + i + ")");
                }
            }
        }

        private double[] check(double[] a, String what) {
            if (a != null && a.length != time.length) {
                throw new IllegalArgumentException(what + " has " + a.length + " points, expected " + time.length);
            }
            return a;
        }

        private int[] check(int[] a, String what) {
            if (a != null && a.length != time.length) {
                throw new IllegalArgumentException(what + " has " + a.length + " points, expected " + time.length);
            }
            return a;
        }

        public Builder current(double[] mA) {
            this.current = check(mA, "current");
            return this;
        }

        public Builder charge(double[] mAh) {
            this.charge = check(mAh, "charge");
            return this;
        }

        public Builder cycle(int[] c) {
            this.cycle = check(c, "cycle");
            return this;
        }

        public Builder halfCycle(int[] h) {
            this.halfCycle = check(h, "half-cycle");
            return this;
        }

        public Builder step(int[] s) {
            this.step = check(s, "step");
            return this;
        }

        public Builder mode(Mode[] m) {
            if (m != null && m.length != time.length) {
                throw new IllegalArgumentException("mode has " + m.length + " points, expected " + time.length);
            }
            this.mode = m;
            return this;
        }

        public Builder start(LocalDateTime s) {
            this.start = s;
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        public Builder warning(String w) {
            this.warnings.add(w);
            return this;
        }

        public Builder warnings(List<String> ws) {
            this.warnings.addAll(ws);
            return this;
        }

        public EchemRecord build() {
            return new EchemRecord(this);
        }
    }
}
