package org.operando.sim.swaxs;

/**
 * Transmission-weighted path lengths (cm) of each material for one beam position, averaged over the beam
 * footprint: (T·L)_m = ⟨exp(−Σ μ L) · L_m⟩ over the spot. Scattered intensity per incident photon is
 * Σ_m (T·L)_m dΣ_m/dΩ. The electrolyte weight includes the electrolyte in the electrode's pores.
 *
 * @param transmission beam-averaged transmission ⟨exp(−Σ μ L)⟩ (what the diode measures)
 * @param quartz       quartz walls
 * @param electrolyte  electrolyte, in the bore and in the electrode's pores
 * @param electrode    electrode coating (its solids, per the model's electrode cross-section)
 * @param steel        steel pin
 */
public record PathWeights(double transmission, double quartz, double electrolyte, double electrode, double steel) {
}
