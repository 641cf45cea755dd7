package org.operando.sim.swaxs;

import java.util.List;
import java.util.Locale;
import org.operando.util.InvalidInputException;

/**
 * One detector of the set-up, before geometry: which model, where, and how it is binned/cropped.
 *
 * @param model       detector model: {@code eiger9m} (SAXS), {@code pilatus300kw} (WAXS, mounted as a vertical
 *                    strip below the beam), or {@code pilatus2m}
 * @param role        "saxs" or "waxs" (name of the NeXus detector group and the file prefix)
 * @param distance    sample–detector distance (m), detector perpendicular to the beam (rot1 = rot2 = rot3 = 0)
 * @param beamRow     row (slow axis, full-size unbinned pixels) where the direct beam hits; may lie off the chip
 * @param beamCol     column (fast axis) where the direct beam hits
 * @param bin         software binning factor (sum of bin × bin pixels), 1 = none
 * @param cropRow0    first full-size row kept
 * @param cropCol0    first full-size column kept
 * @param cropRows    full-size rows kept (multiple of bin)
 * @param cropCols    full-size columns kept (multiple of bin)
 * @param beamstop    beamstop radius (m) at the detector, 0 for none; its arm runs to the low-column edge
 */
public record DetectorSpec(String model, String role, double distance, double beamRow, double beamCol, int bin,
                           int cropRow0, int cropCol0, int cropRows, int cropCols, double beamstop) {

    public static final List<String> MODELS = List.of("eiger9m", "pilatus300kw", "pilatus2m");

    /** Full-size rows and columns of a model as mounted (the WAXS strip stands vertically: 1475 rows × 195). */
    public static int[] fullShape(String model) {
        return switch (model) {
            case "eiger9m" -> new int[] {3269, 3110};
            case "pilatus300kw" -> new int[] {1475, 195};
            case "pilatus2m" -> new int[] {1679, 1475};
            default -> throw new InvalidInputException("unknown detector '" + model + "': expected one of " + MODELS);
        };
    }

    /** Pixel size (m) of a model. */
    public static double pixelSize(String model) {
        return model.equals("eiger9m") ? 75e-6 : 172e-6;
    }

    /** Human name of the model, as written in NeXus {@code description}. */
    public static String description(String model) {
        return switch (model) {
            case "eiger9m" -> "Dectris EIGER 9M (simulated)";
            case "pilatus300kw" -> "Dectris PILATUS 300K-W, vertical strip (simulated)";
            case "pilatus2m" -> "Dectris PILATUS 2M (simulated)";
            default -> model;
        };
    }

    public DetectorSpec {
        model = model == null ? "" : model.toLowerCase(Locale.ROOT);
        String opt = "--" + role + "-detector";
        InvalidInputException.require(MODELS.contains(model),
                opt + ": unknown detector '" + model + "', expected one of " + MODELS);
        int[] full = fullShape(model);
        InvalidInputException.require(distance > 0 && distance < 20 && Double.isFinite(distance),
                "--" + role + "-distance must be in (0, 20) m, got " + distance);
        InvalidInputException.require(bin >= 1 && bin <= 64, "--" + role + "-bin must be 1..64, got " + bin);
        InvalidInputException.require(cropRows > 0 && cropCols > 0 && cropRow0 >= 0 && cropCol0 >= 0
                        && cropRow0 + cropRows <= full[0] && cropCol0 + cropCols <= full[1],
                role + " crop " + cropRows + "x" + cropCols + " at (" + cropRow0 + "," + cropCol0
                        + ") does not fit the " + model + " (" + full[0] + "x" + full[1] + " pixels)");
        InvalidInputException.require(cropRows % bin == 0 && cropCols % bin == 0,
                role + " crop " + cropRows + "x" + cropCols + " must be a multiple of the binning " + bin);
        InvalidInputException.require(beamstop >= 0 && Double.isFinite(beamstop),
                role + " beamstop radius must be >= 0, got " + beamstop);
    }

    /** Rows of the written (binned, cropped) frames. */
    public int rows() {
        return cropRows / bin;
    }

    /** Columns of the written frames. */
    public int cols() {
        return cropCols / bin;
    }

    /** Full-size, unbinned detector of this model at the given distance, beam at (beamRow, beamCol). */
    public static DetectorSpec full(String model, String role, double distance, double beamRow, double beamCol,
                                    double beamstop) {
        int[] s = fullShape(model);
        return new DetectorSpec(model, role, distance, beamRow, beamCol, 1, 0, 0, s[0], s[1], beamstop);
    }

    /** The same detector binned by {@code b} over a crop window (full-size pixel units). */
    public DetectorSpec binnedCrop(int b, int row0, int col0, int nRows, int nCols) {
        return new DetectorSpec(model, role, distance, beamRow, beamCol, b, row0, col0, nRows, nCols, beamstop);
    }
}
