package org.operando.sim.swaxs;

import org.operando.util.InvalidInputException;

/**
 * The capillary half-cell in the laboratory frame, lengths in mm. The capillary axis is vertical (y, up) through
 * x = z = 0; the beam travels along z; the sample is raster-scanned in x (horizontal, across the beam) and y.
 * The stainless-steel pin (current collector, radius {@link #pinRadius}) fills y &lt; 0 inside the capillary; its
 * polished flat tip at y = 0 carries the dip-coated electrode, a spherical cap of base radius {@link #capRadius}
 * (≤ pin radius) and height {@link #capHeight}. Electrolyte fills the rest of the bore.
 *
 * <p>Path lengths along the beam are exact chords of circles in the horizontal (x, z) cross-section, so the
 * transmission of a ray is {@code exp(-Σ μ_m L_m)} with no discretisation error.
 *
 * @param innerRadius capillary bore radius (mm); the study: 0.75 (1.5 mm inner diameter)
 * @param wall        quartz wall thickness (mm); the study: 0.150
 * @param pinRadius   steel pin radius (mm)
 * @param capRadius   base radius of the electrode cap (mm), ≤ pinRadius
 * @param capHeight   height of the electrode cap (mm)
 * @param capBase     height of the cap's base above the pin tip (mm): 0 when attached, &gt; 0 when delaminated
 *                    (electrolyte fills the gap)
 */
public record CellGeometry(double innerRadius, double wall, double pinRadius, double capRadius, double capHeight,
                           double capBase) {

    /** An electrode attached to the pin tip. */
    public CellGeometry(double innerRadius, double wall, double pinRadius, double capRadius, double capHeight) {
        this(innerRadius, wall, pinRadius, capRadius, capHeight, 0);
    }

    /** The cell of the hard-carbon study: 1.5 mm bore, 150 µm wall, electrode ≈ 1.45 × 0.30 mm² projected. */
    public static CellGeometry study() {
        return new CellGeometry(0.75, 0.150, 0.725, 0.725, 0.30);
    }

    /** Refuses impossible cells with a message naming the option. */
    public CellGeometry {
        InvalidInputException.require(innerRadius > 0 && Double.isFinite(innerRadius),
                "--capillary-diameter must be positive, got " + 2 * innerRadius + " mm");
        InvalidInputException.require(wall > 0 && Double.isFinite(wall),
                "--capillary-wall must be positive, got " + wall + " mm");
        InvalidInputException.require(capRadius > 0 && Double.isFinite(capRadius),
                "--electrode-width must be positive, got " + 2 * capRadius + " mm");
        InvalidInputException.require(capHeight > 0 && Double.isFinite(capHeight),
                "--electrode-height must be positive, got " + capHeight + " mm");
        InvalidInputException.require(capRadius < innerRadius,
                "--electrode-width " + 2 * capRadius + " mm does not fit in the capillary: expected less than the "
                        + "inner diameter " + 2 * innerRadius + " mm");
        InvalidInputException.require(capHeight <= capRadius,
                "--electrode-height " + capHeight + " mm: a dip-coated spherical cap is expected to be at most half"
                        + " as high as wide (width " + 2 * capRadius + " mm)");
        InvalidInputException.require(capBase >= 0 && Double.isFinite(capBase), "cap base must be >= 0, got " + capBase);
        InvalidInputException.require(pinRadius >= capRadius && pinRadius < innerRadius,
                "pin radius " + pinRadius + " mm must lie between the electrode radius " + capRadius
                        + " mm and the capillary bore radius " + innerRadius + " mm");
    }

    public double outerRadius() {
        return innerRadius + wall;
    }

    /** Radius of the sphere the cap is cut from: R = (a² + h²) / 2h. */
    public double sphereRadius() {
        return (capRadius * capRadius + capHeight * capHeight) / (2 * capHeight);
    }

    /** Chord length through a circle of radius r centred on the axis, at horizontal offset x. */
    static double chord(double r, double x) {
        double d = r * r - x * x;
        return d > 0 ? 2 * Math.sqrt(d) : 0;
    }

    /** The same cell with the cap of another height and base (swelling, delamination). */
    public CellGeometry withCap(double height, double base) {
        return new CellGeometry(innerRadius, wall, pinRadius, capRadius, height, base);
    }

    /** Radius of the cap's horizontal cross-section at height y (0 outside the cap). */
    public double capSectionRadius(double y) {
        double yc = y - capBase;
        if (yc < 0 || yc > capHeight) {
            return 0;
        }
        double r = sphereRadius();
        double dy = yc - (capHeight - r);
        double d = r * r - dy * dy;
        return d > 0 ? Math.sqrt(d) : 0;
    }

    /** Thickness of the electrode along the beam at (x, y), mm. */
    public double electrodePath(double x, double y) {
        return chord(capSectionRadius(y), x);
    }

    /** Steel along the beam at (x, y), mm. */
    public double steelPath(double x, double y) {
        return y < 0 ? chord(pinRadius, x) : 0;
    }

    /** Quartz along the beam at (x, y), mm (both walls). */
    public double quartzPath(double x) {
        return chord(outerRadius(), x) - chord(innerRadius, x);
    }

    /** Electrolyte outside the electrode along the beam at (x, y), mm. */
    public double electrolytePath(double x, double y) {
        return Math.max(0, chord(innerRadius, x) - steelPath(x, y) - electrodePath(x, y));
    }

    /** Height above the cap's base normalised by the cap height, in [0, 1] inside the electrode. */
    public double normalisedHeight(double y) {
        return Math.max(0, Math.min(1, (y - capBase) / capHeight));
    }

    /** Volume of the electrode cap (mm³). */
    public double capVolumeMm3() {
        return Math.PI * capHeight / 6 * (3 * capRadius * capRadius + capHeight * capHeight);
    }
}
