package org.operando.swaxs;

import org.operando.data.CurveSet;

/**
 * One raster scan of a scanning SWAXS experiment after azimuthal integration: curve i of each set and transmission
 * i belong to raster point i (row-major, {@code ny} lines of {@code nx} points, line 0 first).
 *
 * @param name         e.g. "pristine", "op1", "post"
 * @param nx           points per line
 * @param ny           lines
 * @param stepX        horizontal step (µm)
 * @param stepY        vertical step (µm)
 * @param saxs         SAXS curves I(q), q in Å⁻¹ (σ optional), not yet transmission-corrected
 * @param waxs         WAXS curves I(q), q in Å⁻¹ (σ optional), not yet transmission-corrected; may be null
 * @param transmission transmission per point (diode / empty-beam diode), in (0, 1]
 * @param startTime    scan start, seconds since the epoch (NaN when unknown)
 * @param endTime      scan end, seconds since the epoch (NaN when unknown)
 */
public record SwaxsScan(String name, int nx, int ny, double stepX, double stepY, CurveSet saxs, CurveSet waxs,
                        float[] transmission, double startTime, double endTime) {
    public SwaxsScan {
        if (saxs.count() != nx * ny) {
            throw new IllegalArgumentException(name + ": " + saxs.count() + " SAXS curves for a " + ny + "x" + nx + " raster");
        }
        if (waxs != null && waxs.count() != nx * ny) {
            throw new IllegalArgumentException(name + ": " + waxs.count() + " WAXS curves for a " + ny + "x" + nx + " raster");
        }
        if (transmission != null && transmission.length != nx * ny) {
            throw new IllegalArgumentException(name + ": " + transmission.length + " transmission values for a "
                    + ny + "x" + nx + " raster");
        }
    }

    public int points() {
        return nx * ny;
    }

    public double midTime() {
        return (startTime + endTime) / 2;
    }
}
