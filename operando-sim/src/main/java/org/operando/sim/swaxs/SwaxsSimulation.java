package org.operando.sim.swaxs;

import java.util.List;
import org.operando.util.Parallel;

/**
 * The digital twin's forward model, independent of files: the cell, the sodiation model, the beam and the two
 * detectors; per scan and point the ground truth and rendered frames. {@link SwaxsWriter} writes it all out.
 */
public final class SwaxsSimulation {
    /** Index of the SAXS and WAXS detectors in the random-stream keys. */
    public static final int SAXS = 0;
    public static final int WAXS = 1;

    private final SwaxsConfig config;
    private final SodiationModel model;
    private final BeamPath beam;
    private volatile DetectorModel saxs;
    private volatile DetectorModel waxs;

    public SwaxsSimulation(SwaxsConfig config) {
        this.config = config;
        this.model = new SodiationModel(config.cell(), config.currentMa(), config.platingOnset(), config.currentOff(),
                config.sampleSeed());
        this.beam = new BeamPath(config.cell(), config.energyKeV(), config.beamWidth(), config.beamHeight());
    }

    public SwaxsConfig config() {
        return config;
    }

    public SodiationModel model() {
        return model;
    }

    public BeamPath beam() {
        return beam;
    }

    /** The detector model (built on first use: per-pixel q, solid angle, polarization, masks). */
    public DetectorModel detector(int which) {
        if (which == SAXS) {
            if (saxs == null) {
                synchronized (this) {
                    if (saxs == null) {
                        saxs = new DetectorModel(config.saxs(), config.energyKeV());
                    }
                }
            }
            return saxs;
        }
        if (waxs == null) {
            synchronized (this) {
                if (waxs == null) {
                    waxs = new DetectorModel(config.waxs(), config.energyKeV());
                }
            }
        }
        return waxs;
    }

    /** Region hit by the beam centre at (x, y) in the cell {@code c} (the cell at the point's time). */
    public static PointTruth.Region region(CellGeometry c, double x, double y) {
        double ax = Math.abs(x);
        if (ax >= c.outerRadius()) {
            return PointTruth.Region.OUTSIDE;
        }
        if (ax >= c.innerRadius()) {
            return PointTruth.Region.CAPILLARY_WALL;
        }
        if (c.steelPath(x, y) > 0) {
            return PointTruth.Region.CURRENT_COLLECTOR;
        }
        if (c.electrodePath(x, y) > 0) {
            return PointTruth.Region.ELECTRODE;
        }
        return PointTruth.Region.ELECTROLYTE;
    }

    /** Ground truth of point {@code p} of {@code scan}. */
    public PointTruth point(SwaxsConfig.Scan scan, int p) {
        int row = p / config.nx();
        int col = p % config.nx();
        double x = config.x(col);
        double y = config.y(row);
        double t = scan.start() + config.pointTime(p);
        CellGeometry cell = model.cellAt(t);
        ElectrodeState[] voxels = model.statesAlongBeam(x, y, t);
        PathWeights w = beam.through(cell).weights(x, y, (xs, ys) -> model.platingAlongBeam(xs, ys, t));
        return new PointTruth(p, row, col, x, y, t, ElectrodeState.mean(voxels), voxels, w, region(cell, x, y));
    }

    /** Ground truth of every point of a scan, in acquisition order. */
    public List<PointTruth> truth(SwaxsConfig.Scan scan) {
        PointTruth[] out = new PointTruth[config.points()];
        Parallel.forRange(0, out.length, p -> out[p] = point(scan, p));
        return List.of(out);
    }

    /** Incident photons per exposure. */
    public double photons() {
        return config.flux() * config.exposure();
    }

    /** The point's model curve on the detector's q grid. */
    public double[] curve(int which, PointTruth pt) {
        double[] c = ScatteringModel.coefficients(pt.weights(), pt.voxels());
        return detector(which).curveOnGrid(c, ScatteringModel.g002Coefficients(pt.weights(), pt.voxels()),
                ScatteringModel.g002Positions(pt.voxels()));
    }

    /** Random stream of one frame: the same (seed, scan, detector, point) always gives the same frame. */
    public Rng frameRng(SwaxsConfig.Scan scan, int which, int point) {
        return Rng.forKeys(config.seed(), scan.index(), which, point);
    }

    /** Renders the frame of one point on one detector into {@code out} (row-major). */
    public void renderFrame(SwaxsConfig.Scan scan, int which, PointTruth pt, int[] out) {
        DetectorModel d = detector(which);
        d.render(curve(which, pt), photons(), frameRng(scan, which, pt.index()), out, -1);
    }

    /** Noiseless expected counts of one frame (for tests and planning). */
    public double[] expectedFrame(int which, PointTruth pt) {
        DetectorModel d = detector(which);
        double[] curve = curve(which, pt);
        double[] out = new double[d.rows() * d.cols()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.expected(i, curve, photons());
        }
        return out;
    }

    /**
     * Diode reading of a point: incident photons × transmission with 0.1 % seeded Gaussian read-out noise
     * (photon noise at 10⁹ photons is 30× smaller).
     */
    public double diode(SwaxsConfig.Scan scan, PointTruth pt) {
        Rng r = Rng.forKeys(config.seed(), scan.index(), 7, pt.index());
        return photons() * pt.weights().transmission() * (1 + 1e-3 * r.nextGaussian());
    }

    /** Diode reading with the sample moved out of the beam (the open-beam reference of the scan). */
    public double diodeOpenBeam(SwaxsConfig.Scan scan) {
        Rng r = Rng.forKeys(config.seed(), scan.index(), 8, 0);
        return photons() * (1 + 1e-3 * r.nextGaussian());
    }

    /** Per-scan scalars of truth.json. */
    public record ScanSummary(double midTime, double voltage, double meanSodiation, double meanFilling,
                              double meanIntercalation, double meanD002, double meanPseudoMetal, double maxPlating,
                              boolean plating, double platingX, double platingY, String platingRegion) { }

    /** Threshold of plated-sodium volume fraction above which a point counts as plated. */
    public static final double PLATING_THRESHOLD = 0.01;

    public ScanSummary summary(SwaxsConfig.Scan scan, List<PointTruth> points) {
        double mid = scan.start() + config.scanDuration() / 2;
        double sf = 0;
        double si = 0;
        double sd = 0;
        double sp = 0;
        int n = 0;
        double maxP = 0;
        double wx = 0;
        double wy = 0;
        double wsum = 0;
        for (PointTruth pt : points) {
            if (pt.region() != PointTruth.Region.ELECTRODE) {
                continue;
            }
            ElectrodeState s = pt.state();
            sf += s.filling();
            si += s.intercalation();
            sd += s.d002();
            sp += s.pseudoMetal();
            n++;
            if (s.plating() > PLATING_THRESHOLD) {
                wx += s.plating() * pt.x();
                wy += s.plating() * pt.y();
                wsum += s.plating();
            }
            maxP = Math.max(maxP, s.plating());
        }
        boolean plated = wsum > 0;
        String where = null;
        if (plated) {
            double zeta = model.cellAt(mid).normalisedHeight(wy / wsum);
            where = zeta < 1.0 / 3 ? "electrode/current-collector interface (bottom third of the electrode)"
                    : zeta < 2.0 / 3 ? "middle of the electrode" : "electrode surface (top third)";
        }
        return new ScanSummary(mid, model.voltage(mid), model.meanSodiation(mid), n == 0 ? Double.NaN : sf / n,
                n == 0 ? Double.NaN : si / n, n == 0 ? Double.NaN : sd / n, n == 0 ? Double.NaN : sp / n, maxP,
                plated, plated ? wx / wsum : Double.NaN, plated ? wy / wsum : Double.NaN, where);
    }
}
