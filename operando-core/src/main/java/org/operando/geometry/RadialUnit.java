package org.operando.geometry;

import java.util.Locale;
import org.operando.data.Unit;
import org.operando.util.InvalidInputException;

/**
 * Radial coordinates for integration, with pyFAI's names. Each is computed in an internal unit (2θ in rad, q in
 * nm⁻¹, r in m, as pyFAI does) and reported scaled by {@link #scale()}: binning happens in the internal unit so
 * that bin edges agree with pyFAI to the last bit.
 */
public enum RadialUnit {
    /** q in Å⁻¹ (internal nm⁻¹, scale 0.1). */
    Q_A("q_A^-1", "q", Unit.Q_INV_ANGSTROM, 0.1, true),
    /** q in nm⁻¹. */
    Q_NM("q_nm^-1", "q", Unit.Q_INV_NM, 1.0, true),
    /** 2θ in degrees (internal rad). */
    TTH_DEG("2th_deg", "2theta", Unit.TWO_THETA_DEG, 180.0 / Math.PI, false),
    /** Distance from the incident beam in mm (internal m), measured perpendicular to the beam. */
    R_MM("r_mm", "r", Unit.RADIUS_MM, 1000.0, false);

    private final String pyfaiName;
    private final String quantity;
    private final Unit unit;
    private final double scale;
    private final boolean needsWavelength;

    RadialUnit(String pyfaiName, String quantity, Unit unit, double scale, boolean needsWavelength) {
        this.pyfaiName = pyfaiName;
        this.quantity = quantity;
        this.unit = unit;
        this.scale = scale;
        this.needsWavelength = needsWavelength;
    }

    /** pyFAI's name, e.g. {@code q_A^-1}. */
    public String pyfaiName() {
        return pyfaiName;
    }

    /** Axis name: q, 2theta or r. */
    public String quantity() {
        return quantity;
    }

    public Unit unit() {
        return unit;
    }

    /** Factor from the internal unit to the reported one. */
    public double scale() {
        return scale;
    }

    public boolean needsWavelength() {
        return needsWavelength;
    }

    /** The internal-unit value for a pixel with scattering angle {@code tth} (rad) and lab (t1, t2) offsets. */
    double internal(double tth, double t1, double t2, double wavelength) {
        return switch (this) {
            case Q_A, Q_NM -> 4.0e-9 * Math.PI / wavelength * Math.sin(tth / 2.0);
            case TTH_DEG -> tth;
            case R_MM -> Math.sqrt(t1 * t1 + t2 * t2);
        };
    }

    /** Parses q_A^-1, q_nm^-1, 2th_deg or r_mm (pyFAI names; case-insensitive). */
    public static RadialUnit parse(String s, String option) {
        if (s != null) {
            String k = s.trim().toLowerCase(Locale.ROOT);
            for (RadialUnit u : values()) {
                if (u.pyfaiName.toLowerCase(Locale.ROOT).equals(k)) {
                    return u;
                }
            }
            if (k.equals("q_a") || k.equals("q_1/a") || k.equals("q_a-1")) {
                return Q_A;
            }
            if (k.equals("q_nm") || k.equals("q_1/nm") || k.equals("q_nm-1")) {
                return Q_NM;
            }
            if (k.equals("2th") || k.equals("tth_deg")) {
                return TTH_DEG;
            }
        }
        throw new InvalidInputException(option + ": unknown radial unit '" + s + "'; expected q_A^-1, q_nm^-1, 2th_deg or r_mm");
    }
}
