package org.operando.geometry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.operando.data.Mask;
import org.operando.util.InvalidInputException;

/**
 * A flat pixel detector: pixel size along the slow axis ({@code pixel1}, rows, pyFAI's dim1 / y) and along the
 * fast axis ({@code pixel2}, columns, dim2 / x), its shape, and its module layout so that the gaps between
 * modules (and the dead columns between the two sensors of a CdTe module) can be masked.
 *
 * <p>The named detectors follow pyFAI 0.21 ({@code pyFAI/detectors/_dectris.py}) exactly, so that a PONI file
 * written by pyFAI names the same detector here and the gap masks are identical: Pilatus modules are 195 × 487
 * pixels of 172 µm with gaps of 17 rows and 7 columns; Eiger modules 514 × 1030 pixels of 75 µm with gaps of 37
 * rows and 10 columns; Eiger2 modules 512 × 1028 with gaps of 38 and 12. Pilatus CdTe modules also lose the 3
 * columns around their middle (columns 242–244 of each module), Eiger2 CdTe modules the 2 columns 513–514.
 */
public final class Detector {
    private final String name;
    private final double pixel1;
    private final double pixel2;
    private final int rows;
    private final int cols;
    private final int moduleRows;
    private final int moduleCols;
    private final int gapRows;
    private final int gapCols;
    /** Columns masked around the middle of each module: [offset from module middle, count]; count 0 for none. */
    private final int midGapFrom;
    private final int midGapCount;

    private Detector(String name, double pixel1, double pixel2, int rows, int cols, int moduleRows, int moduleCols,
                     int gapRows, int gapCols, int midGapFrom, int midGapCount) {
        InvalidInputException.require(pixel1 > 0 && pixel2 > 0 && Double.isFinite(pixel1) && Double.isFinite(pixel2),
                "detector " + name + ": pixel size must be positive, got " + pixel1 + " x " + pixel2 + " m");
        InvalidInputException.require(rows > 0 && cols > 0,
                "detector " + name + ": shape must be positive, got " + rows + " x " + cols);
        this.name = name;
        this.pixel1 = pixel1;
        this.pixel2 = pixel2;
        this.rows = rows;
        this.cols = cols;
        this.moduleRows = moduleRows;
        this.moduleCols = moduleCols;
        this.gapRows = gapRows;
        this.gapCols = gapCols;
        this.midGapFrom = midGapFrom;
        this.midGapCount = midGapCount;
    }

    private static final Map<String, Detector> NAMED = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    private static void pilatus(String name, int rows, int cols, boolean cdte, String... aliases) {
        add(new Detector(name, 172e-6, 172e-6, rows, cols, 195, 487, 17, 7, cdte ? -1 : 0, cdte ? 3 : 0), aliases);
    }

    private static void eiger(String name, int rows, int cols, String... aliases) {
        add(new Detector(name, 75e-6, 75e-6, rows, cols, 514, 1030, 37, 10, 0, 0), aliases);
    }

    private static void eiger2(String name, int rows, int cols, boolean cdte, String... aliases) {
        add(new Detector(name, 75e-6, 75e-6, rows, cols, 512, 1028, 38, 12, cdte ? -1 : 0, cdte ? 2 : 0), aliases);
    }

    private static void add(Detector d, String... aliases) {
        NAMED.put(d.name, d);
        ALIASES.put(key(d.name), d.name);
        for (String a : aliases) {
            ALIASES.put(key(a), d.name);
        }
    }

    static {
        pilatus("Pilatus100k", 195, 487, false, "Pilatus 100k");
        pilatus("Pilatus200k", 407, 487, false, "Pilatus 200k");
        pilatus("Pilatus300k", 619, 487, false, "Pilatus 300k");
        pilatus("Pilatus300kw", 195, 1475, false, "Pilatus 300kw", "Pilatus 300K-W", "Pilatus300K-W");
        pilatus("Pilatus1M", 1043, 981, false, "Pilatus 1M");
        pilatus("Pilatus2M", 1679, 1475, false, "Pilatus 2M");
        pilatus("Pilatus6M", 2527, 2463, false, "Pilatus 6M");
        pilatus("PilatusCdTe300k", 619, 487, true, "Pilatus CdTe 300k", "Pilatus 300k CdTe");
        pilatus("PilatusCdTe300kw", 195, 1475, true, "Pilatus CdTe 300kw", "Pilatus 300kw CdTe");
        pilatus("PilatusCdTe1M", 1043, 981, true, "Pilatus CdTe 1M", "Pilatus 1M CdTe");
        pilatus("PilatusCdTe2M", 1679, 1475, true, "Pilatus CdTe 2M", "Pilatus 2M CdTe", "Pilatus2MCdTe");
        eiger("Eiger500k", 514, 1030, "Eiger 500k");
        eiger("Eiger1M", 1065, 1030, "Eiger 1M");
        eiger("Eiger4M", 2167, 2070, "Eiger 4M");
        eiger("Eiger9M", 3269, 3110, "Eiger 9M");
        eiger("Eiger16M", 4371, 4150, "Eiger 16M");
        eiger2("Eiger2_1M", 1062, 1028, false, "Eiger2 1M");
        eiger2("Eiger2_4M", 2162, 2068, false, "Eiger2 4M");
        eiger2("Eiger2_9M", 3262, 3108, false, "Eiger2 9M");
        eiger2("Eiger2_16M", 4362, 4148, false, "Eiger2 16M");
        eiger2("Eiger2CdTe_1M", 1062, 1028, true, "Eiger2 CdTe 1M");
        eiger2("Eiger2CdTe_4M", 2162, 2068, true, "Eiger2 CdTe 4M");
        eiger2("Eiger2CdTe_9M", 3262, 3108, true, "Eiger2 CdTe 9M");
        eiger2("Eiger2CdTe_16M", 4362, 4148, true, "Eiger2 CdTe 16M");
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * The detector called {@code name} (pyFAI class name or alias, case, blanks, '-' and '_' ignored: "Pilatus CdTe
     * 2M", "PilatusCdTe2M", "pilatus_cdte_2m" all work).
     *
     * @throws InvalidInputException naming the known detectors when there is none of that name
     */
    public static Detector named(String name) {
        String canonical = name == null ? null : ALIASES.get(key(name));
        if (canonical == null) {
            throw new InvalidInputException("unknown detector '" + name + "'; expected one of " + String.join(", ", names()));
        }
        return NAMED.get(canonical);
    }

    /** True when {@link #named(String)} knows {@code name}. */
    public static boolean isKnown(String name) {
        return name != null && ALIASES.containsKey(key(name));
    }

    /** Canonical (pyFAI class) names of the named detectors. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(NAMED.keySet()));
    }

    /** A detector without modules (no gaps): pyFAI's generic {@code Detector}. */
    public static Detector generic(double pixel1, double pixel2, int rows, int cols) {
        return new Detector("Detector", pixel1, pixel2, rows, cols, 0, 0, 0, 0, 0, 0);
    }

    /** pyFAI class name, e.g. {@code PilatusCdTe2M}; {@code Detector} for a generic one. */
    public String name() {
        return name;
    }

    public boolean isGeneric() {
        return moduleRows == 0;
    }

    /** Pixel size along the slow axis (rows, pyFAI pixel1), in m. */
    public double pixel1() {
        return pixel1;
    }

    /** Pixel size along the fast axis (columns, pyFAI pixel2), in m. */
    public double pixel2() {
        return pixel2;
    }

    /** Number of rows (slow axis). */
    public int rows() {
        return rows;
    }

    /** Number of columns (fast axis). */
    public int cols() {
        return cols;
    }

    public int size() {
        return rows * cols;
    }

    /**
     * The pixels that do not exist or never measure: gaps between modules and, for CdTe sensors, the columns
     * between the two sensors of a module. All false for a generic detector.
     */
    public Mask gapMask() {
        boolean[] m = new boolean[rows * cols];
        if (moduleRows > 0) {
            for (int r = moduleRows; r < rows; r += moduleRows + gapRows) {
                for (int k = r; k < Math.min(rows, r + gapRows); k++) {
                    java.util.Arrays.fill(m, k * cols, (k + 1) * cols, true);
                }
            }
            List<int[]> colRanges = new ArrayList<>();
            for (int c = moduleCols; c < cols; c += moduleCols + gapCols) {
                colRanges.add(new int[] {c, Math.min(cols, c + gapCols)});
            }
            if (midGapCount > 0) {
                for (int c = moduleCols / 2; c < cols; c += moduleCols + gapCols) {
                    colRanges.add(new int[] {Math.max(0, c + midGapFrom), Math.min(cols, c + midGapFrom + midGapCount)});
                }
            }
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                for (int[] cr : colRanges) {
                    for (int c = cr[0]; c < cr[1]; c++) {
                        m[base + c] = true;
                    }
                }
            }
        }
        return new Mask(cols, rows, m);
    }

    /** Throws naming {@code what} when a {@code width × height} image does not fit this detector. */
    public void requireShape(int width, int height, String what) {
        if (width != cols || height != rows) {
            throw new InvalidInputException(what + " has " + height + " × " + width + " pixels but detector " + name
                    + " has " + rows + " × " + cols);
        }
    }

    /** This detector with another shape (same pixels), e.g. a binned or cropped generic detector. */
    public Detector withShape(int newRows, int newCols) {
        return new Detector(name, pixel1, pixel2, newRows, newCols, moduleRows, moduleCols, gapRows, gapCols,
                midGapFrom, midGapCount);
    }

    @Override
    public String toString() {
        return name + " " + rows + "×" + cols + " pixels of " + pixel1 * 1e6 + "×" + pixel2 * 1e6 + " µm";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detector d && d.name.equals(name) && d.pixel1 == pixel1 && d.pixel2 == pixel2
                && d.rows == rows && d.cols == cols && d.moduleRows == moduleRows && d.midGapCount == midGapCount;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, pixel1, pixel2, rows, cols);
    }
}
