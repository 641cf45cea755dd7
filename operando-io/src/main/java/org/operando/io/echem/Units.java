package org.operando.io.echem;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Column names with units as potentiostat software writes them: "Ewe/V", "t [h]", "Current(A)", "Cap. [Ah]". */
final class Units {
    private Units() { }

    /** Quantity kinds that carry a unit. */
    enum Kind { TIME, VOLTAGE, CURRENT, CHARGE }

    private static final Pattern BRACKET = Pattern.compile("^(.*?)\\s*[\\[(]\\s*([^\\])]*)\\s*[\\])]\\s*$");
    private static final Pattern SLASH = Pattern.compile("^(.*?)/([^/]+)$");

    /** {name without unit (lower case, trimmed), unit text or ""}. */
    static String[] split(String column) {
        String c = column.trim();
        Matcher m = BRACKET.matcher(c);
        if (m.matches()) {
            return new String[] {m.group(1).trim().toLowerCase(Locale.ROOT), m.group(2).trim()};
        }
        m = SLASH.matcher(c);
        if (m.matches() && !m.group(1).isEmpty()) {
            return new String[] {m.group(1).trim().toLowerCase(Locale.ROOT), m.group(2).trim()};
        }
        return new String[] {c.toLowerCase(Locale.ROOT), ""};
    }

    /**
     * Factor that converts a value in {@code unit} to the model unit of {@code kind} (s, V, mA, mAh), or NaN
     * when the unit is not one of that kind.
     */
    static double factor(Kind kind, String unit) {
        String u = unit.trim().replace("·", ".").replace("µ", "u").replace("μ", "u");
        switch (kind) {
            case TIME:
                switch (u.toLowerCase(Locale.ROOT)) {
                    case "s": case "sec": case "secs": case "second": case "seconds": return 1;
                    case "ms": return 1e-3;
                    case "min": case "mins": case "minute": case "minutes": return 60;
                    case "h": case "hr": case "hrs": case "hour": case "hours": return 3600;
                    case "d": case "day": case "days": return 86400;
                    default: return Double.NaN;
                }
            case VOLTAGE:
                switch (u) {
                    case "V": case "v": return 1;
                    case "mV": return 1e-3;
                    default: return Double.NaN;
                }
            case CURRENT:
                switch (u) {
                    case "A": return 1000;
                    case "mA": return 1;
                    case "uA": return 1e-3;
                    case "nA": return 1e-6;
                    default: return Double.NaN;
                }
            case CHARGE:
                switch (u.replace(".", "").replace(" ", "")) {
                    case "Ah": return 1000;
                    case "mAh": return 1;
                    case "uAh": return 1e-3;
                    case "C": return 1000 / 3600.0;
                    case "mC": return 1 / 3600.0;
                    default: return Double.NaN;
                }
            default:
                return Double.NaN;
        }
    }

    /** Model unit symbol of a kind. */
    static String modelUnit(Kind kind) {
        switch (kind) {
            case TIME: return "s";
            case VOLTAGE: return "V";
            case CURRENT: return "mA";
            default: return "mAh";
        }
    }
}
