package org.operando.io.text;

import java.util.List;
import org.operando.data.Unit;

/**
 * Numeric columns read from a text file, with column names and units (inferred from the header when it names
 * them, e.g. "Q (Inverse Nanometres)", "r($\AA$)", "t [h]"; {@link Unit#ARBITRARY} when unknown).
 *
 * @param names       one name per column ("col1", ... when the file names none)
 * @param units       one unit per column
 * @param columns     columns[c][row]
 * @param headerLines the comment/header lines before the data, as written
 */
public record TextTable(List<String> names, List<Unit> units, double[][] columns, List<String> headerLines) {
    public int columnCount() {
        return columns.length;
    }

    public int rowCount() {
        return columns.length == 0 ? 0 : columns[0].length;
    }
}
