package org.operando.io.echem;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.operando.util.InvalidInputException;

/**
 * Which column of a generic CSV/TSV is which quantity, with an optional unit: entries {@code role=COLUMN} or
 * {@code role=COLUMN:UNIT}, where role is time, voltage, current, charge, cycle, halfcycle or step, COLUMN is
 * the header text or a 1-based column number ({@code #3}), and UNIT one of s/min/h, V/mV, A/mA/uA,
 * Ah/mAh/C. Example: {@code time=t [h]:h}, {@code current=#3:A}.
 */
public final class ColumnMapping {
    public static final Set<String> ROLES = Set.of("time", "voltage", "current", "charge", "cycle", "halfcycle", "step");

    /** A mapped column and its unit (null = from the header). */
    public record Target(String column, String unit) {
        int index(String[] header) {
            if (column.startsWith("#")) {
                try {
                    int k = Integer.parseInt(column.substring(1)) - 1;
                    return k >= 0 && k < header.length ? k : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            for (int k = 0; k < header.length; k++) {
                if (header[k].trim().equals(column.trim())) {
                    return k;
                }
            }
            for (int k = 0; k < header.length; k++) {
                if (header[k].trim().equalsIgnoreCase(column.trim())) {
                    return k;
                }
            }
            return -1;
        }
    }

    private final Map<String, Target> targets;

    private ColumnMapping(Map<String, Target> targets) {
        this.targets = targets;
    }

    public Map<String, Target> targets() {
        return targets;
    }

    public static ColumnMapping of(Map<String, String> entries) {
        Map<String, Target> t = new LinkedHashMap<>();
        if (entries != null) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String role = e.getKey().trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
                if (!ROLES.contains(role)) {
                    throw new InvalidInputException("--column " + e.getKey() + ": unknown quantity (expected one of "
                            + ROLES + ")");
                }
                String v = e.getValue();
                String unit = null;
                int colon = v.lastIndexOf(':');
                if (colon > 0) {
                    String u = v.substring(colon + 1).trim();
                    boolean isUnit = false;
                    for (Units.Kind k : Units.Kind.values()) {
                        if (!Double.isNaN(Units.factor(k, u))) {
                            isUnit = true;
                        }
                    }
                    if (isUnit) {
                        unit = u;
                        v = v.substring(0, colon);
                    }
                }
                if (v.isBlank()) {
                    throw new InvalidInputException("--column " + e.getKey() + ": empty column name");
                }
                t.put(role, new Target(v, unit));
            }
        }
        return new ColumnMapping(t);
    }
}
