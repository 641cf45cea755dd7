package org.operando.sim.saxstomo;

import java.util.List;
import java.util.Locale;
import org.operando.sim.swaxs.DetectorModel;
import org.operando.sim.swaxs.DetectorSpec;
import org.operando.sim.swaxs.ElectrodeState;
import org.operando.sim.swaxs.Materials;
import org.operando.sim.swaxs.PathWeights;
import org.operando.sim.swaxs.Rng;
import org.operando.sim.swaxs.ScatteringModel;
import org.operando.tomo.JosephProjector;
import org.operando.tomo.ParallelGeometry;
import org.operando.util.InvalidInputException;

/**
 * Digital twin of ex-situ scanning SAXS tomography of three hard-carbon electrodes (pristine, low and high
 * sodiation), as in the hard-carbon study's SAXS-CT: each electrode is a spherical cap (dome) of dried coating on a
 * flat base, rotated about a vertical axis; per projection a raster of {@code n} horizontal translations ×
 * {@code rows} heights is scanned with a pencil beam; a small SAXS detector records a frame per point and a diode
 * the transmitted beam.
 *
 * <p>The sample is a voxel grid (voxel = translation step = height step) in the convention of
 * {@link ParallelGeometry} (pixel (c, r) at x = c − n/2, y = r − n/2; slice z = raster row, row 0 the base). Each
 * voxel holds the electrode volume fraction φ (the cap rasterised with 4 × 4 × 4 sub-samples) and a state: micropore
 * filling f (a spatially correlated Gaussian random field, correlation σ = 1.5 voxels, clipped to [0, 1]; mean and
 * spread per electrode), intercalation i (uniform per electrode). Its scattering is φ · dΣ/dΩ(q) of the hard-carbon
 * model of the SWAXS twin ({@link ScatteringModel#intensity} with a unit path through electrode, cm⁻¹ sr⁻¹), so
 * sodium in the micropores lowers their contrast (1 − β f)² and a wider f distribution broadens the micropore-region
 * histogram. Because the model is linear in its component coefficients, the line integral of the voxel curves
 * along a ray is the curve with the ray sums of the voxel coefficients: these ray sums are computed once with
 * {@link JosephProjector} (the Joseph line integral through the voxel grid), times the voxel size in cm.
 * Attenuation: μ = φ (μ_solids + f · {@value #SODIUM_VOLUME_FRACTION} μ_Na) (dry coating: solids volume fraction
 * {@link Materials#ELECTRODE_SOLID_FRACTION}, pores empty; sodium fills {@value #SODIUM_VOLUME_FRACTION} of the
 * electrode volume at f = 1); the detected scattering and the diode are both attenuated by T = exp(−∫μ), the
 * thin-sample small-angle approximation that transmission correction undoes.
 */
public final class SaxsTomoTwin {
    /** Volume fraction of the electrode occupied by sodium at full micropore filling (for attenuation). */
    public static final double SODIUM_VOLUME_FRACTION = 0.05;
    /** Correlation length (Gaussian σ, voxels) of the micropore-filling field. */
    public static final double FIELD_SIGMA = 1.5;

    /**
     * One electrode of the study.
     *
     * @param name          dataset name (folder)
     * @param fillingMean   mean micropore filling f
     * @param fillingSpread standard deviation of f across the electrode
     * @param intercalation intercalation degree i (uniform)
     */
    public record Electrode(String name, double fillingMean, double fillingSpread, double intercalation) { }

    /** The three electrodes: pristine (narrow), low and high sodiation (more filling, broader distribution). */
    public static final List<Electrode> ELECTRODES = List.of(
            new Electrode("pristine", 0.02, 0.01, 0.0),
            new Electrode("low", 0.30, 0.07, 0.4),
            new Electrode("high", 0.60, 0.16, 0.8));

    /**
     * Sizes and instrument.
     *
     * @param size        "small" or "paper"
     * @param n           translation points per row = reconstruction grid (n × n voxels per slice)
     * @param rows        raster rows (heights) = slices
     * @param projections projections over [0°, 180°)
     * @param voxelUm     translation and height step = voxel size (µm)
     * @param capRadius   base radius of the spherical cap (voxels)
     * @param capHeight   cap height (voxels)
     * @param capOffsetX  cap centre offset from the rotation axis, x (voxels)
     * @param capOffsetY  cap centre offset, y (voxels)
     * @param flux        incident flux (photons/s)
     * @param exposure    exposure per point (s)
     * @param saxs        SAXS detector (a binned crop of an Eiger 9M, beam at the crop corner)
     * @param seed        noise seed (Poisson counts)
     * @param sampleSeed  seed of the filling fields (the truth)
     */
    public record Config(String size, int n, int rows, int projections, double voxelUm, double capRadius,
                         double capHeight, double capOffsetX, double capOffsetY, double flux, double exposure,
                         DetectorSpec saxs, long seed, long sampleSeed) {
        public Config {
            InvalidInputException.require(n >= 8 && rows >= 1 && projections >= 2,
                    "saxstomo twin: raster must be at least 8 x 1 with 2 projections");
            InvalidInputException.require(capRadius + Math.hypot(capOffsetX, capOffsetY) < n / 2.0 - 1,
                    "saxstomo twin: the electrode must fit inside the field of view");
        }

        /**
         * small: 24 translations × 6 rows × 72 projections at 40 µm, 32 × 32-pixel SAXS frames (10,368 frames per
         * electrode); paper: 100 × 40 × 72 at 25 µm (288,000 frames per electrode, the 100 × 100 × 40 volume).
         */
        public static Config ofSize(String size, long seed) {
            // Eiger 9M binned 16 × 16 over one module's 512 × 512 corner: 32 × 32 pixels of 1.2 mm, beam at the
            // corner, 0.40 m: q from 0.01 to 0.62 Å⁻¹ along the edges (0.87 in the far corner) at 13.2 keV.
            DetectorSpec det = new DetectorSpec("eiger9m", "saxs", 0.40, 0, 0, 16, 0, 0, 512, 512, 0);
            return switch (size.toLowerCase(Locale.ROOT)) {
                case "small" -> new Config("small", 24, 6, 72, 40, 8.5, 6, 1.25, -0.75, 1e10, 0.1, det, seed, 1);
                case "paper" -> new Config("paper", 100, 40, 72, 25, 38, 36, 4.5, -3.0, 1e10, 0.1, det, seed, 1);
                default -> throw new InvalidInputException("--size '" + size + "': expected small or paper");
            };
        }

        public Config withSeeds(long noise, long sample) {
            return new Config(size, n, rows, projections, voxelUm, capRadius, capHeight, capOffsetX, capOffsetY, flux,
                    exposure, saxs, noise, sample);
        }

        /** Projection angles in degrees, i·180°/N. */
        public double[] anglesDeg() {
            return ParallelGeometry.evenDegrees(0, 180, projections);
        }

        /** Detector coordinate (bins) of the rotation axis. */
        public double axis() {
            return ParallelGeometry.defaultCentre(n);
        }

        public int points() {
            return n * rows;
        }

        public double photons() {
            return flux * exposure;
        }
    }

    /** Everything known about one simulated electrode. */
    public static final class Sample {
        private final Electrode electrode;
        private final int n;
        private final int rows;
        private final float[] fraction;
        private final float[] filling;

        Sample(Electrode electrode, int n, int rows, float[] fraction, float[] filling) {
            this.electrode = electrode;
            this.n = n;
            this.rows = rows;
            this.fraction = fraction;
            this.filling = filling;
        }

        public Electrode electrode() {
            return electrode;
        }

        /** Electrode volume fraction per voxel, [z][y][x] flattened (x fastest). */
        public float[] fraction() {
            return fraction;
        }

        /** Micropore filling per voxel (NaN where there is no electrode). */
        public float[] filling() {
            return filling;
        }

        /** True where at least half of the voxel is electrode. */
        public boolean[] mask() {
            boolean[] m = new boolean[fraction.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = fraction[i] >= 0.5f;
            }
            return m;
        }

        public int index(int x, int y, int z) {
            return (z * n + y) * n + x;
        }

        /** State of voxel i (pristine-like state where there is no electrode). */
        public ElectrodeState state(int i) {
            double f = Float.isNaN(filling[i]) ? 0 : filling[i];
            return new ElectrodeState(f, electrode.intercalation(), 1, 0, 0);
        }

        /** The voxel's dΣ/dΩ(q) in cm⁻¹ sr⁻¹ (electrode fraction × the electrode's cross-section): the truth curve. */
        public double intensity(int i, double q) {
            if (fraction[i] == 0) {
                return 0;
            }
            return fraction[i] * ScatteringModel.intensity(q, UNIT_ELECTRODE, state(i));
        }

        /** Mean of the voxel's dΣ/dΩ over [qMin, qMax] (trapezoid on 121 points). */
        public double regionMean(int i, double qMin, double qMax) {
            int k = 120;
            double s = 0;
            for (int j = 0; j <= k; j++) {
                double w = j == 0 || j == k ? 0.5 : 1;
                s += w * intensity(i, qMin + (qMax - qMin) * j / k);
            }
            return s / k;
        }

        public int n() {
            return n;
        }

        public int rows() {
            return rows;
        }
    }

    /** A unit (1 cm) path through electrode and nothing else, transmission 1. */
    static final PathWeights UNIT_ELECTRODE = new PathWeights(1, 0, 0, 1, 0);

    private final Config config;
    private final DetectorModel detector;
    private final ParallelGeometry geometry;
    private final double muSolidsPerCm;
    private final double muSodiumPerCm;

    public SaxsTomoTwin(Config config) {
        this.config = config;
        this.detector = new DetectorModel(config.saxs(), Materials.ENERGY_KEV);
        this.geometry = ParallelGeometry.ofDegrees(config.anglesDeg(), config.n());
        double solids = Materials.massAttenuation(Materials.electrodeSolids(), Materials.ENERGY_KEV)
                * Materials.ELECTRODE_SOLID_DENSITY;
        this.muSolidsPerCm = Materials.ELECTRODE_SOLID_FRACTION * solids;
        this.muSodiumPerCm = SODIUM_VOLUME_FRACTION
                * Materials.massAttenuation(Materials.sodium(), Materials.ENERGY_KEV) * Materials.SODIUM_DENSITY;
    }

    public Config config() {
        return config;
    }

    public DetectorModel detector() {
        return detector;
    }

    public ParallelGeometry geometry() {
        return geometry;
    }

    /** Linear attenuation (1/cm) of a voxel. */
    public double mu(Sample s, int i) {
        double f = Float.isNaN(s.filling[i]) ? 0 : s.filling[i];
        return s.fraction[i] * (muSolidsPerCm + f * muSodiumPerCm);
    }

    /** Builds the sample of electrode {@code e} (deterministic in the sample seed). */
    public Sample sample(int e) {
        Electrode el = ELECTRODES.get(e);
        int n = config.n();
        int rows = config.rows();
        double r0 = config.capRadius();
        double h = config.capHeight();
        // sphere through the base circle (radius r0 at z = 0) and the apex (z = h)
        double rs = (r0 * r0 + h * h) / (2 * h);
        double zc = h - rs;
        float[] frac = new float[n * n * rows];
        int sub = 4;
        int ic = n / 2;
        for (int z = 0; z < rows; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int in = 0;
                    for (int a = 0; a < sub; a++) {
                        double zz = z + (a + 0.5) / sub - zc;
                        for (int b = 0; b < sub; b++) {
                            double yy = y - ic + (b + 0.5) / sub - 0.5 - config.capOffsetY();
                            for (int c = 0; c < sub; c++) {
                                double xx = x - ic + (c + 0.5) / sub - 0.5 - config.capOffsetX();
                                if (xx * xx + yy * yy + zz * zz <= rs * rs) {
                                    in++;
                                }
                            }
                        }
                    }
                    frac[(z * n + y) * n + x] = (float) in / (sub * sub * sub);
                }
            }
        }
        double[] field = gaussianField(n, rows, Rng.forKeys(config.sampleSeed(), 0x5a7, e));
        // standardise the field over the electrode voxels
        double s1 = 0;
        double s2 = 0;
        long cnt = 0;
        for (int i = 0; i < frac.length; i++) {
            if (frac[i] > 0) {
                s1 += field[i];
                s2 += field[i] * field[i];
                cnt++;
            }
        }
        double mean = s1 / cnt;
        double sd = Math.sqrt(Math.max(1e-30, s2 / cnt - mean * mean));
        float[] fill = new float[frac.length];
        for (int i = 0; i < frac.length; i++) {
            fill[i] = frac[i] > 0
                    ? (float) Math.max(0, Math.min(1, el.fillingMean() + el.fillingSpread() * (field[i] - mean) / sd))
                    : Float.NaN;
        }
        return new Sample(el, n, rows, frac, fill);
    }

    /** White Gaussian noise smoothed by a separable Gaussian of σ = {@link #FIELD_SIGMA} voxels. */
    static double[] gaussianField(int n, int rows, Rng rng) {
        double[] f = new double[n * n * rows];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextGaussian();
        }
        int k = (int) Math.ceil(3 * FIELD_SIGMA);
        double[] w = new double[2 * k + 1];
        for (int j = -k; j <= k; j++) {
            w[j + k] = Math.exp(-0.5 * j * j / (FIELD_SIGMA * FIELD_SIGMA));
        }
        int[] dims = {n, n, rows};
        int[] strides = {1, n, n * n};
        for (int d = 0; d < 3; d++) {
            double[] out = new double[f.length];
            int len = dims[d];
            int st = strides[d];
            for (int i = 0; i < f.length; i++) {
                int pos = (i / st) % len;
                double s = 0;
                double ws = 0;
                for (int j = -k; j <= k; j++) {
                    int p = pos + j;
                    if (p >= 0 && p < len) {
                        s += w[j + k] * f[i + j * st];
                        ws += w[j + k];
                    }
                }
                out[i] = s / ws;
            }
            f = out;
        }
        return f;
    }

    /** Coefficient channels projected per ray: the model's linear components, the 002 height, then μ. */
    static final int CHANNELS = ScatteringModel.N_COMPONENTS + 2;

    /**
     * Line integrals along every ray of one slice: {@code [angle][bin][channel]} with the {@link #CHANNELS}
     * channels (components in cm⁻¹ sr⁻¹ · cm, 002 height, ∫μ dl dimensionless).
     */
    public float[] rayIntegrals(Sample s, int z) {
        int n = config.n();
        int nc = CHANNELS;
        float[] x = new float[n * n * nc];
        for (int p = 0; p < n * n; p++) {
            int i = z * n * n + p;
            if (s.fraction[i] == 0) {
                continue;
            }
            ElectrodeState st = s.state(i);
            double[] c = ScatteringModel.coefficients(UNIT_ELECTRODE, st);
            for (int k = 0; k < c.length; k++) {
                x[p * nc + k] = (float) (s.fraction[i] * c[k]);
            }
            x[p * nc + ScatteringModel.N_COMPONENTS] = (float) (s.fraction[i] * ScatteringModel.g002Height(st.intercalation()));
            x[p * nc + ScatteringModel.N_COMPONENTS + 1] = (float) mu(s, i);
        }
        float[] y = new float[geometry.rayCount() * nc];
        new JosephProjector(geometry).forward(x, y, nc, false);
        double voxelCm = config.voxelUm() * 1e-4;
        for (int i = 0; i < y.length; i++) {
            y[i] *= voxelCm;
        }
        return y;
    }

    /** Noise-free transmission of ray (angle a, bin j) from {@link #rayIntegrals}. */
    public static double transmission(float[] rays, int a, int j, int nDet) {
        return Math.exp(-rays[(a * nDet + j) * CHANNELS + CHANNELS - 1]);
    }

    /**
     * Renders the frame of raster point (angle a, bin j) of a slice's {@link #rayIntegrals}: Poisson counts of
     * photons · ΔΩ · P · T · ∫ dΣ/dΩ(q) dl per pixel.
     */
    public void renderFrame(float[] rays, int a, int j, double intercalation, Rng rng, int[] out) {
        int nDet = config.n();
        int base = (a * nDet + j) * CHANNELS;
        double t = Math.exp(-rays[base + CHANNELS - 1]);
        double[] coeff = new double[ScatteringModel.N_COMPONENTS];
        for (int k = 0; k < coeff.length; k++) {
            coeff[k] = t * rays[base + k];
        }
        double[] h = {t * rays[base + ScatteringModel.N_COMPONENTS]};
        double[] pos = {ScatteringModel.q002(intercalation)};
        double[] curve = detector.curveOnGrid(coeff, h, pos);
        // the Eiger's gap value reads as 2^32 - 1 in the unsigned dataset
        detector.render(curve, config.photons(), rng, out, -1);
    }
}
