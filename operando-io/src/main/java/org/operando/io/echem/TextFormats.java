package org.operando.io.echem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.operando.echem.EchemRecord;
import org.operando.util.InvalidInputException;

/**
 * The text formats: BioLogic EC-Lab ASCII export (.mpt), Neware CSV export, Maccor text export, and generic
 * delimited text (CSV/TSV/white space, e.g. the "t [h] / V [V] / i [A]" logs beside operando data) with
 * columns found by name or given by a {@link ColumnMapping}.
 */
public final class TextFormats {
    private TextFormats() { }

    /** Lines of a text file: UTF-8 when valid, else Windows-1252 (what EC-Lab and Maccor write). */
    static List<String> lines(Path path) throws IOException {
        byte[] b = Files.readAllBytes(path);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            Charset cp = Charset.isSupported("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;
            text = new String(b, cp);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return Arrays.asList(text.split("\r\n|\r|\n", -1));
    }

    private static final Pattern NB_HEADER = Pattern.compile("^\\s*Nb header lines\\s*:\\s*(\\d+)\\s*$");
    private static final Pattern ACQ = Pattern.compile("^\\s*Acquisition started on\\s*:\\s*(.+?)\\s*$");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("(^|[\\t; ])-?\\d+,\\d+([eE][-+]?\\d+)?($|[\\t; ])");

    // ---------------------------------------------------------------------------------------------- .mpt
    public static EchemRecord readMpt(Path path) throws IOException {
        String file = path.toString();
        List<String> lines = lines(path);
        if (lines.isEmpty() || !lines.get(0).trim().startsWith("EC-Lab ASCII FILE")) {
            throw new InvalidInputException(file + ": line 1: not an EC-Lab ASCII export (expected 'EC-Lab ASCII FILE')");
        }
        Matcher m = lines.size() > 1 ? NB_HEADER.matcher(lines.get(1)) : null;
        if (m == null || !m.matches()) {
            throw new InvalidInputException(file + ": line 2: expected 'Nb header lines : N'");
        }
        int nb = Integer.parseInt(m.group(1));
        if (nb < 3 || nb > lines.size()) {
            throw new InvalidInputException(file + ": line 2: 'Nb header lines : " + nb + "' is not possible for a file of "
                    + lines.size() + " lines (expected 3 ≤ N ≤ number of lines)");
        }
        Problems p = new Problems(file);
        TableReader.Spec s = new TableReader.Spec();
        s.file = file;
        s.lines = lines;
        s.headerLine = nb - 1;
        s.firstDataLine = nb;
        s.delimiter = '\t';
        for (int k = 2; k < nb - 1; k++) {
            Matcher a = ACQ.matcher(lines.get(k));
            if (a.matches()) {
                s.start = TableReader.parseStamp(a.group(1));
                if (s.start == null) {
                    p.add("bad start", "line " + (k + 1) + ": acquisition start '" + a.group(1)
                            + "' not understood (expected MM/DD/YYYY HH:MM:SS[.sss])");
                }
            }
        }
        s.header = trimAll(TableReader.split(lines.get(nb - 1), '\t'));
        s.decimalComma = hasDecimalComma(lines, nb);
        s.time = TableReader.find(s.header, "time");
        s.voltage = TableReader.find(s.header, "ewe", "<ewe>", "ecell", "<ecell>");
        requireColumns(s, "time/s", "Ewe/V");
        s.timeFactor = TableReader.factorOf(s, s.time, Units.Kind.TIME, "s");
        s.voltageFactor = TableReader.factorOf(s, s.voltage, Units.Kind.VOLTAGE, "V");
        s.current = TableReader.find(s.header, "i", "<i>");
        if (s.current >= 0) {
            s.currentFactor = TableReader.factorOf(s, s.current, Units.Kind.CURRENT, "mA");
        }
        int cum = TableReader.find(s.header, "(q-qo)", "q-qo");
        int inc = TableReader.find(s.header, "dq");
        if (cum >= 0) {
            s.charge = cum;
            s.chargeKind = TableReader.ChargeKind.CUMULATIVE;
        } else if (inc >= 0) {
            s.charge = inc;
            s.chargeKind = TableReader.ChargeKind.INCREMENT;
        }
        if (s.charge >= 0) {
            s.chargeFactor = TableReader.factorOf(s, s.charge, Units.Kind.CHARGE, "mAh");
        }
        s.cycle = TableReader.find(s.header, "cycle number");
        s.halfCycle = TableReader.find(s.header, "half cycle");
        s.step = TableReader.find(s.header, "ns");
        s.mode = TableReader.find(s.header, "mode");
        s.freq = TableReader.find(s.header, "freq");
        s.modeParser = t -> switch (t) {
            case "1" -> EchemRecord.Mode.GALVANOSTATIC;
            case "2" -> EchemRecord.Mode.POTENTIOSTATIC;
            case "3" -> EchemRecord.Mode.REST;
            default -> EchemRecord.Mode.UNKNOWN;
        };
        TableReader.Rows rows = TableReader.parse(s, p);
        EchemRecord r = TableReader.assemble(s, rows, p, "EC-Lab ASCII");
        return r;
    }

    static boolean hasDecimalComma(List<String> lines, int firstData) {
        for (int k = firstData; k < Math.min(lines.size(), firstData + 20); k++) {
            if (DECIMAL_COMMA.matcher(lines.get(k)).find()) {
                return true;
            }
        }
        return false;
    }

    private static String[] trimAll(String[] a) {
        String[] out = new String[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k].trim();
        }
        return out;
    }

    private static void requireColumns(TableReader.Spec s, String timeName, String voltageName) {
        if (s.time < 0 || s.voltage < 0) {
            throw new InvalidInputException(s.file + ": line " + (s.headerLine + 1) + ": no "
                    + (s.time < 0 ? "time column (expected e.g. '" + timeName + "')" : "voltage column (expected e.g. '"
                    + voltageName + "')") + " among " + Arrays.toString(s.header)
                    + "; a column mapping can name it, e.g. --column time=NAME");
        }
    }

    /** A table whose column header is line {@code hl} and whose data follow it; delimiter and decimal comma sniffed. */
    private static TableReader.Spec headedTable(String file, List<String> lines, int hl) {
        TableReader.Spec s = new TableReader.Spec();
        s.file = file;
        s.lines = lines;
        s.headerLine = hl;
        s.firstDataLine = hl + 1;
        s.delimiter = TableReader.delimiterOf(lines.get(hl));
        s.header = trimAll(TableReader.split(lines.get(hl), s.delimiter));
        s.decimalComma = s.delimiter != ',' && hasDecimalComma(lines, hl + 1);
        return s;
    }

    // ------------------------------------------------------------------------------------------ Neware
    public static EchemRecord readNeware(Path path) throws IOException {
        String file = path.toString();
        List<String> lines = lines(path);
        int hl = 0;
        while (hl < lines.size() && lines.get(hl).isBlank()) {
            hl++;
        }
        if (hl >= lines.size()) {
            throw new InvalidInputException(file + ": empty file (expected a Neware CSV export)");
        }
        TableReader.Spec s = headedTable(file, lines, hl);
        s.time = TableReader.find(s.header, "cumulative time", "total time", "test time", "time");
        s.voltage = TableReader.find(s.header, "voltage");
        requireColumns(s, "Cumulative Time", "Voltage(V)");
        s.timeFactor = TableReader.factorOf(s, s.time, Units.Kind.TIME, "s");
        s.voltageFactor = TableReader.factorOf(s, s.voltage, Units.Kind.VOLTAGE, "V");
        s.current = TableReader.find(s.header, "current");
        if (s.current >= 0) {
            s.currentFactor = TableReader.factorOf(s, s.current, Units.Kind.CURRENT, "A");
        }
        s.charge = TableReader.find(s.header, "capacity");
        if (s.charge >= 0) {
            s.chargeKind = TableReader.ChargeKind.STEP_CAPACITY;
            s.chargeFactor = TableReader.factorOf(s, s.charge, Units.Kind.CHARGE, "Ah");
        }
        s.cycle = TableReader.find(s.header, "cycle index", "cycle");
        s.step = TableReader.find(s.header, "step index", "step");
        s.mode = TableReader.find(s.header, "step type", "status");
        s.stamp = TableReader.find(s.header, "date", "realtime", "absolute time");
        s.modeParser = TextFormats::newareMode;
        s.modeSign = TextFormats::newareSign;
        Problems p = new Problems(file);
        TableReader.Rows rows = TableReader.parse(s, p);
        return TableReader.assemble(s, rows, p, "Neware CSV");
    }

    static EchemRecord.Mode newareMode(String t) {
        String u = t.toLowerCase(Locale.ROOT);
        if (u.contains("rest") || u.equals("r")) {
            return EchemRecord.Mode.REST;
        }
        if (u.startsWith("cccv") || u.startsWith("cpcv")) {
            return EchemRecord.Mode.UNKNOWN;
        }
        if (u.startsWith("cc")) {
            return EchemRecord.Mode.GALVANOSTATIC;
        }
        if (u.startsWith("cv")) {
            return EchemRecord.Mode.POTENTIOSTATIC;
        }
        return EchemRecord.Mode.UNKNOWN;
    }

    static int newareSign(String t) {
        String u = t.toLowerCase(Locale.ROOT);
        if (u.contains("dchg") || u.contains("discharge") || u.contains("dchg")) {
            return -1;
        }
        if (u.contains("chg") || u.contains("charge")) {
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ Maccor
    public static EchemRecord readMaccor(Path path) throws IOException {
        String file = path.toString();
        List<String> lines = lines(path);
        int hl = -1;
        for (int k = 0; k < Math.min(lines.size(), 100); k++) {
            String l = lines.get(k);
            if (l.startsWith("Rec\t") || l.startsWith("Rec,") || l.startsWith("Rec;")) {
                hl = k;
                break;
            }
        }
        if (hl < 0) {
            throw new InvalidInputException(file + ": no Maccor column header (a line starting with 'Rec') in the first"
                    + " 100 lines");
        }
        TableReader.Spec s = headedTable(file, lines, hl);
        s.time = TableReader.find(s.header, "testtime", "test time", "test time (sec)", "total time");
        s.voltage = TableReader.find(s.header, "voltage", "volts");
        requireColumns(s, "TestTime", "Voltage [V]");
        String timeUnit = Units.split(s.header[s.time])[1];
        s.timeFactor = timeUnit.isEmpty() ? 1 : TableReader.factorOf(s, s.time, Units.Kind.TIME, "s");
        s.voltageFactor = TableReader.factorOf(s, s.voltage, Units.Kind.VOLTAGE, "V");
        s.current = TableReader.find(s.header, "current", "amps");
        if (s.current >= 0) {
            s.currentFactor = TableReader.factorOf(s, s.current, Units.Kind.CURRENT, "A");
        }
        s.charge = TableReader.find(s.header, "cap.", "capacity", "amp-hr", "cap");
        if (s.charge >= 0) {
            s.chargeKind = TableReader.ChargeKind.STEP_CAPACITY;
            s.chargeFactor = TableReader.factorOf(s, s.charge, Units.Kind.CHARGE, "Ah");
        }
        s.cycle = TableReader.find(s.header, "cycle c", "cycle", "cyc#", "cycle p");
        s.step = TableReader.find(s.header, "step");
        s.mode = TableReader.find(s.header, "md", "state");
        s.stamp = TableReader.find(s.header, "dpt time", "dpttime");
        for (int k = 0; k < hl; k++) {
            String[] f = lines.get(k).split("\t");
            if (f.length >= 2 && (f[0].trim().equalsIgnoreCase("Started") || f[0].trim().startsWith("Date of Test"))) {
                s.start = TableReader.parseStamp(f[1]);
            }
        }
        s.modeParser = t -> t.equalsIgnoreCase("R") ? EchemRecord.Mode.REST : EchemRecord.Mode.UNKNOWN;
        s.modeSign = t -> t.equalsIgnoreCase("C") ? 1 : t.equalsIgnoreCase("D") ? -1 : 0;
        Problems p = new Problems(file);
        TableReader.Rows rows = TableReader.parse(s, p);
        if (timeUnit.isEmpty()) {
            double f = maccorTimeFactor(rows, p, s.header[s.time]);
            for (int k = 0; k < rows.n; k++) {
                rows.t[k] *= f;
            }
        }
        return TableReader.assemble(s, rows, p, "Maccor text");
    }

    /**
     * Maccor exports TestTime in s, min or h depending on the export template, without saying which: the
     * unit is taken from the DPT Time stamps (elapsed wall-clock time / elapsed TestTime).
     */
    static double maccorTimeFactor(TableReader.Rows rows, Problems p, String column) {
        if (rows.stamp == null || rows.n < 2) {
            p.add("time unit", "column '" + column + "' has no unit and there are no DPT Time stamps to check it:"
                    + " taken as s");
            return 1;
        }
        int a = -1;
        int b = -1;
        for (int k = 0; k < rows.n; k++) {
            if (rows.stamp[k] != null) {
                if (a < 0) {
                    a = k;
                }
                b = k;
            }
        }
        if (a < 0 || b <= a || rows.t[b] <= rows.t[a]) {
            p.add("time unit", "column '" + column + "' has no unit and the DPT Time stamps do not tell it: taken as s");
            return 1;
        }
        double wall = java.time.Duration.between(rows.stamp[a], rows.stamp[b]).toMillis() / 1000.0;
        double ratio = wall / (rows.t[b] - rows.t[a]);
        double[] cand = {1, 60, 3600};
        double best = 1;
        for (double c : cand) {
            if (Math.abs(Math.log(ratio / c)) < Math.abs(Math.log(ratio / best))) {
                best = c;
            }
        }
        if (Math.abs(ratio / best - 1) > 0.02) {
            p.add("time unit", "column '" + column + "': elapsed DPT Time / elapsed " + column + " = " + ratio
                    + ", not within 2 % of s, min or h; taken as " + (best == 1 ? "s" : best == 60 ? "min" : "h"));
        }
        return best;
    }

    // ----------------------------------------------------------------------------------------- generic
    /**
     * Generic delimited text: the header is the last line before the first numeric row (a leading '#' is
     * removed); delimiter tab, ';', ',' or white space; columns found by name unless mapped.
     */
    public static EchemRecord readDelimited(Path path, ColumnMapping mapping) throws IOException {
        String file = path.toString();
        List<String> lines = lines(path);
        int first = -1;
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k).trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] toks = l.split("[\\t;, ]+");
            if (toks.length == 0) {
                continue;
            }
            String tok = toks[0];
            if (!Double.isNaN(TableReader.parseNumber(tok, false)) || tok.matches("\\d+:\\d\\d(:\\d\\d)?(\\.\\d*)?")) {
                first = k;
                break;
            }
        }
        if (first <= 0) {
            throw new InvalidInputException(file + ": " + (first == 0 ? "line 1: data without a header line naming"
                    + " the columns" : "no numeric data row found") + " (expected a header such as 'time/s<TAB>Ewe/V<TAB>I/mA'"
                    + " followed by numbers)");
        }
        int hl = first - 1;
        while (hl > 0 && lines.get(hl).isBlank()) {
            hl--;
        }
        String headerLine = lines.get(hl).trim();
        if (headerLine.startsWith("#")) {
            headerLine = headerLine.substring(1).trim();
        }
        TableReader.Spec s = new TableReader.Spec();
        s.file = file;
        s.lines = lines;
        s.headerLine = hl;
        s.firstDataLine = first;
        char d = TableReader.delimiterOf(headerLine);
        char dd = TableReader.delimiterOf(lines.get(first));
        if (d == 0 || (dd == '\t' && d != '\t')) {
            d = dd;
        }
        s.delimiter = d;
        s.header = trimAll(TableReader.split(headerLine, d));
        s.decimalComma = d != ',' && hasDecimalComma(lines, first);
        Problems p = new Problems(file);
        Map<String, ColumnMapping.Target> map = mapping == null ? Map.of() : mapping.targets();
        s.time = column(s, map, "time", "time", "t", "test time", "testtime", "total time", "cumulative time", "elapsed time");
        s.voltage = column(s, map, "voltage", "voltage", "v", "ewe", "<ewe>", "ecell", "e", "potential", "u", "e_we");
        requireColumns(s, "time/s", "Ewe/V");
        s.timeFactor = factor(s, map, "time", s.time, Units.Kind.TIME, "s", p);
        s.voltageFactor = factor(s, map, "voltage", s.voltage, Units.Kind.VOLTAGE, "V", p);
        s.current = column(s, map, "current", "current", "i", "<i>", "i_we");
        if (s.current >= 0) {
            s.currentFactor = factor(s, map, "current", s.current, Units.Kind.CURRENT, "mA", p);
        }
        s.charge = column(s, map, "charge", "(q-qo)", "q-qo", "charge", "q", "cumulative charge");
        if (s.charge >= 0) {
            s.chargeFactor = factor(s, map, "charge", s.charge, Units.Kind.CHARGE, "mAh", p);
        }
        s.cycle = column(s, map, "cycle", "cycle number", "cycle index", "cycle");
        s.halfCycle = column(s, map, "halfcycle", "half cycle", "half-cycle");
        s.step = column(s, map, "step", "step", "ns", "step index");
        TableReader.Rows rows = TableReader.parse(s, p);
        return TableReader.assemble(s, rows, p, "delimited text");
    }

    private static int column(TableReader.Spec s, Map<String, ColumnMapping.Target> map, String role, String... names) {
        ColumnMapping.Target t = map.get(role);
        if (t == null) {
            return TableReader.find(s.header, names);
        }
        int idx = t.index(s.header);
        if (idx < 0) {
            throw new InvalidInputException(s.file + ": --column " + role + "=" + t.column() + ": no such column at line "
                    + (s.headerLine + 1) + " (columns: " + Arrays.toString(s.header) + ")");
        }
        return idx;
    }

    private static double factor(TableReader.Spec s, Map<String, ColumnMapping.Target> map, String role, int col,
                                 Units.Kind kind, String def, Problems p) {
        ColumnMapping.Target t = map.get(role);
        if (t != null && t.unit() != null) {
            double f = Units.factor(kind, t.unit());
            if (Double.isNaN(f)) {
                throw new InvalidInputException("--column " + role + "=" + t.column() + ":" + t.unit() + ": '" + t.unit()
                        + "' is not a " + kind.name().toLowerCase(Locale.ROOT) + " unit");
            }
            return f;
        }
        if (Units.split(s.header[col])[1].isEmpty()) {
            p.add("unit assumed", "line " + (s.headerLine + 1) + ", column '" + s.header[col] + "': no unit given;"
                    + " taken as " + def + " (say otherwise with --column " + role + "=NAME:UNIT)");
        }
        return TableReader.factorOf(s, col, kind, def);
    }

}
