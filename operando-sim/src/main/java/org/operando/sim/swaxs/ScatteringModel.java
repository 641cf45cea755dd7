package org.operando.sim.swaxs;

/**
 * Analytic 1D scattering of the cell's materials, as macroscopic differential scattering cross-sections
 * dΣ/dΩ(q) in cm⁻¹ sr⁻¹ (per unit path length of each material), q in Å⁻¹. Follows eq. 1–4 of the hard-carbon
 * sodiation study: I = I_particles + I_micropores + I_WAXS + I_bkg.
 *
 * <ul>
 *   <li>particle surfaces (eq. 2): A·q^−α with α = {@value #POROD_ALPHA}, A scaled by the SEI factor;</li>
 *   <li>micropores (eq. 3): K (Δρ)² P(q) S(q) with S = 1 and P(q) the sphere form factor averaged over a
 *       log-normal radius distribution (median {@value #PORE_RADIUS} Å, σ_ln {@value #PORE_SIGMA}, i.e. pores of
 *       ≈ 0.5–1.2 nm diameter), intensity-weighted by V²; the relative contrast is
 *       (1 + κ·i − β·f) with intercalation i (matrix density rises by κ = {@value #KAPPA_INTERCALATION}) and
 *       pore filling f (sodium in pores with electron density β = {@value #BETA_SODIUM} of the matrix);</li>
 *   <li>binder (PVDF): a feature at {@value #BINDER_SAXS_Q} Å⁻¹ and a peak at {@value #BINDER_WAXS_Q} Å⁻¹;</li>
 *   <li>WAXS (eq. 4): Gaussian 002 band (position from d002 by Bragg, weakening with intercalation), the
 *       hard-carbon 10 band, pseudo-metallic sodium (broad, {@value #PSEUDO_Q} Å⁻¹) and metallic sodium
 *       (bcc 110 at {@value #NA110_Q} Å⁻¹ and 200, sharp);</li>
 *   <li>backgrounds: electrolyte (compressibility level + liquid peaks), amorphous quartz (FSDP and second
 *       peak, weak surface scattering), steel (fcc 111).</li>
 * </ul>
 * Gaussians are parametrised by their FWHM as in eq. 4: G(q) = A exp(−4 ln2 (q − q0)² / w²).
 */
public final class ScatteringModel {
    private ScatteringModel() { }

    // --- electrode (per cm of coating) ---
    public static final double POROD_ALPHA = 3.9;
    /** Porod amplitude: 300 cm⁻¹ sr⁻¹ at q = 0.005 Å⁻¹. */
    public static final double POROD_A = 300 * Math.pow(0.005, POROD_ALPHA);
    public static final double PORE_RADIUS = 4.5;
    public static final double PORE_SIGMA = 0.25;
    /** Micropore scattering at q → 0 of the pristine electrode (cm⁻¹ sr⁻¹). */
    public static final double PORE_I0 = 8.0;
    public static final double KAPPA_INTERCALATION = 0.04;
    public static final double BETA_SODIUM = 0.47;
    public static final double BINDER_SAXS_Q = 0.075;
    public static final double BINDER_SAXS_FWHM = 0.035;
    public static final double BINDER_SAXS_A = 1.0;
    public static final double BINDER_WAXS_Q = 1.45;
    public static final double BINDER_WAXS_FWHM = 0.08;
    public static final double BINDER_WAXS_A = 0.03;
    /** d002 of the pristine hard carbon (Å) and its expansion at full intercalation. */
    public static final double D002_PRISTINE = 3.57;
    public static final double D002_EXPANSION = 0.12;
    public static final double G002_FWHM = 0.40;
    public static final double G002_A = 0.25;
    /** Relative loss of 002 intensity at full intercalation (destructive interference of Na). */
    public static final double G002_LOSS = 0.25;
    public static final double HC10_Q = 2.95;
    public static final double HC10_FWHM = 0.40;
    public static final double HC10_A = 0.08;
    public static final double ELECTRODE_FLAT = 0.02;
    public static final double PSEUDO_Q = 2.15;
    public static final double PSEUDO_FWHM = 0.30;
    public static final double PSEUDO_A = 0.10;
    public static final double NA110_Q = 2.070;
    public static final double NA200_Q = 2.927;
    public static final double NA_FWHM = 0.020;
    /** Peak height of Na 110 per unit volume fraction of plated sodium in the electrode (cm⁻¹ sr⁻¹). */
    public static final double NA_A = 10.0;

    // --- electrolyte (per cm) ---
    public static final double ELECTROLYTE_FLAT = 0.025;
    public static final double ELECTROLYTE_P1_Q = 1.50;
    public static final double ELECTROLYTE_P1_FWHM = 0.55;
    public static final double ELECTROLYTE_P1_A = 0.22;
    public static final double ELECTROLYTE_P2_Q = 3.10;
    public static final double ELECTROLYTE_P2_FWHM = 0.80;
    public static final double ELECTROLYTE_P2_A = 0.10;

    // --- quartz (per cm) ---
    public static final double QUARTZ_POROD_A = 0.3 * Math.pow(0.005, 4);
    public static final double QUARTZ_FLAT = 0.01;
    public static final double QUARTZ_P1_Q = 1.55;
    public static final double QUARTZ_P1_FWHM = 0.45;
    public static final double QUARTZ_P1_A = 0.70;
    public static final double QUARTZ_P2_Q = 2.95;
    public static final double QUARTZ_P2_FWHM = 0.55;
    public static final double QUARTZ_P2_A = 0.45;

    // --- steel (per cm) ---
    public static final double STEEL_111_Q = 3.031;
    public static final double STEEL_111_FWHM = 0.03;
    public static final double STEEL_111_A = 5.0;
    public static final double STEEL_FLAT = 0.5;

    /** Index of each linear component of the model ({@link #components}). */
    public static final int POROD = 0;
    public static final int PORES = 1;
    public static final int BINDER = 2;
    public static final int CARBON_BG = 3;
    public static final int PSEUDO = 4;
    public static final int NA_METAL = 5;
    public static final int ELECTROLYTE = 6;
    public static final int QUARTZ = 7;
    public static final int STEEL = 8;
    public static final int N_COMPONENTS = 9;
    public static final String[] COMPONENT_NAMES = {"particle surfaces (Porod)", "micropores", "binder",
        "hard-carbon 10 band + flat", "pseudo-metallic Na", "metallic Na", "electrolyte", "quartz", "steel"};

    private static final double FOUR_LN2 = 4 * Math.log(2);

    /** Gaussian of unit height with the given centre and FWHM. */
    public static double gauss(double q, double q0, double fwhm) {
        double d = (q - q0) / fwhm;
        return Math.exp(-FOUR_LN2 * d * d);
    }

    /** Normalised sphere form factor [3(sin x − x cos x)/x³]², 1 at x = 0. */
    static double sphere(double x) {
        if (x < 1e-3) {
            return 1 - x * x / 5;
        }
        double f = 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
        return f * f;
    }

    private static final int PORE_NODES = 128;
    private static final double[] PORE_R = new double[PORE_NODES];
    private static final double[] PORE_W = new double[PORE_NODES];

    static {
        // Log-normal number distribution in R weighted by V² ∝ R⁶ (the weight peaks at z = 6σ, R⁸ moments at 8σ),
        // on a uniform grid in z = ln(R/R0)/σ over [−5, 11] so that the R⁶–R⁸ moments are converged to 1e-9.
        double sum = 0;
        for (int i = 0; i < PORE_NODES; i++) {
            double z = -5.0 + 16.0 * i / (PORE_NODES - 1);
            double r = PORE_RADIUS * Math.exp(PORE_SIGMA * z);
            double w = Math.exp(-0.5 * z * z) * Math.pow(r / PORE_RADIUS, 6);
            PORE_R[i] = r;
            PORE_W[i] = w;
            sum += w;
        }
        for (int i = 0; i < PORE_NODES; i++) {
            PORE_W[i] /= sum;
        }
    }

    /** Polydisperse micropore form factor P(q), P(0) = 1. */
    public static double poreFormFactor(double q) {
        double s = 0;
        for (int i = 0; i < PORE_NODES; i++) {
            s += PORE_W[i] * sphere(q * PORE_R[i]);
        }
        return s;
    }

    /** Relative micropore contrast squared (Δρ/Δρ_pristine)² for pore filling f and intercalation i. */
    public static double poreContrast(double filling, double intercalation) {
        double c = 1 + KAPPA_INTERCALATION * intercalation - BETA_SODIUM * filling;
        return c * c;
    }

    /** d002 in Å for intercalation degree i ∈ [0, 1]. */
    public static double d002(double intercalation) {
        return D002_PRISTINE + D002_EXPANSION * intercalation;
    }

    /** 002 position q = 2π/d002 (Å⁻¹). */
    public static double q002(double intercalation) {
        return 2 * Math.PI / d002(intercalation);
    }

    /** 002 peak height (cm⁻¹ sr⁻¹ per cm of electrode) for intercalation i. */
    public static double g002Height(double intercalation) {
        return G002_A * (1 - G002_LOSS * intercalation);
    }

    /** The linear components at one q, each per unit of its coefficient ({@link #coefficients}). */
    public static void components(double q, double[] out) {
        out[POROD] = Math.pow(q, -POROD_ALPHA);
        out[PORES] = poreFormFactor(q);
        out[BINDER] = BINDER_SAXS_A * gauss(q, BINDER_SAXS_Q, BINDER_SAXS_FWHM)
                + BINDER_WAXS_A * gauss(q, BINDER_WAXS_Q, BINDER_WAXS_FWHM);
        out[CARBON_BG] = HC10_A * gauss(q, HC10_Q, HC10_FWHM) + ELECTRODE_FLAT;
        out[PSEUDO] = gauss(q, PSEUDO_Q, PSEUDO_FWHM);
        out[NA_METAL] = gauss(q, NA110_Q, NA_FWHM) + 0.15 * gauss(q, NA200_Q, NA_FWHM);
        out[ELECTROLYTE] = ELECTROLYTE_FLAT + ELECTROLYTE_P1_A * gauss(q, ELECTROLYTE_P1_Q, ELECTROLYTE_P1_FWHM)
                + ELECTROLYTE_P2_A * gauss(q, ELECTROLYTE_P2_Q, ELECTROLYTE_P2_FWHM);
        out[QUARTZ] = QUARTZ_POROD_A * Math.pow(q, -4) + QUARTZ_FLAT
                + QUARTZ_P1_A * gauss(q, QUARTZ_P1_Q, QUARTZ_P1_FWHM)
                + QUARTZ_P2_A * gauss(q, QUARTZ_P2_Q, QUARTZ_P2_FWHM);
        out[STEEL] = STEEL_FLAT + STEEL_111_A * gauss(q, STEEL_111_Q, STEEL_111_FWHM);
    }

    /**
     * Coefficients of the linear components for one beam position: {@code w} holds the transmission-weighted
     * path lengths (cm) of each material, {@code s} the electrode state. The 002 band, whose position depends on
     * the state, is not linear and is added by {@link #intensity}.
     */
    public static double[] coefficients(PathWeights w, ElectrodeState s) {
        double[] c = new double[N_COMPONENTS];
        // hard-carbon terms scale with the hard-carbon content per volume; plated Na is per electrode volume
        double el = w.electrode() * s.density();
        c[POROD] = el * POROD_A * s.seiFactor();
        c[PORES] = el * PORE_I0 * poreContrast(s.filling(), s.intercalation());
        c[BINDER] = el;
        c[CARBON_BG] = el;
        c[PSEUDO] = el * PSEUDO_A * s.pseudoMetal();
        c[NA_METAL] = w.electrode() * NA_A * s.plating();
        c[ELECTROLYTE] = w.electrolyte();
        c[QUARTZ] = w.quartz();
        c[STEEL] = w.steel();
        return c;
    }

    /**
     * Coefficients for a beam crossing the electrode through equal voxels of the given states: the average of the
     * voxels' coefficients (the model is linear in them).
     */
    public static double[] coefficients(PathWeights w, ElectrodeState[] voxels) {
        double[] c = new double[N_COMPONENTS];
        for (ElectrodeState s : voxels) {
            double[] cv = coefficients(w, s);
            for (int k = 0; k < N_COMPONENTS; k++) {
                c[k] += cv[k] / voxels.length;
            }
        }
        // the non-electrode terms do not depend on the state: exactly those of one voxel
        double[] c0 = coefficients(w, voxels[0]);
        c[ELECTROLYTE] = c0[ELECTROLYTE];
        c[QUARTZ] = c0[QUARTZ];
        c[STEEL] = c0[STEEL];
        return c;
    }

    /** Heights of the 002 bands of the voxels (cm⁻¹ sr⁻¹ × transmission-weighted electrode path per voxel). */
    public static double[] g002Coefficients(PathWeights w, ElectrodeState[] voxels) {
        double[] c = new double[voxels.length];
        for (int j = 0; j < voxels.length; j++) {
            c[j] = w.electrode() * voxels[j].density() / voxels.length * g002Height(voxels[j].intercalation());
        }
        return c;
    }

    /** Positions of the 002 bands of the voxels (Å⁻¹). */
    public static double[] g002Positions(ElectrodeState[] voxels) {
        double[] q = new double[voxels.length];
        for (int j = 0; j < voxels.length; j++) {
            q[j] = q002(voxels[j].intercalation());
        }
        return q;
    }

    /** The analytic model of a beam through a uniform electrode (one voxel state). */
    public static double intensity(double q, PathWeights w, ElectrodeState s) {
        return intensity(q, w, new ElectrodeState[] {s});
    }

    /**
     * The analytic model of one beam position: Σ_m (T·L)_m dΣ_m/dΩ(q) in sr⁻¹ (photons scattered per incident
     * photon per steradian), the electrode term summed over its voxels along the beam. Multiply by incident photons
     * and a pixel's solid angle to get expected counts.
     */
    public static double intensity(double q, PathWeights w, ElectrodeState[] voxels) {
        double[] b = new double[N_COMPONENTS];
        components(q, b);
        double[] c = coefficients(w, voxels);
        double sum = 0;
        for (int k = 0; k < N_COMPONENTS; k++) {
            sum += c[k] * b[k];
        }
        double[] h = g002Coefficients(w, voxels);
        double[] pos = g002Positions(voxels);
        for (int j = 0; j < h.length; j++) {
            sum += h[j] * gauss(q, pos[j], G002_FWHM);
        }
        return sum;
    }
}
