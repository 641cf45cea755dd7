package org.operando.echem;

import java.util.List;
import org.operando.util.InvalidInputException;

/**
 * Active-material mass from the electrode volume, porosity and composition, for electrodes (e.g. dip-coated
 * or on a wire) whose mass is below a balance's accuracy.
 *
 * <p>mass_active = V · (1 − porosity) · ρ_composite · w_active, where the composite (skeletal) density follows
 * from the mass fractions w_i and densities ρ_i of the components: 1/ρ_composite = Σ w_i/ρ_i. With V in mm³
 * and ρ in g/cm³ the product is directly in mg (1 mm³ · 1 g/cm³ = 1 mg).
 */
public final class ActiveMass {
    private ActiveMass() { }

    /** One electrode component: name, mass fraction in the dry electrode, density in g/cm³, active or not. */
    public record Component(String name, double massFraction, double densityGPerCm3, boolean active) { }

    /** The estimate with the composite density it used. */
    public record Estimate(double activeMassMg, double electrodeMassMg, double compositeDensityGPerCm3) { }

    public static Estimate estimate(double volumeMm3, double porosity, List<Component> components) {
        InvalidInputException.require(volumeMm3 > 0 && Double.isFinite(volumeMm3),
                "electrode volume must be a positive number of mm³, got " + volumeMm3);
        InvalidInputException.require(porosity >= 0 && porosity < 1, "porosity must be in [0, 1), got " + porosity);
        InvalidInputException.require(!components.isEmpty(), "electrode composition: at least one component expected");
        double wSum = 0;
        double inv = 0;
        double wActive = 0;
        for (Component c : components) {
            InvalidInputException.require(c.massFraction() > 0 && c.densityGPerCm3() > 0,
                    "component " + c.name() + ": mass fraction and density must be positive");
            wSum += c.massFraction();
            inv += c.massFraction() / c.densityGPerCm3();
            if (c.active()) {
                wActive += c.massFraction();
            }
        }
        InvalidInputException.require(Math.abs(wSum - 1) < 1e-3,
                "electrode composition: mass fractions must sum to 1, got " + wSum);
        InvalidInputException.require(wActive > 0, "electrode composition: no active component");
        double rho = 1.0 / inv;
        double electrode = volumeMm3 * (1 - porosity) * rho;
        return new Estimate(electrode * wActive, electrode, rho);
    }
}
