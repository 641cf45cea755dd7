package org.operando.swaxs;

import org.operando.util.InvalidInputException;

/**
 * A named q interval [lo, hi] in Å⁻¹ whose mean intensity is mapped per raster pixel, e.g. the micropore region
 * 0.12–0.4 Å⁻¹. Defaults follow the hard-carbon sodiation study.
 */
public record QRange(String name, double lo, double hi) {
    public QRange {
        if (!(lo < hi) || lo < 0) {
            throw new InvalidInputException("q range '" + name + "' must satisfy 0 <= lo < hi, got " + lo + "–" + hi + " Å⁻¹");
        }
    }

    /** Particle-surface region (SAXS). */
    public static final QRange PARTICLE = new QRange("particle", 0.0045, 0.007);
    /** Micropore region used for difference maps (SAXS). */
    public static final QRange MICROPORE = new QRange("micropore", 0.12, 0.4);
    /** Broad imaging region where hard carbon scatters and electrolyte does not (SAXS). */
    public static final QRange IMAGING = new QRange("imaging", 0.06, 0.5);
    /** Electrode-mask region (SAXS). */
    public static final QRange ELECTRODE = new QRange("electrode", 0.12, 0.3);
    /** 002 graphene-layer peak region (WAXS). */
    public static final QRange PEAK_002 = new QRange("002", 1.2, 1.9);
    /** Pseudo-metallic sodium region (WAXS). */
    public static final QRange PSEUDO_METAL = new QRange("pseudo_metal", 2.1, 2.3);
    /** Metallic sodium (110) reflection (WAXS). */
    public static final QRange METAL = new QRange("metal", 2.07, 2.09);

    /** Parses "name=lo:hi" or "lo:hi" (Å⁻¹). */
    public static QRange parse(String spec, String defaultName) {
        String s = spec.trim();
        String name = defaultName;
        int eq = s.indexOf('=');
        if (eq > 0) {
            name = s.substring(0, eq).trim();
            s = s.substring(eq + 1);
        }
        String[] p = s.split("[:,]");
        if (p.length != 2) {
            throw new InvalidInputException("q range '" + spec + "': expected LO:HI in Å⁻¹, e.g. 0.12:0.4");
        }
        try {
            return new QRange(name, Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("q range '" + spec + "': expected numbers LO:HI in Å⁻¹", e);
        }
    }

    public boolean contains(double q) {
        return q >= lo && q <= hi;
    }

    @Override
    public String toString() {
        return name + " " + lo + "–" + hi + " Å⁻¹";
    }
}
