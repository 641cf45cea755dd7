package org.operando.io.echem;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.operando.echem.EchemRecord;
import org.operando.util.InvalidInputException;

/**
 * Shared engine of the text readers: splits rows, parses numbers (decimal point or comma), durations
 * (h:mm:ss) and date-times, applies unit factors and sign conventions, drops what cannot be trusted with a
 * line-and-column message, and assembles an {@link EchemRecord}.
 */
final class TableReader {
    /** How a charge/capacity column is to be understood. */
    enum ChargeKind { CUMULATIVE, INCREMENT, STEP_CAPACITY }

    /** Where the data and the columns are. Indices are -1 when absent. */
    static final class Spec {
        String file;
        List<String> lines;
        int headerLine;
        int firstDataLine;
        /** Field delimiter, or 0 for runs of white space. */
        char delimiter;
        boolean decimalComma;
        String[] header;
        int time = -1;
        int voltage = -1;
        int current = -1;
        int charge = -1;
        int cycle = -1;
        int halfCycle = -1;
        int step = -1;
        int mode = -1;
        int stamp = -1;
        int freq = -1;
        double timeFactor = 1;
        double voltageFactor = 1;
        double currentFactor = 1;
        double chargeFactor = 1;
        ChargeKind chargeKind = ChargeKind.CUMULATIVE;
        /** Mode text to control mode. */
        Function<String, EchemRecord.Mode> modeParser = s -> EchemRecord.Mode.UNKNOWN;
        /** Mode text to the sign of the current it implies (+1 charge, −1 discharge, 0 unknown). */
        Function<String, Integer> modeSign = s -> 0;
        LocalDateTime start;
    }

    /** Parsed rows, before assembly; also used by format readers that need a look at raw values. */
    static final class Rows {
        final List<Integer> line = new ArrayList<>();
        double[] t;
        double[] v;
        double[] i;
        double[] q;
        int[] cyc;
        int[] half;
        int[] step;
        EchemRecord.Mode[] mode;
        String[] modeText;
        /** Date-times of the rows (only the first and the last are parsed; others are null). */
        LocalDateTime[] stamp;
        int n;
    }

    private static final Pattern WS = Pattern.compile("\\s+");

    static String[] split(String line, char delimiter) {
        if (delimiter == 0) {
            return WS.split(line.trim());
        }
        int count = 1;
        for (int k = 0; k < line.length(); k++) {
            if (line.charAt(k) == delimiter) {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 0;
        int j = 0;
        for (int k = 0; k < line.length(); k++) {
            if (line.charAt(k) == delimiter) {
                out[j++] = line.substring(start, k);
                start = k + 1;
            }
        }
        out[j] = line.substring(start);
        return out;
    }

    /** Chooses the delimiter of a header line: tab, then semicolon, then comma, else white space. */
    static char delimiterOf(String header) {
        if (header.indexOf('\t') >= 0) {
            return '\t';
        }
        if (header.indexOf(';') >= 0) {
            return ';';
        }
        if (header.indexOf(',') >= 0) {
            return ',';
        }
        return 0;
    }

    /** Column index whose unit-less lower-case name is one of {@code names} (first name wins), or -1. */
    static int find(String[] header, String... names) {
        for (String name : names) {
            for (int c = 0; c < header.length; c++) {
                if (Units.split(header[c])[0].equals(name)) {
                    return c;
                }
            }
        }
        return -1;
    }

    /** Unit factor of a column, or an InvalidInputException naming file, column and the units expected. */
    static double factorOf(Spec s, int column, Units.Kind kind, String defaultUnit) {
        String unit = Units.split(s.header[column])[1];
        if (unit.isEmpty()) {
            unit = defaultUnit;
        }
        double f = Units.factor(kind, unit);
        if (Double.isNaN(f)) {
            throw new InvalidInputException(s.file + ": line " + (s.headerLine + 1) + ", column '" + s.header[column]
                    + "': unit '" + unit + "' is not a " + kind.name().toLowerCase(Locale.ROOT) + " unit (expected e.g. "
                    + switch (kind) {
                        case TIME -> "s, min, h";
                        case VOLTAGE -> "V, mV";
                        case CURRENT -> "A, mA, uA";
                        case CHARGE -> "Ah, mAh, C";
                    } + "; a column mapping can state it, e.g. time=COLUMN:h)");
        }
        return f;
    }

    private static final DateTimeFormatter[] STAMPS = {
        new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter(Locale.ROOT),
        new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("M/d/yyyy h:mm:ss")
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
                .appendPattern(" a").toFormatter(Locale.ENGLISH),
        new DateTimeFormatterBuilder().appendPattern("M/d/yyyy H:mm:ss")
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter(Locale.ROOT),
        new DateTimeFormatterBuilder().appendPattern("d.M.yyyy H:mm:ss")
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter(Locale.ROOT),
    };

    /** Parses a date-time as cyclers write it, or returns null. */
    static LocalDateTime parseStamp(String s) {
        String t = s.trim();
        int first = lastStampFormat;
        for (int k = 0; k < STAMPS.length; k++) {
            int j = (first + k) % STAMPS.length;
            try {
                LocalDateTime d = LocalDateTime.parse(t, STAMPS[j]);
                lastStampFormat = j;
                return d;
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        return null;
    }

    /** The pattern that matched last (files use one throughout); a benign race between threads. */
    private static volatile int lastStampFormat;

    static double parseNumber(String s, boolean decimalComma) {
        String t = s.trim();
        if (decimalComma) {
            t = t.replace(',', '.');
        }
        if (t.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Seconds from "h:mm:ss(.s)", "d-h:mm:ss" or "d.hh:mm:ss"; NaN if not that form. */
    static double parseDuration(String s) {
        String t = s.trim();
        double days = 0;
        int dash = t.indexOf('-');
        if (dash > 0) {
            days = parseNumber(t.substring(0, dash), false);
            t = t.substring(dash + 1);
        }
        String[] parts = t.split(":");
        if (parts.length < 2 || parts.length > 3) {
            return Double.NaN;
        }
        double h;
        String hs = parts[0];
        int dot = hs.indexOf('.');
        if (dot > 0 && parts.length == 3) {
            days += parseNumber(hs.substring(0, dot), false);
            hs = hs.substring(dot + 1);
        }
        h = parseNumber(hs, false);
        double m = parseNumber(parts[1], false);
        double sec = parts.length == 3 ? parseNumber(parts[2], false) : 0;
        if (!(h >= 0) || !(m >= 0) || !(sec >= 0) || !(days >= 0)) {
            return Double.NaN;
        }
        return days * 86400 + h * 3600 + m * 60 + sec;
    }

    /** Parses all data rows; unparseable required fields drop the row with a message. */
    static Rows parse(Spec s, Problems p) {
        int cap = Math.max(16, s.lines.size() - s.firstDataLine);
        double[] t = new double[cap];
        double[] v = new double[cap];
        double[] cur = new double[cap];
        double[] q = new double[cap];
        int[] cyc = new int[cap];
        int[] half = new int[cap];
        int[] step = new int[cap];
        EchemRecord.Mode[] mode = new EchemRecord.Mode[cap];
        String[] modeText = new String[cap];
        String[] stamp = s.stamp >= 0 ? new String[cap] : null;
        Rows r = new Rows();
        int need = Math.max(s.time, s.voltage);
        for (int c : new int[] {s.current, s.charge, s.cycle, s.halfCycle, s.step, s.mode, s.stamp, s.freq}) {
            need = Math.max(need, c);
        }
        int n = 0;
        double lastT = Double.NEGATIVE_INFINITY;
        for (int li = s.firstDataLine; li < s.lines.size(); li++) {
            String line = s.lines.get(li);
            if (line.isBlank()) {
                continue;
            }
            int lineNo = li + 1;
            String[] f = split(line, s.delimiter);
            if (f.length <= need) {
                p.add("too few fields", "line " + lineNo + ": " + f.length + " fields, at least " + (need + 1)
                        + " expected from the header at line " + (s.headerLine + 1) + " — row skipped");
                continue;
            }
            if (s.header != null && s.delimiter == ',' && f.length > s.header.length) {
                p.add("field count", "line " + lineNo + ": " + f.length + " fields but the header at line "
                        + (s.headerLine + 1) + " has " + s.header.length
                        + " (decimal commas in a comma-separated file?) — row skipped");
                continue;
            }
            String tf = f[s.time];
            double ti = tf.indexOf(':') >= 0 ? parseDuration(tf) : parseNumber(tf, s.decimalComma) * s.timeFactor;
            if (!Double.isFinite(ti)) {
                p.add("bad time", "line " + lineNo + ", column '" + s.header[s.time] + "': '" + tf.trim()
                        + "' is not a time — row skipped");
                continue;
            }
            double vi = parseNumber(f[s.voltage], s.decimalComma) * s.voltageFactor;
            if (!Double.isFinite(vi) || Math.abs(vi) > 100) {
                p.add("bad voltage", "line " + lineNo + ", column '" + s.header[s.voltage] + "': '" + f[s.voltage].trim()
                        + "' is not a plausible voltage — row skipped");
                continue;
            }
            if (ti < lastT) {
                p.add("time going back", "line " + lineNo + ", column '" + s.header[s.time] + "': time " + ti
                        + " s is before the previous row's " + lastT + " s (non-monotonic time) — row skipped");
                continue;
            }
            if (n == t.length) {
                int m = t.length * 2;
                t = java.util.Arrays.copyOf(t, m);
                v = java.util.Arrays.copyOf(v, m);
                cur = java.util.Arrays.copyOf(cur, m);
                q = java.util.Arrays.copyOf(q, m);
                cyc = java.util.Arrays.copyOf(cyc, m);
                half = java.util.Arrays.copyOf(half, m);
                step = java.util.Arrays.copyOf(step, m);
                mode = java.util.Arrays.copyOf(mode, m);
                modeText = java.util.Arrays.copyOf(modeText, m);
                if (stamp != null) {
                    stamp = java.util.Arrays.copyOf(stamp, m);
                }
            }
            lastT = ti;
            t[n] = ti;
            v[n] = vi;
            String mt = s.mode >= 0 ? f[s.mode].trim() : "";
            modeText[n] = mt;
            mode[n] = s.mode >= 0 ? s.modeParser.apply(mt) : EchemRecord.Mode.UNKNOWN;
            if (s.freq >= 0) {
                double fr = parseNumber(f[s.freq], s.decimalComma);
                if (fr > 0) {
                    mode[n] = EchemRecord.Mode.IMPEDANCE;
                }
            }
            if (s.current >= 0) {
                double ci = parseNumber(f[s.current], s.decimalComma) * s.currentFactor;
                if (!Double.isFinite(ci)) {
                    p.add("bad current", "line " + lineNo + ", column '" + s.header[s.current] + "': '"
                            + f[s.current].trim() + "' is not a number — current taken as unknown (NaN)");
                }
                int sg = s.modeSign.apply(mt);
                if (sg != 0 && Double.isFinite(ci)) {
                    ci = sg * Math.abs(ci);
                }
                cur[n] = ci;
            }
            if (s.charge >= 0) {
                double qi = parseNumber(f[s.charge], s.decimalComma) * s.chargeFactor;
                if (!Double.isFinite(qi)) {
                    p.add("bad charge", "line " + lineNo + ", column '" + s.header[s.charge] + "': '"
                            + f[s.charge].trim() + "' is not a number — charge taken as unknown");
                }
                q[n] = qi;
            }
            cyc[n] = s.cycle >= 0 ? intOf(f[s.cycle], s.decimalComma) : 0;
            half[n] = s.halfCycle >= 0 ? intOf(f[s.halfCycle], s.decimalComma) : 0;
            step[n] = s.step >= 0 ? intOf(f[s.step], s.decimalComma) : 0;
            if (stamp != null) {
                stamp[n] = f[s.stamp];
            }
            r.line.add(lineNo);
            n++;
        }
        r.n = n;
        r.t = java.util.Arrays.copyOf(t, n);
        r.v = java.util.Arrays.copyOf(v, n);
        r.i = java.util.Arrays.copyOf(cur, n);
        r.q = java.util.Arrays.copyOf(q, n);
        r.cyc = java.util.Arrays.copyOf(cyc, n);
        r.half = java.util.Arrays.copyOf(half, n);
        r.step = java.util.Arrays.copyOf(step, n);
        r.mode = java.util.Arrays.copyOf(mode, n);
        r.modeText = java.util.Arrays.copyOf(modeText, n);
        if (stamp != null) {
            // Only the first and last stamps are used (start time; Maccor's TestTime unit): parse just those.
            r.stamp = new LocalDateTime[n];
            if (n > 0) {
                r.stamp[0] = parseStamp(stamp[0]);
                r.stamp[n - 1] = parseStamp(stamp[n - 1]);
            }
        }
        return r;
    }

    private static int intOf(String s, boolean decimalComma) {
        double d = parseNumber(s, decimalComma);
        return Double.isFinite(d) ? (int) Math.round(d) : 0;
    }

    /** Turns parsed rows into a record: time relative to the first row, charge per the spec, 0-based cycles. */
    static EchemRecord assemble(Spec s, Rows r, Problems p, String formatName) {
        if (r.n == 0) {
            List<String> m = p.messages();
            throw new InvalidInputException(s.file + ": no data row could be trusted (" + formatName + ")"
                    + (m.isEmpty() ? "" : "; first problem: " + m.get(0)));
        }
        double t0 = r.t[0];
        double[] t = new double[r.n];
        for (int k = 0; k < r.n; k++) {
            t[k] = r.t[k] - t0;
        }
        EchemRecord.Builder b = EchemRecord.builder(s.file, t, r.v);
        if (s.current >= 0) {
            b.current(r.i);
        } else {
            p.add("no current", "no current column (expected e.g. 'I/mA', 'Current(A)', 'Current [A]', 'i [A]'); "
                    + "capacities " + (s.charge >= 0 ? "come from the charge column only" : "cannot be computed"));
        }
        if (s.charge >= 0) {
            b.charge(chargeOf(s.chargeKind, r, s.current >= 0));
        }
        if (s.cycle >= 0) {
            b.cycle(zeroBased(r.cyc));
        }
        if (s.halfCycle >= 0) {
            int[] h = zeroBased(r.half);
            int max = 0;
            for (int x : h) {
                max = Math.max(max, x);
            }
            if (max > 0) {
                b.halfCycle(h);
            }
        }
        if (s.step >= 0) {
            b.step(r.step);
        }
        if (s.mode >= 0 || s.freq >= 0) {
            b.mode(r.mode);
        }
        LocalDateTime start = s.start;
        if (r.stamp != null && r.stamp[0] != null) {
            start = r.stamp[0];
        }
        if (start != null) {
            b.start(start);
        }
        b.warnings(p.messages());
        return b.build();
    }

    private static int[] zeroBased(int[] a) {
        int min = Integer.MAX_VALUE;
        for (int x : a) {
            min = Math.min(min, x);
        }
        int[] out = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k] - min;
        }
        return out;
    }

    /** Cumulative signed charge from the file's column per its kind. */
    static double[] chargeOf(ChargeKind kind, Rows r, boolean haveCurrent) {
        int n = r.n;
        double[] q = new double[n];
        switch (kind) {
            case CUMULATIVE: {
                double q0 = Double.isFinite(r.q[0]) ? r.q[0] : 0;
                double last = 0;
                for (int k = 0; k < n; k++) {
                    q[k] = Double.isFinite(r.q[k]) ? r.q[k] - q0 : last;
                    last = q[k];
                }
                return q;
            }
            case INCREMENT: {
                double acc = 0;
                for (int k = 0; k < n; k++) {
                    if (k > 0 && Double.isFinite(r.q[k])) {
                        acc += r.q[k];
                    }
                    q[k] = acc;
                }
                return q;
            }
            default: {
                // Unsigned capacity that restarts at 0 in every step: sign from the current (or mode), base
                // carried over whenever the capacity restarts or the direction changes.
                double base = 0;
                double prevCap = 0;
                int prevSign = 0;
                for (int k = 0; k < n; k++) {
                    double cap = Double.isFinite(r.q[k]) ? Math.abs(r.q[k]) : prevCap;
                    int sign = 0;
                    if (haveCurrent && Double.isFinite(r.i[k]) && r.i[k] != 0) {
                        sign = r.i[k] > 0 ? 1 : -1;
                    }
                    boolean restart = cap < prevCap - 1e-12 || sign != prevSign;
                    if (restart && k > 0) {
                        base += prevSign * prevCap;
                        if (sign != prevSign && cap >= prevCap - 1e-12 && prevSign != 0 && sign != 0) {
                            // direction changed without the counter restarting: count from here
                            base -= sign * prevCap;
                        }
                    }
                    q[k] = base + sign * cap;
                    prevCap = cap;
                    prevSign = sign;
                }
                return q;
            }
        }
    }
}
