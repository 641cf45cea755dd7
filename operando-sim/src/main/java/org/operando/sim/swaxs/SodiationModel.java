package org.operando.sim.swaxs;

import java.util.SplittableRandom;

/**
 * Electrochemistry and spatial ground truth of galvanostatic sodiation of the hard-carbon electrode.
 * Time {@code t} is in seconds since the current was switched on (negative during the initial rest).
 *
 * <p>Mean degree of sodiation X(t) = ∫ I (1 − π) dt / Q with Q the electrode's nominal capacity and π the share of
 * the current that goes into plating after the plating onset. Locally, sodiation is faster near the current
 * collector (normalised height ζ above the pin tip): s = X · (1 + G (1 − 2ζ)) · (1 + a X ε(x, y, z)), with ε a smooth,
 * seeded 3D random field of unit RMS (inhomogeneity that grows with sodiation). The state is defined per voxel
 * (x, y, z); the beam sums {@link #VOXELS} voxels along its path through the electrode. The local mechanisms:
 * <ul>
 *   <li>intercalation i(s) = (1 − e^{−2.2 s}) / (1 − e^{−2.2}) — continuous, fastest at first (sloping region);</li>
 *   <li>pore filling f(s): 0.02 · s/s_p in the sloping region (s &lt; s_p = {@value #SLOPE_END}), then
 *       0.02 + 0.86 ((s − s_p)/(1 − s_p))^1.15 — dominating in the plateau;</li>
 *   <li>pseudo-metallic sodium (f − 0.5)/0.35 clipped to [0, 1] where pores are highly filled;</li>
 *   <li>plating after the onset: volume fraction p = 0.35 τ n(x) exp(−ζ/ℓ(τ)) (≤ 0.45), τ = time since onset in
 *       units of 30 min, ℓ = 0.08 + 0.5 τ: it nucleates at the electrode/current-collector interface at seeded
 *       sites n(x, z) on the pin face and grows upwards;</li>
 *   <li>SEI: Porod amplitude factor 1 + 0.3 (1 − e^{−t/20 min}) + 0.08 X + 0.10 X ξ(x, y, z), ξ a second, independent
 *       random field (the study finds surface and pore changes uncorrelated).</li>
 * </ul>
 * Cell voltage: a hard-carbon equilibrium curve (OCV 2.65 V, slope to 0.10 V at s_p, plateau to 0 V) minus the
 * ohmic drop of the two-electrode capillary cell (R = {@value #CELL_RESISTANCE_OHM} Ω, so the plateau appears
 * below 0 V), minus a nucleation dip and growth overpotential at the plating onset; relaxation after the current
 * stops.
 */
public final class SodiationModel {
    public static final double SLOPE_END = 0.35;
    public static final double GRADIENT = 0.30;
    public static final double INHOMOGENEITY = 0.12;
    public static final double CELL_RESISTANCE_OHM = 6500;
    public static final double OCV = 2.65;
    public static final double SPECIFIC_CAPACITY_MAH_G = 290;
    public static final double HARD_CARBON_WT = 0.85;

    private final CellGeometry cell;
    private final double currentMa;
    private final double capacityMah;
    private final double platingOnset;
    private final double currentOff;
    private final RandomField fill;
    private final RandomField sei;
    private final double[] siteX;
    private final double[] siteZ;
    private final double[] siteW;

    /**
     * @param cell         the cell (its electrode volume sets the capacity)
     * @param currentMa    magnitude of the sodiation current (mA), e.g. 0.014
     * @param platingOnset plating onset (s since current on)
     * @param currentOff   time the current is switched off (s since current on)
     * @param seed         seed of the random fields and nucleation sites
     */
    public SodiationModel(CellGeometry cell, double currentMa, double platingOnset, double currentOff, long seed) {
        org.operando.util.InvalidInputException.require(
                cell.capHeight() * (1 + MAX_SWELLING) <= cell.capRadius(),
                "--electrode-height " + cell.capHeight() + " mm: the electrode swells by up to "
                        + Math.round(MAX_SWELLING * 100) + " % when sodium plates; expected at most "
                        + Math.floor(cell.capRadius() / (1 + MAX_SWELLING) * 1000) / 1000 + " mm for a "
                        + 2 * cell.capRadius() + " mm wide electrode");
        this.cell = cell;
        this.currentMa = currentMa;
        this.capacityMah = hardCarbonMassMg(cell) * 1e-3 * SPECIFIC_CAPACITY_MAH_G;
        this.platingOnset = platingOnset;
        this.currentOff = currentOff;
        SplittableRandom r = new SplittableRandom(Rng.mix(seed, 0x5eed_f1e1dL));
        this.fill = new RandomField(r.split(), 0.15, 0.50);
        this.sei = new RandomField(r.split(), 0.10, 0.40);
        int sites = 2;
        siteX = new double[sites];
        siteZ = new double[sites];
        siteW = new double[sites];
        for (int k = 0; k < sites; k++) {
            // uniform on the disc of radius 0.7 a of the pin face (x, z)
            double rad = 0.7 * cell.capRadius() * Math.sqrt(r.nextDouble());
            double phi = 2 * Math.PI * r.nextDouble();
            siteX[k] = rad * Math.cos(phi);
            siteZ[k] = rad * Math.sin(phi);
            siteW[k] = (0.12 + 0.08 * r.nextDouble()) * cell.capRadius() / 0.725;
        }
    }

    /** Hard-carbon mass (mg) of the electrode: 85 wt% of the solids in the cap. */
    public static double hardCarbonMassMg(CellGeometry cell) {
        double volumeCm3 = cell.capVolumeMm3() * 1e-3;
        return HARD_CARBON_WT * Materials.ELECTRODE_SOLID_FRACTION * Materials.ELECTRODE_SOLID_DENSITY * volumeCm3 * 1e3;
    }

    public double capacityMah() {
        return capacityMah;
    }

    /** C-rate of the sodiation current. */
    public double cRate() {
        return currentMa / capacityMah;
    }

    public double platingOnset() {
        return platingOnset;
    }

    public double currentOff() {
        return currentOff;
    }

    /** Cell current in mA (EC-Lab sign: negative for reduction/sodiation of the working electrode). */
    public double current(double t) {
        return t >= 0 && t < currentOff ? -currentMa : 0;
    }

    /** Charge passed (Q − Q0) in mAh, negative for sodiation. */
    public double charge(double t) {
        double tc = Math.max(0, Math.min(t, currentOff));
        return -currentMa * tc / 3600.0;
    }

    private static final double PLATING_SHARE = 0.6;
    private static final double PLATING_SHARE_TIME = 600;

    /** Mean degree of sodiation of the hard carbon X(t) (0 pristine, 1 at nominal capacity). */
    public double meanSodiation(double t) {
        double tc = Math.max(0, Math.min(t, currentOff));
        double effective = tc;
        if (tc > platingOnset) {
            double tau = tc - platingOnset;
            effective -= PLATING_SHARE * (tau - PLATING_SHARE_TIME * (1 - Math.exp(-tau / PLATING_SHARE_TIME)));
        }
        return currentMa * effective / 3600.0 / capacityMah;
    }

    /** Relative height increase of the electrode once plated sodium accumulates (25 % at the end of plating). */
    public static final double MAX_SWELLING = 0.25;
    /** Gap (mm) between pin and electrode after the current stops (the electrode starts to delaminate). */
    public static final double DELAMINATION = 0.020;

    /**
     * The cell at time t: after the plating onset the electrode swells (cap height × (1 + 0.25 min(1, τ)), τ in
     * units of 30 min of plating); after the current stops it lifts off the pin by up to 20 µm within 5 min
     * (electrolyte fills the gap), as the study observes from op 7 (swelling) and post (delamination).
     */
    public CellGeometry cellAt(double t) {
        double swell = swelling(t);
        double base = t > currentOff ? DELAMINATION * Math.min(1, (t - currentOff) / 300.0) : 0;
        if (swell == 0 && base == 0) {
            return cell;
        }
        return cell.withCap(cell.capHeight() * (1 + swell), base);
    }

    /** Relative height increase of the electrode at time t. */
    public double swelling(double t) {
        double tc = Math.min(t, currentOff);
        return tc <= platingOnset ? 0 : MAX_SWELLING * Math.min(1, (tc - platingOnset) / 1800.0);
    }

    /** Hard-carbon content per electrode volume relative to pristine (the cap's volume ratio). */
    public double density(double t) {
        CellGeometry c = cellAt(t);
        return c == cell ? 1 : cell.capVolumeMm3() / c.capVolumeMm3();
    }

    /** Local degree of sodiation s at (x, y, z) mm (z along the beam). */
    public double localSodiation(double x, double y, double z, double t) {
        double big = meanSodiation(t);
        double zeta = cellAt(t).normalisedHeight(y);
        double s = big * (1 + GRADIENT * (1 - 2 * zeta)) * (1 + INHOMOGENEITY * big * fill.value(x, y, z));
        return Math.max(0, Math.min(1.2, s));
    }

    public static double intercalation(double s) {
        double sc = Math.min(1, Math.max(0, s));
        return (1 - Math.exp(-2.2 * sc)) / (1 - Math.exp(-2.2));
    }

    public static double filling(double s) {
        double f = 0.02 * Math.min(s, SLOPE_END) / SLOPE_END;
        if (s > SLOPE_END) {
            f += 0.86 * Math.pow((Math.min(s, 1.15) - SLOPE_END) / (1 - SLOPE_END), 1.15);
        }
        return Math.min(0.97, Math.max(0, f));
    }

    public static double pseudoMetal(double filling) {
        return Math.max(0, Math.min(1, (filling - 0.50) / 0.35));
    }

    /** Volume fraction of plated sodium at (x, y, z) mm. */
    public double plating(double x, double y, double z, double t) {
        double tc = Math.min(t, currentOff);
        CellGeometry c = cellAt(t);
        if (tc <= platingOnset || y < c.capBase() || y > c.capBase() + c.capHeight()) {
            return 0;
        }
        double tau = (tc - platingOnset) / 1800.0;
        double zeta = c.normalisedHeight(y);
        double ell = 0.08 + 0.5 * tau;
        double n = 0.25;
        for (int k = 0; k < siteX.length; k++) {
            double dx = (x - siteX[k]) / siteW[k];
            double dz = (z - siteZ[k]) / siteW[k];
            n += Math.exp(-0.5 * (dx * dx + dz * dz));
        }
        n = Math.min(1, n);
        return Math.min(0.45, 0.35 * tau * n * Math.exp(-zeta / ell));
    }

    /** Particle-surface (Porod) amplitude factor relative to the pristine electrode. */
    public double seiFactor(double x, double y, double z, double t) {
        double tc = Math.max(0, Math.min(t, currentOff));
        double big = meanSodiation(t);
        return 1 + 0.30 * (1 - Math.exp(-tc / 1200.0)) + 0.08 * big + 0.10 * big * sei.value(x, y, z);
    }

    /** The complete local state of the voxel at (x, y, z) mm and time t (s). */
    public ElectrodeState state(double x, double y, double z, double t) {
        double s = localSodiation(x, y, z, t);
        double f = filling(s);
        return new ElectrodeState(f, intercalation(s), seiFactor(x, y, z, t), pseudoMetal(f), plating(x, y, z, t),
                density(t));
    }

    /** Voxels per electrode chord along the beam. */
    public static final int VOXELS = 8;

    /** Depths (mm) of the {@link #VOXELS} equal voxels of the electrode chord at (x, y) at time t (midpoints). */
    public double[] voxelDepths(double x, double y, double t) {
        double l = cellAt(t).electrodePath(x, y);
        double[] z = new double[VOXELS];
        for (int j = 0; j < VOXELS; j++) {
            z[j] = -l / 2 + (j + 0.5) * l / VOXELS;
        }
        return z;
    }

    /** States of the voxels along the beam through (x, y): the sum the beam sees. */
    public ElectrodeState[] statesAlongBeam(double x, double y, double t) {
        double[] z = voxelDepths(x, y, t);
        ElectrodeState[] out = new ElectrodeState[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = state(x, y, z[j], t);
        }
        return out;
    }

    /** Plated-sodium volume fraction averaged over the electrode chord at (x, y). */
    public double platingAlongBeam(double x, double y, double t) {
        if (t <= platingOnset) {
            return 0;
        }
        double sum = 0;
        for (double z : voxelDepths(x, y, t)) {
            sum += plating(x, y, z, t);
        }
        return sum / VOXELS;
    }

    /** Equilibrium potential of the hard carbon vs Na/Na⁺ (V) at mean sodiation X. */
    public static double equilibriumPotential(double big) {
        if (big <= 0) {
            return OCV;
        }
        if (big < SLOPE_END) {
            return 0.10 + 1.0 * Math.pow(1 - big / SLOPE_END, 1.6) + (OCV - 1.10) * Math.exp(-big / 0.012);
        }
        double u = Math.min(1, (big - SLOPE_END) / (1 - SLOPE_END));
        return 0.10 * Math.pow(1 - u, 0.6);
    }

    /** Working-electrode potential Ewe (V) of the two-electrode cell, noiseless. */
    public double voltage(double t) {
        if (t < 0) {
            return OCV;
        }
        if (t < currentOff) {
            return loadedVoltage(t);
        }
        double vOff = loadedVoltage(currentOff);
        double rest = currentOff > platingOnset ? 0.002 : equilibriumPotential(meanSodiation(currentOff));
        return rest + (vOff - rest) * Math.exp(-(t - currentOff) / 300.0);
    }

    private double loadedVoltage(double t) {
        double e = equilibriumPotential(meanSodiation(t));
        double ohmic = currentMa * 1e-3 * CELL_RESISTANCE_OHM;
        double eta = 0;
        if (t > platingOnset) {
            double tau = t - platingOnset;
            e *= Math.exp(-tau / 120.0);
            eta = 0.045 * Math.exp(-tau / 90.0) + 0.030 * (1 - Math.exp(-tau / 60.0));
        }
        return e - ohmic - eta;
    }

    /**
     * A smooth 3D Gaussian random field of unit RMS: a sum of cosines with directions uniform on the sphere,
     * wavelengths in [λmin, λmax] mm and random phases (spectral synthesis). Deterministic for a given source.
     */
    static final class RandomField {
        private static final int WAVES = 24;
        private final double[] kx = new double[WAVES];
        private final double[] ky = new double[WAVES];
        private final double[] kz = new double[WAVES];
        private final double[] phase = new double[WAVES];

        RandomField(SplittableRandom r, double lambdaMin, double lambdaMax) {
            for (int i = 0; i < WAVES; i++) {
                double cosT = 2 * r.nextDouble() - 1;
                double sinT = Math.sqrt(1 - cosT * cosT);
                double phi = 2 * Math.PI * r.nextDouble();
                double lambda = lambdaMin + (lambdaMax - lambdaMin) * r.nextDouble();
                double k = 2 * Math.PI / lambda;
                kx[i] = k * sinT * Math.cos(phi);
                ky[i] = k * sinT * Math.sin(phi);
                kz[i] = k * cosT;
                phase[i] = 2 * Math.PI * r.nextDouble();
            }
        }

        double value(double x, double y, double z) {
            double s = 0;
            for (int i = 0; i < WAVES; i++) {
                s += Math.cos(kx[i] * x + ky[i] * y + kz[i] * z + phase[i]);
            }
            return s * Math.sqrt(2.0 / WAVES);
        }
    }
}
