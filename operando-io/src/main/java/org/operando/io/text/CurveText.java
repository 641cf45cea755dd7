package org.operando.io.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.CurveSet;
import org.operando.data.Unit;
import org.operando.io.AtomicOutput;
import org.operando.util.InvalidInputException;

/**
 * Plain-text curves: .xy, .dat, .chi (Fit2D), .csv, .iq/.sq/.fq/.gr (xPDFsuite/PDFgetX3), two or more numeric
 * columns separated by whitespace, commas, semicolons or tabs. Comment lines start with {@code #}, {@code !} or
 * {@code %}; non-numeric lines before the data (titles, "key = value" blocks, Fit2D's four-line .chi header) are
 * kept as header. Column names come from the last header line whose field count matches the data (or the .chi
 * axis titles); units are inferred from those names. Writing always starts with a {@code #} header naming every
 * column with its unit; .csv output is comma-separated.
 */
public final class CurveText {
    private static final Pattern SPLIT_DATA = Pattern.compile("[\\s,;]+");
    /** pyFAI's unit-suffixed axis names. */
    private static final Pattern PYFAI_NAME = Pattern.compile("(q|2th|chi|r|d\\*2|s)_([a-z0-9^*/-]+)");

    private CurveText() { }

    /** Reads every numeric column of {@code file}. */
    public static TextTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        try {
            return read(file, StandardCharsets.UTF_8);
        } catch (BadEncoding e) {
            return read(file, StandardCharsets.ISO_8859_1); // not UTF-8: read bytes as Latin-1
        }
    }

    /** Signals a file that is not valid UTF-8. */
    private static final class BadEncoding extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static TextTable read(Path file, java.nio.charset.Charset charset) {
        List<String> header = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, charset)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.indexOf('\0') >= 0) {
                    throw new InvalidInputException(file + ": is a binary file, expected columns of numbers as text");
                }
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                char c0 = t.charAt(0);
                boolean comment = c0 == '#' || c0 == '!' || c0 == '%';
                double[] v = comment ? null : parseRow(t);
                if (v == null || v.length < 2) {
                    if (cols < 0) {
                        header.add(line);
                        if (header.size() > 10_000) {
                            throw new InvalidInputException(file + ": no numeric data in the first 10000 lines"
                                    + " (expected columns of numbers)");
                        }
                        continue;
                    }
                    if (comment) {
                        continue; // comments between data rows are allowed
                    }
                    throw new InvalidInputException(file + ":" + lineNo + ": '" + shorten(t)
                            + "' is not a row of numbers (expected " + cols + " columns)");
                }
                if (cols < 0) {
                    cols = v.length;
                } else if (v.length != cols) {
                    throw new InvalidInputException(file + ":" + lineNo + ": has " + v.length + " columns, expected "
                            + cols + " like the rows before");
                }
                rows.add(v);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadEncoding();
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(file + ": contains no rows of at least two numbers");
        }
        double[][] columns = new double[cols][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            for (int c = 0; c < cols; c++) {
                columns[c][i] = row[c];
            }
        }
        List<String> names = columnNames(file, header, cols);
        List<Unit> units = new ArrayList<>();
        for (String n : names) {
            units.add(inferUnit(n));
        }
        return new TextTable(List.copyOf(names), List.copyOf(units), columns, List.copyOf(header));
    }

    /** A curve from columns 0 (axis), 1 (values) and, when present, 2 (σ). */
    public static Curve readCurve(Path file) {
        TextTable t = read(file);
        return curve(t, 0, 1, t.columnCount() > 2 ? 2 : -1, null);
    }

    /**
     * A curve from chosen columns (0-based; {@code sigmaCol} -1 for none); {@code axisUnit} overrides the inferred
     * unit when not null.
     */
    public static Curve readCurve(Path file, int xCol, int yCol, int sigmaCol, Unit axisUnit) {
        TextTable t = read(file);
        for (int c : new int[] {xCol, yCol, sigmaCol}) {
            if (c >= t.columnCount() || c < -1) {
                throw new InvalidInputException(file + ": has " + t.columnCount() + " columns, column " + (c + 1)
                        + " was asked for");
            }
        }
        return curve(t, xCol, yCol, sigmaCol, axisUnit);
    }

    private static Curve curve(TextTable t, int x, int y, int s, Unit axisUnit) {
        Unit xu = axisUnit != null ? axisUnit : t.units().get(x);
        Axis axis = new Axis(baseName(t.names().get(x)), xu, t.columns()[x]);
        return new Curve(axis, t.columns()[y].clone(), s >= 0 ? t.columns()[s].clone() : null,
                baseName(t.names().get(y)), t.units().get(y));
    }

    /** Writes a curve: header naming the columns with units, then x, y (and σ) per line; .csv is comma-separated. */
    public static void writeCurve(Path target, Curve c, String... comments) throws IOException {
        boolean csv = isCsv(target);
        List<String> names = new ArrayList<>();
        names.add(columnTitle(c.axis().name(), c.axis().unit()));
        names.add(columnTitle(c.quantity(), c.unit()));
        if (c.hasSigma()) {
            names.add(columnTitle("sigma_" + c.quantity(), c.unit()));
        }
        AtomicOutput.writeStream(target, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            header(w, comments, names, csv);
            double[] s = c.sigma();
            for (int i = 0; i < c.size(); i++) {
                w.write(num(c.x(i)));
                w.write(csv ? "," : " ");
                w.write(num(c.y(i)));
                if (s != null) {
                    w.write(csv ? "," : " ");
                    w.write(num(s[i]));
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    /**
     * Writes a curve set as a 2D table: one row per axis point, first column the axis, then one column per curve
     * (named by {@code labels}, or quantity_0, quantity_1, ...); σ columns are not written.
     */
    public static void writeCurveSet(Path target, CurveSet set, List<String> labels, String... comments)
            throws IOException {
        if (labels != null && labels.size() != set.count()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + set.count() + " curves");
        }
        boolean csv = isCsv(target);
        List<String> names = new ArrayList<>();
        names.add(columnTitle(set.axis().name(), set.axis().unit()));
        for (int i = 0; i < set.count(); i++) {
            String n = labels != null ? labels.get(i) : set.quantity() + "_" + i;
            names.add(columnTitle(n, set.unit()));
        }
        AtomicOutput.writeStream(target, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            header(w, comments, names, csv);
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < set.points(); k++) {
                row.setLength(0);
                row.append(num(set.axis().get(k)));
                for (int i = 0; i < set.count(); i++) {
                    row.append(csv ? ',' : ' ').append(num(set.get(i, k)));
                }
                w.write(row.append('\n').toString());
            }
            w.flush();
        });
    }

    /** A short description for {@code operando info}. */
    public static String describe(Path file) {
        TextTable t = read(file);
        StringBuilder s = new StringBuilder("Text table ").append(file).append(": ").append(t.rowCount())
                .append(" rows x ").append(t.columnCount()).append(" columns\n");
        for (int c = 0; c < t.columnCount(); c++) {
            double[] v = t.columns()[c];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            Unit u = t.units().get(c);
            s.append(String.format(Locale.ROOT, "  column %d: %s  [unit: %s]  range %.6g .. %.6g%n", c + 1,
                    t.names().get(c), u == Unit.ARBITRARY ? "unknown" : u.nexus(), lo, hi));
        }
        if (!t.headerLines().isEmpty()) {
            s.append("  header (").append(t.headerLines().size()).append(" lines):\n");
            for (String h : t.headerLines().subList(0, Math.min(8, t.headerLines().size()))) {
                s.append("    ").append(shorten(h)).append('\n');
            }
        }
        return s.toString();
    }

    /** "q (1/angstrom)", or the bare name when dimensionless. */
    static String columnTitle(String name, Unit u) {
        String n = name.replaceAll("[,\\s]+", "_");
        return u == Unit.DIMENSIONLESS || u == Unit.RELATIVE ? n : n + " (" + u.nexus() + ")";
    }

    private static void header(Writer w, String[] comments, List<String> names, boolean csv) throws IOException {
        w.write("# written by operando\n");
        for (String c : comments) {
            for (String line : c.split("\\R")) {
                w.write("# " + line + "\n");
            }
        }
        w.write(csv ? "# " + String.join(",", names) + "\n" : "# " + String.join("  ", names) + "\n");
    }

    private static boolean isCsv(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v); // shortest representation that reads back exactly
    }

    /** Parses a row of numbers; null when any field is not a number. */
    static double[] parseRow(String t) {
        String[] f = SPLIT_DATA.split(t.strip());
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            String s = f[i];
            if (s.isEmpty()) {
                return null;
            }
            char c = s.charAt(0);
            if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'n' || c == 'N' || c == 'i'
                    || c == 'I')) {
                return null;
            }
            try {
                v[i] = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                String l = s.toLowerCase(Locale.ROOT);
                if (l.equals("nan")) {
                    v[i] = Double.NaN;
                } else if (l.equals("inf") || l.equals("+inf")) {
                    v[i] = Double.POSITIVE_INFINITY;
                } else if (l.equals("-inf")) {
                    v[i] = Double.NEGATIVE_INFINITY;
                } else {
                    return null;
                }
            }
        }
        return v;
    }

    private static List<String> columnNames(Path file, List<String> header, int cols) {
        String fn = file.getFileName().toString().toLowerCase(Locale.ROOT);
        // Fit2D .chi: title, x-axis title, y-axis title, number of points
        if (fn.endsWith(".chi") && header.size() >= 4 && cols == 2
                && header.get(3).strip().matches("\\d+")) {
            return List.of(header.get(1).strip(), header.get(2).strip());
        }
        for (int i = header.size() - 1; i >= 0; i--) {
            String h = header.get(i).strip();
            h = h.replaceFirst("^[#!%]+\\s*", "");
            h = h.replaceFirst("^L\\s+", ""); // SPEC "#L" column-label lines
            if (h.isEmpty() || h.contains("=")) {
                continue;
            }
            List<String> parts = splitNames(h);
            if (parts.size() == cols) {
                return parts;
            }
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            out.add("col" + (c + 1));
        }
        return out;
    }

    private static List<String> splitNames(String h) {
        String[] p;
        if (h.contains("\t")) {
            p = h.split("\\s*\\t\\s*");
        } else if (h.contains(",")) {
            p = h.split("\\s*,\\s*");
        } else if (h.contains(";")) {
            p = h.split("\\s*;\\s*");
        } else if (h.matches(".*\\S\\s{2,}\\S.*")) {
            p = h.split("\\s{2,}");
        } else {
            p = h.split("\\s+");
        }
        List<String> out = new ArrayList<>();
        for (String s : p) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The name without its unit part: "q (1/angstrom)" → "q", "t [h]" → "t". */
    static String baseName(String name) {
        java.util.regex.Matcher pyfai = PYFAI_NAME.matcher(name.toLowerCase(Locale.ROOT));
        if (pyfai.matches()) {
            return name.substring(0, pyfai.end(1));
        }
        String n = name.replaceAll("\\s*[(\\[].*$", "").strip();
        return n.isEmpty() ? name : n;
    }

    /** Unit named in a column title, e.g. "(1/angstrom)", "(Inverse Nanometres)", "r($\AA$)", "[eV]", "2theta". */
    public static Unit inferUnit(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace(" ", "");
        java.util.regex.Matcher pyfai = PYFAI_NAME.matcher(n);
        if (pyfai.matches()) {
            // pyFAI's column names: q_nm^-1, q_A^-1, 2th_deg, chi_deg, r_mm
            n = pyfai.group(1) + "(" + pyfai.group(2) + ")";
            if (pyfai.group(1).equals("chi")) {
                return Unit.CHI_DEG;
            }
            if (pyfai.group(1).equals("r") && pyfai.group(2).equals("mm")) {
                return Unit.RADIUS_MM;
            }
        }
        String unitPart = n.replaceAll("^[^(\\[]*", "");
        String u = unitPart.isEmpty() ? "" : unitPart.replaceAll("[()\\[\\]$\\\\{}]", "");
        if (u.contains("inversenanomet") || u.equals("1/nm") || u.equals("nm^-1") || u.equals("nm-1") || u.equals("nm⁻¹")) {
            return Unit.Q_INV_NM;
        }
        if (u.contains("inverseangstr") || u.equals("1/angstrom") || u.equals("1/a") || u.equals("a^-1")
                || u.equals("a-1") || u.equals("å⁻¹") || u.equals("1/å") || u.equals("aa^-1") || u.equals("å^-1")) {
            return Unit.Q_INV_ANGSTROM;
        }
        if (u.equals("aa^-2") || u.equals("a^-2") || u.equals("1/angstrom^2") || u.equals("å⁻²")) {
            return Unit.INV_ANGSTROM_SQUARED;
        }
        if (u.equals("aa") || u.equals("angstrom") || u.equals("å")) {
            return Unit.ANGSTROM;
        }
        if (u.equals("ev")) {
            return Unit.ELECTRON_VOLT;
        }
        if (u.equals("kev")) {
            return Unit.KILO_ELECTRON_VOLT;
        }
        if (u.equals("deg") || u.equals("degrees") || u.equals("°") || n.startsWith("2th") || n.startsWith("2-theta")
                || n.startsWith("twotheta")) {
            return Unit.TWO_THETA_DEG;
        }
        if (u.equals("s") || u.equals("sec")) {
            return Unit.SECOND;
        }
        if (u.equals("h")) {
            return Unit.HOUR;
        }
        if (u.equals("v")) {
            return Unit.VOLT;
        }
        if (u.equals("ma")) {
            return Unit.MILLIAMPERE;
        }
        if (u.equals("mah") || u.equals("ma*h")) {
            return Unit.MILLIAMPERE_HOUR;
        }
        if (u.equals("um") || u.equals("µm")) {
            return Unit.MICROMETER;
        }
        if (u.equals("mm")) {
            return Unit.MILLIMETER;
        }
        if (u.equals("counts")) {
            return Unit.COUNTS;
        }
        if (u.equals("1") ) {
            return Unit.DIMENSIONLESS;
        }
        return Unit.ARBITRARY;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
