package org.operando.sim.swaxs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.operando.util.InvalidInputException;

/**
 * Everything that defines one simulated operando scanning-SWAXS experiment. Lengths in mm unless named
 * otherwise, times in s. {@link #small(long)} is the demo set-up, {@link #paper(long)} the full-size one.
 *
 * @param size           "small", "paper" or "custom" (for the record)
 * @param nx             raster points per line (horizontal, x)
 * @param ny             raster lines (vertical, y); line 0 is the top line
 * @param stepX          horizontal step (mm)
 * @param stepY          vertical step (mm)
 * @param xCentre        x of the raster centre (mm; the capillary axis is x = 0)
 * @param yTop           y of the top raster line (mm; the pin tip is y = 0, the electrode above it)
 * @param beamWidth      horizontal beam size (mm, top-hat)
 * @param beamHeight     vertical beam size (mm, top-hat)
 * @param exposure       exposure time per point (s)
 * @param pointOverhead  dead time between points (s)
 * @param lineOverhead   extra dead time at the end of each line (s)
 * @param flux           incident photons per second
 * @param energyKeV      photon energy (keV)
 * @param cell           the capillary cell
 * @param currentMa      sodiation current magnitude (mA)
 * @param restBefore     open-circuit rest recorded before the current starts (s)
 * @param pristineStart  start of the pristine scan (s since current on; negative)
 * @param firstOperando  start of op 1 (s since current on)
 * @param scanInterval   time between operando scan starts (s)
 * @param operandoScans  number of operando scans (op 1 … op N)
 * @param currentOff     current switched off (s since current on)
 * @param postStart      start of the post scan (s since current on)
 * @param platingOnset   plating onset (s since current on)
 * @param ecInterval     potentiostat recording interval (s)
 * @param seed           random seed of the noise (Poisson counts, diode and potentiostat read-out)
 * @param sampleSeed     random seed of the sample (its inhomogeneity fields and plating nucleation sites): the
 *                       ground truth depends on it, not on {@code seed}
 * @param start          absolute time of the potentiostat's acquisition start (UTC)
 * @param saxs           SAXS detector
 * @param waxs           WAXS detector
 */
public record SwaxsConfig(String size, int nx, int ny, double stepX, double stepY, double xCentre, double yTop,
                          double beamWidth, double beamHeight, double exposure, double pointOverhead,
                          double lineOverhead, double flux, double energyKeV, CellGeometry cell, double currentMa,
                          double restBefore, double pristineStart, double firstOperando, double scanInterval,
                          int operandoScans, double currentOff, double postStart, double platingOnset,
                          double ecInterval, long seed, long sampleSeed, Instant start, DetectorSpec saxs,
                          DetectorSpec waxs) {

    public static final List<String> SIZES = List.of("small", "paper");

    /** The study's timeline: OCV rest, pristine scan, op 1 … op 7 every 10 min, current off, post scan. */
    private static SwaxsConfig timeline(String size, int nx, int ny, double stepX, double stepY, double yTop,
                                        double beamW, double beamH, long seed, DetectorSpec saxs, DetectorSpec waxs) {
        return new SwaxsConfig(size, nx, ny, stepX, stepY, 0.0, yTop, beamW, beamH, 0.1, 0.02, 0.5, 5e10, 13.2,
                CellGeometry.study(), 0.014, 1200, -900, 900, 600, 7, 85 * 60, 90 * 60, 52 * 60, 10, seed, 1,
                Instant.parse("2024-03-14T08:40:00Z"), saxs, waxs);
    }

    private static final double SAXS_BEAM_ROW = 1700.5;
    private static final double SAXS_BEAM_COL = 1420.5;

    /** WAXS strip: beam 40 mm above its first row, centred on its width. */
    private static DetectorSpec waxsFull() {
        return DetectorSpec.full("pilatus300kw", "waxs", 0.60, -0.040 / 172e-6, 97.5, 0);
    }

    /**
     * Demo size: 40 × 20 points at 50 × 30 µm steps (beam 50 × 30 µm) over capillary, pin and electrode; SAXS
     * Eiger 9M cropped to a 1664 × 1664 window around the beam and binned 8 × 8 (208 × 208 pixels of 0.6 mm);
     * WAXS strip binned 5 × 5 (295 × 39 pixels).
     */
    public static SwaxsConfig small(long seed) {
        DetectorSpec saxs = DetectorSpec.full("eiger9m", "saxs", 2.0, SAXS_BEAM_ROW, SAXS_BEAM_COL, 1.0e-3)
                .binnedCrop(8, (int) SAXS_BEAM_ROW - 96, (int) SAXS_BEAM_COL - 96, 1664, 1664);
        DetectorSpec waxs = waxsFull().binnedCrop(5, 0, 0, 1475, 195);
        return timeline("small", 40, 20, 0.050, 0.030, 0.435, 0.050, 0.030, seed, saxs, waxs);
    }

    /**
     * Paper size: the study's raster (25 µm horizontal × 15 µm vertical steps, 25 × 15 µm² beam) over the whole
     * bore x ∈ [−0.75, 0.75] mm and y ∈ [−0.03, 0.42] mm (61 × 31 = 1891 points: the electrode, which swells to
     * 0.375 mm, 3 lines of pin and electrolyte above it) with full-size unbinned detectors.
     */
    public static SwaxsConfig paper(long seed) {
        DetectorSpec saxs = DetectorSpec.full("eiger9m", "saxs", 2.0, SAXS_BEAM_ROW, SAXS_BEAM_COL, 1.0e-3);
        return timeline("paper", 61, 31, 0.025, 0.015, 0.42, 0.025, 0.015, seed, saxs, waxsFull());
    }

    /** Named size. */
    public static SwaxsConfig ofSize(String size, long seed) {
        return switch (size == null ? "" : size.toLowerCase(Locale.ROOT)) {
            case "small" -> small(seed);
            case "paper" -> paper(seed);
            default -> throw new InvalidInputException("--size: unknown size '" + size + "', expected one of " + SIZES);
        };
    }

    /** Refuses impossible parameters, naming the option. */
    public SwaxsConfig {
        InvalidInputException.require(nx > 0 && ny > 0, "--points must be positive, got " + nx + " x " + ny);
        InvalidInputException.require((long) nx * ny <= 1_000_000, "--points " + nx + " x " + ny
                + " is more than 10^6 raster points");
        InvalidInputException.require(stepX > 0 && stepY > 0 && Double.isFinite(stepX) && Double.isFinite(stepY),
                "--step must be positive, got " + stepX * 1e3 + " x " + stepY * 1e3 + " µm");
        InvalidInputException.require(beamWidth > 0 && beamHeight > 0,
                "--beam must be positive, got " + beamWidth * 1e3 + " x " + beamHeight * 1e3 + " µm");
        InvalidInputException.require(exposure > 0 && Double.isFinite(exposure),
                "--exposure must be positive, got " + exposure + " s");
        InvalidInputException.require(pointOverhead >= 0 && lineOverhead >= 0, "dead times must be >= 0");
        InvalidInputException.require(flux > 0 && Double.isFinite(flux), "--flux must be positive, got " + flux);
        InvalidInputException.require(energyKeV >= 8.5 && energyKeV <= 20,
                "--energy must be in 8.5-20 keV (attenuation model range), got " + energyKeV);
        InvalidInputException.require(currentMa > 0 && currentMa < 10,
                "--current must be in (0, 10) mA, got " + currentMa);
        InvalidInputException.require(operandoScans >= 1 && operandoScans <= 99,
                "--operando-scans must be 1..99, got " + operandoScans);
        InvalidInputException.require(scanInterval > 0, "--scan-interval must be positive, got " + scanInterval);
        InvalidInputException.require(ecInterval > 0, "potentiostat interval must be positive");
        InvalidInputException.require(cell != null && saxs != null && waxs != null && start != null,
                "incomplete configuration");
        double duration = scanDuration(nx, ny, exposure, pointOverhead, lineOverhead);
        InvalidInputException.require(-restBefore <= pristineStart && pristineStart + duration <= 0,
                "the pristine scan (" + Math.round(duration) + " s) must fit into the rest before the current starts");
        InvalidInputException.require(duration <= scanInterval,
                "a scan takes " + Math.round(duration) + " s, longer than --scan-interval " + scanInterval + " s");
        InvalidInputException.require(firstOperando >= 0
                        && firstOperando + (operandoScans - 1) * scanInterval + duration <= currentOff,
                "the operando scans must end before the current is switched off at " + currentOff + " s");
        InvalidInputException.require(postStart >= currentOff, "the post scan must start after the current stops");
    }

    static double scanDuration(int nx, int ny, double exposure, double pointOverhead, double lineOverhead) {
        return (double) nx * ny * (exposure + pointOverhead) + ny * lineOverhead;
    }

    /** Duration of one raster scan (s). */
    public double scanDuration() {
        return scanDuration(nx, ny, exposure, pointOverhead, lineOverhead);
    }

    public int points() {
        return nx * ny;
    }

    /** x (mm) of raster column {@code col}. */
    public double x(int col) {
        return xCentre + (col - (nx - 1) / 2.0) * stepX;
    }

    /** y (mm) of raster line {@code row} (line 0 on top). */
    public double y(int row) {
        return yTop - row * stepY;
    }

    /** Time of point {@code p} (row-major from the top-left) relative to its scan start: start of exposure. */
    public double pointTime(int p) {
        int row = p / nx;
        return p * (exposure + pointOverhead) + row * lineOverhead;
    }

    /** One scan of the experiment. */
    public record Scan(int index, String name, double start) { }

    /** pristine, op1 … opN, post with their start times (s since current on). */
    public List<Scan> scans() {
        List<Scan> s = new ArrayList<>();
        s.add(new Scan(0, "pristine", pristineStart));
        for (int k = 1; k <= operandoScans; k++) {
            s.add(new Scan(k, "op" + k, firstOperando + (k - 1) * scanInterval));
        }
        s.add(new Scan(operandoScans + 1, "post", postStart));
        return s;
    }

    /** End of the potentiostat record (s since current on): the end of the post scan plus one minute. */
    public double ecEnd() {
        return postStart + scanDuration() + 60;
    }

    /** Absolute time of t seconds since the current went on. */
    public Instant instant(double t) {
        long nanos = Math.round((t + restBefore) * 1e9);
        return start.plusNanos(nanos);
    }

    public SwaxsConfig withSeed(long newSeed) {
        return new SwaxsConfig(size, nx, ny, stepX, stepY, xCentre, yTop, beamWidth, beamHeight, exposure,
                pointOverhead, lineOverhead, flux, energyKeV, cell, currentMa, restBefore, pristineStart,
                firstOperando, scanInterval, operandoScans, currentOff, postStart, platingOnset, ecInterval,
                newSeed, sampleSeed, start, saxs, waxs);
    }

    /** Another sample (seed of its random fields). */
    public SwaxsConfig withSampleSeed(long newSampleSeed) {
        return new SwaxsConfig(size, nx, ny, stepX, stepY, xCentre, yTop, beamWidth, beamHeight, exposure,
                pointOverhead, lineOverhead, flux, energyKeV, cell, currentMa, restBefore, pristineStart,
                firstOperando, scanInterval, operandoScans, currentOff, postStart, platingOnset, ecInterval, seed,
                newSampleSeed, start, saxs, waxs);
    }

    /** Another raster (points, steps in mm, top line y, beam size in mm); the size becomes "custom". */
    public SwaxsConfig withRaster(int newNx, int newNy, double newStepX, double newStepY, double newYTop,
                                  double newBeamWidth, double newBeamHeight) {
        return new SwaxsConfig("custom", newNx, newNy, newStepX, newStepY, xCentre, newYTop, newBeamWidth,
                newBeamHeight, exposure, pointOverhead, lineOverhead, flux, energyKeV, cell, currentMa, restBefore,
                pristineStart, firstOperando, scanInterval, operandoScans, currentOff, postStart, platingOnset,
                ecInterval, seed, sampleSeed, start, saxs, waxs);
    }

    /** Another exposure time (s) and flux (photons/s). */
    public SwaxsConfig withExposure(double newExposure, double newFlux) {
        return new SwaxsConfig(size, nx, ny, stepX, stepY, xCentre, yTop, beamWidth, beamHeight, newExposure,
                pointOverhead, lineOverhead, newFlux, energyKeV, cell, currentMa, restBefore, pristineStart,
                firstOperando, scanInterval, operandoScans, currentOff, postStart, platingOnset, ecInterval, seed,
                sampleSeed, start, saxs, waxs);
    }

    /** Another cell. */
    public SwaxsConfig withCell(CellGeometry newCell) {
        return new SwaxsConfig(size, nx, ny, stepX, stepY, xCentre, yTop, beamWidth, beamHeight, exposure,
                pointOverhead, lineOverhead, flux, energyKeV, newCell, currentMa, restBefore, pristineStart,
                firstOperando, scanInterval, operandoScans, currentOff, postStart, platingOnset, ecInterval, seed,
                sampleSeed, start, saxs, waxs);
    }

    /** Other detectors. */
    public SwaxsConfig withDetectors(DetectorSpec newSaxs, DetectorSpec newWaxs) {
        return new SwaxsConfig(size, nx, ny, stepX, stepY, xCentre, yTop, beamWidth, beamHeight, exposure,
                pointOverhead, lineOverhead, flux, energyKeV, cell, currentMa, restBefore, pristineStart,
                firstOperando, scanInterval, operandoScans, currentOff, postStart, platingOnset, ecInterval, seed,
                sampleSeed, start, newSaxs, newWaxs);
    }

    /** Another acquisition start (UTC). */
    public SwaxsConfig withStart(Instant newStart) {
        return new SwaxsConfig(size, nx, ny, stepX, stepY, xCentre, yTop, beamWidth, beamHeight, exposure,
                pointOverhead, lineOverhead, flux, energyKeV, cell, currentMa, restBefore, pristineStart,
                firstOperando, scanInterval, operandoScans, currentOff, postStart, platingOnset, ecInterval, seed,
                sampleSeed, newStart, saxs, waxs);
    }
}
