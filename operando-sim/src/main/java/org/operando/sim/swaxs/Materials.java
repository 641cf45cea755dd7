package org.operando.sim.swaxs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.operando.util.InvalidInputException;

/**
 * X-ray attenuation of the materials of the capillary half-cell.
 *
 * <p>Element mass attenuation coefficients μ/ρ (total, with coherent scattering, cm²/g) are the tabulated values
 * of Hubbell &amp; Seltzer (NIST X-ray Mass Attenuation Coefficients, NISTIR 5632) at 10 and 15 keV. No element
 * used here has an absorption edge between 10 and 15 keV, so μ/ρ at an energy in [8.5, 20] keV is interpolated
 * (extrapolated just outside) log–log between the two tabulated points; against the full tables the
 * interpolation is good to about 3 % at 13.2 keV. Compounds and mixtures use the mass-fraction rule
 * μ/ρ = Σ w_i (μ/ρ)_i.
 */
public final class Materials {
    private Materials() { }

    /** Element: symbol → {atomic mass g/mol, μ/ρ at 10 keV, μ/ρ at 15 keV (cm²/g)}. */
    private static final Map<String, double[]> ELEMENTS = new LinkedHashMap<>();

    static {
        ELEMENTS.put("H", new double[] {1.008, 0.3854, 0.3764});
        ELEMENTS.put("C", new double[] {12.011, 2.373, 0.8071});
        ELEMENTS.put("O", new double[] {15.999, 5.952, 1.836});
        ELEMENTS.put("F", new double[] {18.998, 8.205, 2.492});
        ELEMENTS.put("Na", new double[] {22.990, 15.57, 4.694});
        ELEMENTS.put("Si", new double[] {28.086, 33.89, 10.34});
        ELEMENTS.put("P", new double[] {30.974, 40.61, 12.39});
        ELEMENTS.put("Cr", new double[] {51.996, 138.7, 45.72});
        ELEMENTS.put("Fe", new double[] {55.845, 170.6, 57.08});
        ELEMENTS.put("Ni", new double[] {58.693, 209.0, 70.81});
    }

    /** Photon energy (keV) of the modelled experiment (cSAXS, the hard-carbon study). */
    public static final double ENERGY_KEV = 13.2;

    /** hc in keV·Å. */
    public static final double HC_KEV_ANGSTROM = 12.398419843320026;

    /** Wavelength in Å for a photon energy in keV. */
    public static double wavelengthAngstrom(double energyKeV) {
        return HC_KEV_ANGSTROM / energyKeV;
    }

    /** μ/ρ (cm²/g) of one element at {@code energyKeV}. */
    public static double elementMassAttenuation(String symbol, double energyKeV) {
        double[] e = ELEMENTS.get(symbol);
        if (e == null) {
            throw new IllegalArgumentException("no attenuation data for element " + symbol);
        }
        InvalidInputException.require(energyKeV >= 8.5 && energyKeV <= 20,
                "energy " + energyKeV + " keV is outside the attenuation model's range 8.5-20 keV");
        double slope = Math.log(e[2] / e[1]) / Math.log(15.0 / 10.0);
        return e[1] * Math.exp(slope * Math.log(energyKeV / 10.0));
    }

    /** Atomic mass (g/mol). */
    public static double atomicMass(String symbol) {
        double[] e = ELEMENTS.get(symbol);
        if (e == null) {
            throw new IllegalArgumentException("no data for element " + symbol);
        }
        return e[0];
    }

    /** Mass fractions of a formula given as element → atom count (e.g. C3H4O3). */
    public static Map<String, Double> massFractions(Map<String, Double> atoms) {
        double total = 0;
        for (Map.Entry<String, Double> a : atoms.entrySet()) {
            total += a.getValue() * atomicMass(a.getKey());
        }
        Map<String, Double> w = new LinkedHashMap<>();
        for (Map.Entry<String, Double> a : atoms.entrySet()) {
            w.put(a.getKey(), a.getValue() * atomicMass(a.getKey()) / total);
        }
        return w;
    }

    /** μ/ρ (cm²/g) of a mixture given by element mass fractions. */
    public static double massAttenuation(Map<String, Double> massFractions, double energyKeV) {
        double s = 0;
        for (Map.Entry<String, Double> w : massFractions.entrySet()) {
            s += w.getValue() * elementMassAttenuation(w.getKey(), energyKeV);
        }
        return s;
    }

    private static Map<String, Double> formula(Object... symbolCount) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < symbolCount.length; i += 2) {
            m.put((String) symbolCount[i], ((Number) symbolCount[i + 1]).doubleValue());
        }
        return m;
    }

    private static Map<String, Double> mix(Object... fractionAndMassFractions) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < fractionAndMassFractions.length; i += 2) {
            double f = ((Number) fractionAndMassFractions[i]).doubleValue();
            @SuppressWarnings("unchecked")
            Map<String, Double> w = (Map<String, Double>) fractionAndMassFractions[i + 1];
            for (Map.Entry<String, Double> e : w.entrySet()) {
                out.merge(e.getKey(), f * e.getValue(), Double::sum);
            }
        }
        return out;
    }

    /** Mass fractions of fused quartz SiO2. */
    public static Map<String, Double> quartz() {
        return massFractions(formula("Si", 1, "O", 2));
    }

    /** 304 stainless steel (Fe 70 %, Cr 19 %, Ni 9 %, Mn 2 % counted as Fe) by weight. */
    public static Map<String, Double> stainlessSteel() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("Fe", 0.72);
        m.put("Cr", 0.19);
        m.put("Ni", 0.09);
        return m;
    }

    /** 1 M NaPF6 in EC:PC 1:1 by weight; density 1.30 g/cm³ gives 12.9 wt% NaPF6. */
    public static Map<String, Double> electrolyte() {
        Map<String, Double> ec = massFractions(formula("C", 3, "H", 4, "O", 3));
        Map<String, Double> pc = massFractions(formula("C", 4, "H", 6, "O", 3));
        Map<String, Double> salt = massFractions(formula("Na", 1, "P", 1, "F", 6));
        double wSalt = 167.95 / (1000 * ELECTROLYTE_DENSITY);
        return mix((1 - wSalt) / 2, ec, (1 - wSalt) / 2, pc, wSalt, salt);
    }

    /** Dry electrode solids: 85 wt% hard carbon + 5 wt% carbon black (both C) + 10 wt% PVDF (C2H2F2)n. */
    public static Map<String, Double> electrodeSolids() {
        Map<String, Double> carbon = formula("C", 1);
        Map<String, Double> pvdf = massFractions(formula("C", 2, "H", 2, "F", 2));
        return mix(0.90, carbon, 0.10, pvdf);
    }

    public static Map<String, Double> sodium() {
        return formula("Na", 1);
    }

    public static final double QUARTZ_DENSITY = 2.20;
    public static final double STEEL_DENSITY = 7.90;
    public static final double ELECTROLYTE_DENSITY = 1.30;
    public static final double SODIUM_DENSITY = 0.968;
    /** Density of the solid phase of the electrode coating (hard carbon skeleton, carbon black, PVDF). */
    public static final double ELECTRODE_SOLID_DENSITY = 1.80;
    /**
     * Volume fraction of solids in the dip-coated electrode; the rest is filled by electrolyte. 0.16 gives the
     * study's active mass: 0.85 × 0.16 × 1.80 g/cm³ × 0.262 mm³ ≈ 64 µg of hard carbon, i.e. 14 µA ≈ 0.22 A/g ≈ 0.75C.
     */
    public static final double ELECTRODE_SOLID_FRACTION = 0.16;

    /** Linear attenuation coefficients (1/mm) of the cell materials at one energy. */
    public record Attenuation(double quartz, double steel, double electrolyte, double electrode, double sodium) {
        /** μ in 1/mm of the component with this name (for messages and documentation). */
        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("quartz", quartz);
            m.put("steel", steel);
            m.put("electrolyte", electrolyte);
            m.put("electrode", electrode);
            m.put("sodium", sodium);
            return m;
        }
    }

    /**
     * Linear attenuation coefficients μ = (μ/ρ)·ρ in 1/mm at {@code energyKeV}. The electrode coating is a mixture of
     * its solids (volume fraction {@link #ELECTRODE_SOLID_FRACTION}) and electrolyte in its pores.
     */
    public static Attenuation attenuation(double energyKeV) {
        double perCmToPerMm = 0.1;
        double q = massAttenuation(quartz(), energyKeV) * QUARTZ_DENSITY * perCmToPerMm;
        double s = massAttenuation(stainlessSteel(), energyKeV) * STEEL_DENSITY * perCmToPerMm;
        double e = massAttenuation(electrolyte(), energyKeV) * ELECTROLYTE_DENSITY * perCmToPerMm;
        double solids = massAttenuation(electrodeSolids(), energyKeV) * ELECTRODE_SOLID_DENSITY * perCmToPerMm;
        double el = ELECTRODE_SOLID_FRACTION * solids + (1 - ELECTRODE_SOLID_FRACTION) * e;
        double na = massAttenuation(sodium(), energyKeV) * SODIUM_DENSITY * perCmToPerMm;
        return new Attenuation(q, s, e, el, na);
    }
}
