package org.operando.sim.swaxs;

import org.operando.data.Mask;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;

/**
 * A detector of the set-up with everything needed to render frames: the geometry of the written (binned,
 * cropped) frames in pyFAI's convention (written as a PONI file beside the data), the module-gap pixels, the
 * beamstop shadow, and per pixel q (Å⁻¹) and the factor ΔΩ·P (absolute solid angle in sr times the
 * polarization factor) that turns dΣ/dΩ into counts.
 *
 * <p>Binning sums bin × bin pixels: a binned pixel is a pixel of bin × the size, evaluated at its centre (as an
 * integrator without pixel splitting sees it); it is a gap pixel when any of its sub-pixels is. The WAXS
 * Pilatus 300K-W stands as a vertical strip (1475 rows × 195 columns, modules of 487 rows with 7-row gaps), written
 * as a generic detector in the PONI file; the Eiger 9M and Pilatus 2M keep their pyFAI names when not binned.
 *
 * <p>Expected counts are interpolated linearly from the point's 1D model on a fine q grid (log-spaced when the
 * detector spans more than a decade of q, else linear; {@value #GRID} nodes), relative error &lt; 10⁻³ (tested).
 */
public final class DetectorModel {
    public static final int GRID = 8192;
    /** Beam polarization factor (pyFAI convention), horizontal linear polarization of the undulator beam. */
    public static final double POLARIZATION = 0.99;

    private final DetectorSpec spec;
    private final Geometry geometry;
    private final int rows;
    private final int cols;
    private final boolean[] gap;
    private final boolean[] beamstop;
    private final float[] q;
    private final float[] weight;
    private final double[] gridQ;
    private final int[] gridIndex;
    private final float[] gridFrac;
    private final double[][] basis;

    public DetectorModel(DetectorSpec spec, double energyKeV) {
        this.spec = spec;
        double px = DetectorSpec.pixelSize(spec.model());
        int bin = spec.bin();
        rows = spec.rows();
        cols = spec.cols();
        boolean fullSize = bin == 1 && spec.cropRow0() == 0 && spec.cropCol0() == 0
                && spec.cropRows() == DetectorSpec.fullShape(spec.model())[0]
                && spec.cropCols() == DetectorSpec.fullShape(spec.model())[1];
        Detector det;
        if (fullSize && !spec.model().equals("pilatus300kw")) {
            det = Detector.named(spec.model().equals("eiger9m") ? "Eiger9M" : "Pilatus2M");
        } else {
            det = Detector.generic(px * bin, px * bin, rows, cols);
        }
        double poni1 = (spec.beamRow() - spec.cropRow0()) * px;
        double poni2 = (spec.beamCol() - spec.cropCol0()) * px;
        geometry = new Geometry(det, spec.distance(), poni1, poni2, 0, 0, 0,
                Geometry.wavelengthFromEnergyKeV(energyKeV));

        boolean[] fullGap = fullGapMask(spec.model());
        int fullCols = DetectorSpec.fullShape(spec.model())[1];
        gap = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean any = false;
                for (int i = 0; i < bin && !any; i++) {
                    int fr = spec.cropRow0() + r * bin + i;
                    for (int j = 0; j < bin; j++) {
                        if (fullGap[fr * fullCols + spec.cropCol0() + c * bin + j]) {
                            any = true;
                            break;
                        }
                    }
                }
                gap[r * cols + c] = any;
            }
        }
        double[] qd = geometry.qArray();
        double[] sa = geometry.absoluteSolidAngleArray();
        double[] pol = geometry.polarizationArray(POLARIZATION);
        double[] rr = geometry.rArray();
        double[] chi = geometry.chiArray();
        q = new float[qd.length];
        weight = new float[qd.length];
        beamstop = new boolean[qd.length];
        double bs = spec.beamstop();
        double qMin = Double.POSITIVE_INFINITY;
        double qMax = 0;
        for (int i = 0; i < qd.length; i++) {
            q[i] = (float) qd[i];
            weight[i] = (float) (sa[i] * pol[i]);
            if (bs > 0) {
                // disc of radius bs on the beam, and the arm (width bs) running towards low columns (χ = 180°)
                double along = -rr[i] * Math.cos(chi[i]);
                double across = rr[i] * Math.abs(Math.sin(chi[i]));
                beamstop[i] = rr[i] <= bs || (along >= 0 && across <= bs / 2);
            }
            if (!gap[i] && !beamstop[i]) {
                qMin = Math.min(qMin, q[i]);
                qMax = Math.max(qMax, q[i]);
            }
        }
        // grid slightly wider than the pixel range
        qMin *= 0.999;
        qMax *= 1.001;
        gridQ = new double[GRID];
        boolean log = qMax / qMin > 10;
        for (int g = 0; g < GRID; g++) {
            double u = (double) g / (GRID - 1);
            gridQ[g] = log ? qMin * Math.exp(u * Math.log(qMax / qMin)) : qMin + u * (qMax - qMin);
        }
        gridIndex = new int[qd.length];
        gridFrac = new float[qd.length];
        for (int i = 0; i < qd.length; i++) {
            double u = log ? Math.log(qd[i] / qMin) / Math.log(qMax / qMin) : (qd[i] - qMin) / (qMax - qMin);
            double pos = u * (GRID - 1);
            int g = (int) Math.floor(pos);
            if (g < 0) {
                g = 0;
                pos = 0;
            } else if (g >= GRID - 1) {
                g = GRID - 2;
                pos = GRID - 1;
            }
            gridIndex[i] = g;
            // fraction in q (not in the grid coordinate) so that interpolation is linear in q
            double q0 = gridQ[g];
            double q1 = gridQ[g + 1];
            gridFrac[i] = (float) Math.max(0, Math.min(1, (qd[i] - q0) / (q1 - q0)));
        }
        basis = new double[ScatteringModel.N_COMPONENTS][GRID];
        double[] b = new double[ScatteringModel.N_COMPONENTS];
        for (int g = 0; g < GRID; g++) {
            ScatteringModel.components(gridQ[g], b);
            for (int k = 0; k < b.length; k++) {
                basis[k][g] = b[k];
            }
        }
    }

    /** Gap pixels of the full-size, unbinned detector as mounted. */
    static boolean[] fullGapMask(String model) {
        switch (model) {
            case "eiger9m":
                return Detector.named("Eiger9M").gapMask().raw();
            case "pilatus2m":
                return Detector.named("Pilatus2M").gapMask().raw();
            case "pilatus300kw": {
                // pyFAI's Pilatus300kw (195 × 1475, modules of 195 × 487, 7-column gaps) turned upright
                Mask m = Detector.named("Pilatus300kw").gapMask();
                int r0 = m.height();
                int c0 = m.width();
                boolean[] out = new boolean[r0 * c0];
                for (int r = 0; r < c0; r++) {
                    for (int c = 0; c < r0; c++) {
                        out[r * r0 + c] = m.isMasked(c, r);
                    }
                }
                return out;
            }
            default:
                throw new IllegalArgumentException(model);
        }
    }

    public DetectorSpec spec() {
        return spec;
    }

    public Geometry geometry() {
        return geometry;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Module-gap pixels (true = no pixel there), row-major. Shared. */
    public boolean[] gapPixels() {
        return gap;
    }

    /** Pixels in the beamstop's shadow. Shared. */
    public boolean[] beamstopPixels() {
        return beamstop;
    }

    /** q (Å⁻¹) per pixel centre. Shared. */
    public float[] q() {
        return q;
    }

    /** ΔΩ·P per pixel (sr). Shared. */
    public float[] weight() {
        return weight;
    }

    public double[] gridQ() {
        return gridQ;
    }

    /**
     * The point's model dΣ/dΩ-sum (sr⁻¹ per incident photon) on the q grid: linear components plus the 002 bands of
     * the voxels along the beam (heights and positions).
     */
    public double[] curveOnGrid(double[] coefficients, double[] g002Coefficients, double[] q002) {
        double[] out = new double[GRID];
        for (int k = 0; k < coefficients.length; k++) {
            double c = coefficients[k];
            if (c == 0) {
                continue;
            }
            double[] bk = basis[k];
            for (int g = 0; g < GRID; g++) {
                out[g] += c * bk[g];
            }
        }
        // beyond ±3.5 FWHM a band is below 2e-15 of its height
        double half = 3.5 * ScatteringModel.G002_FWHM;
        for (int j = 0; j < g002Coefficients.length; j++) {
            double h = g002Coefficients[j];
            double qj = q002[j];
            if (h == 0 || gridQ[0] > qj + half || gridQ[GRID - 1] < qj - half) {
                continue;
            }
            for (int g = 0; g < GRID; g++) {
                double qq = gridQ[g];
                if (qq > qj - half && qq < qj + half) {
                    out[g] += h * ScatteringModel.gauss(qq, qj, ScatteringModel.G002_FWHM);
                }
            }
        }
        return out;
    }

    /** Expected counts of pixel i for incident photons {@code photons} and a curve from {@link #curveOnGrid}. */
    public double expected(int i, double[] curve, double photons) {
        if (gap[i] || beamstop[i]) {
            return 0;
        }
        int g = gridIndex[i];
        double v = curve[g] + gridFrac[i] * (curve[g + 1] - curve[g]);
        return photons * weight[i] * v;
    }

    /**
     * Renders one frame: Poisson counts per pixel, gap pixels set to {@code gapValue} (−1: Pilatus; for the Eiger
     * the same bits read as 2³²−1 in the unsigned dataset).
     */
    public void render(double[] curve, double photons, Rng rng, int[] out, int gapValue) {
        for (int i = 0; i < out.length; i++) {
            if (gap[i]) {
                out[i] = gapValue;
            } else if (beamstop[i]) {
                out[i] = 0;
            } else {
                long k = rng.poisson(expected(i, curve, photons));
                out[i] = (int) Math.min(k, Integer.MAX_VALUE);
            }
        }
    }
}
