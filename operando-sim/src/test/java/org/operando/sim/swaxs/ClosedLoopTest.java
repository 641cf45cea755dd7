package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.operando.data.Curve;
import org.operando.data.Frame;
import org.operando.data.Mask;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;
import org.operando.integrate.IntegrationOptions;
import org.operando.integrate.Integrator;
import org.operando.integrate.Split;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.io.poni.PoniFile;

/**
 * Closing the loop: frames read back from the written HDF5 files, integrated with operando's integrator and the
 * written PONI file (solid angle and polarization corrected, normalised by incident photons × Ω at the PONI),
 * reproduce the analytic 1D model of the same point within Poisson noise (variance = expected counts per pixel):
 * χ²/dof = 1 within 4 standard deviations
 * of the χ² distribution (√(2/dof)). The model per bin is the analytic model evaluated exactly at every pixel
 * (not the renderer's q grid) and averaged over the bin with the same integrator.
 */
class ClosedLoopTest {
    static double[] chi2(Path out, SwaxsConfig config, String scanName, int which, int point) throws Exception {
        SwaxsSimulation sim = new SwaxsSimulation(config);
        SwaxsConfig.Scan scan = config.scans().stream().filter(s -> s.name().equals(scanName)).findFirst().orElseThrow();
        PointTruth pt = sim.point(scan, point);
        String role = which == SwaxsSimulation.SAXS ? "saxs" : "waxs";
        Geometry g = PoniFile.read(out.resolve(role + ".poni"));
        Mask mask;
        try (HdfFile master = new HdfFile(out.resolve("raw").resolve(scanName + "_master.h5"))) {
            int[][] pm = (int[][]) master.getDatasetByPath("/entry/instrument/" + role + "/pixel_mask").getData();
            int[][] bs = (int[][]) master.getDatasetByPath("/entry/instrument/" + role + "/beamstop_mask").getData();
            int rows = pm.length;
            int cols = pm[0].length;
            boolean[] m = new boolean[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m[r * cols + c] = pm[r][c] != 0 || bs[r][c] != 0;
                }
            }
            mask = new Mask(cols, rows, m);
        }
        IntegrationOptions opt = new IntegrationOptions(RadialUnit.Q_A, 120, 0, Split.NONE, null, null, mask, true,
                DetectorModel.POLARIZATION, null, null);
        Integrator integ = Integrator.build(g, opt);
        Frame frame;
        try (Hdf5FrameSource src = Hdf5FrameSource.open(
                out.resolve("raw").resolve(scanName + "_" + role + "_data_000001.h5"), SwaxsWriter.DATA_PATH)) {
            frame = src.read(point);
        }
        double omega0 = g.detector().pixel1() * g.detector().pixel2() / (g.dist() * g.dist());
        double norm = sim.photons() * omega0;
        // exact analytic expected image, integrated the same way
        double[] q = g.qArray();
        double[] sa = g.absoluteSolidAngleArray();
        double[] pol = g.polarizationArray(DetectorModel.POLARIZATION);
        float[] model = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            model[i] = (float) (sim.photons() * sa[i] * pol[i] * pt.intensity(q[i]));
        }
        Curve expected = integ.integrate1d(new Frame(frame.width(), frame.height(), model), norm);
        // the measured curve with the Poisson variance of the expected counts (the integrator's default estimate,
        // max(counts, 1), is biased where a pixel sees ~1 count, e.g. electrolyte-only SAXS at high q)
        double[][] ie = integ.intensity(integ.accumulate(frame.data(), model), norm);
        Curve measured = new Curve(expected.axis(), ie[0], ie[1], "I", expected.unit());
        double chi2 = 0;
        int dof = 0;
        for (int b = 0; b < measured.size(); b++) {
            double m = measured.y(b);
            double e = expected.y(b);
            double s = measured.sigma()[b];
            if (Double.isFinite(m) && Double.isFinite(e) && s > 0) {
                chi2 += (m - e) * (m - e) / (s * s);
                dof++;
            }
        }
        return new double[] {chi2, dof};
    }

    private static void assertChi2(double[] r, String what) {
        double reduced = r[0] / r[1];
        double tol = 4 * Math.sqrt(2 / r[1]);
        System.out.printf("closed loop %s: chi2/dof = %.3f over %d bins (tolerance ±%.3f)%n", what, reduced,
                (int) r[1], tol);
        assertThat(r[1]).as(what + " bins").isGreaterThan(60);
        assertThat(reduced).as(what + " χ²/dof").isBetween(1 - tol, 1 + tol);
    }

    @Test
    void electrodeFramesReproduceTheAnalyticModel() throws Exception {
        Path out = Fixture.written();
        SwaxsConfig c = Fixture.config(11);
        // op6, electrode point next to the current collector (plated Na, pseudo-metal, filled pores): row 6 col 4
        int p = 6 * c.nx() + 4;
        SwaxsSimulation sim = new SwaxsSimulation(c);
        PointTruth pt = sim.point(c.scans().get(6), p);
        assertThat(pt.region()).isEqualTo(PointTruth.Region.ELECTRODE);
        assertThat(pt.state().plating()).isGreaterThan(0.01);
        assertChi2(chi2(out, c, "op6", SwaxsSimulation.SAXS, p), "SAXS op6 electrode");
        assertChi2(chi2(out, c, "op6", SwaxsSimulation.WAXS, p), "WAXS op6 electrode");
    }

    @Test
    void electrolyteAndPristineFramesReproduceTheAnalyticModel() throws Exception {
        Path out = Fixture.written();
        SwaxsConfig c = Fixture.config(11);
        int electrolyte = c.nx() + 5;
        assertChi2(chi2(out, c, "pristine", SwaxsSimulation.SAXS, electrolyte), "SAXS pristine electrolyte");
        assertChi2(chi2(out, c, "pristine", SwaxsSimulation.WAXS, 5 * c.nx() + 5), "WAXS pristine electrode");
    }

    /** A wrong model (pore filling off by 0.05) is rejected: the test can fail. */
    @Test
    void aWrongModelIsRejected() throws Exception {
        Path out = Fixture.written();
        SwaxsConfig c = Fixture.config(11);
        int p = 6 * c.nx() + 4;
        SwaxsSimulation sim = new SwaxsSimulation(c);
        PointTruth pt = sim.point(c.scans().get(6), p);
        ElectrodeState[] off = new ElectrodeState[pt.voxels().length];
        for (int j = 0; j < off.length; j++) {
            ElectrodeState s = pt.voxels()[j];
            off[j] = new ElectrodeState(s.filling() + 0.05, s.intercalation(), s.seiFactor(), s.pseudoMetal(),
                    s.plating());
        }
        PointTruth wrong = new PointTruth(pt.index(), pt.row(), pt.col(), pt.x(), pt.y(), pt.time(),
                ElectrodeState.mean(off), off, pt.weights(), pt.region());
        Geometry g = PoniFile.read(out.resolve("saxs.poni"));
        Integrator integ = Integrator.build(g, IntegrationOptions.of1d(RadialUnit.Q_A, 120, Split.NONE)
                .withCorrections(true, DetectorModel.POLARIZATION, null, null));
        Frame frame;
        try (Hdf5FrameSource src = Hdf5FrameSource.open(out.resolve("raw/op6_saxs_data_000001.h5"),
                SwaxsWriter.DATA_PATH)) {
            frame = src.read(p);
        }
        double omega0 = g.detector().pixel1() * g.detector().pixel2() / (g.dist() * g.dist());
        Curve measured = integ.integrate1d(frame, sim.photons() * omega0);
        double chi2 = 0;
        int n = 0;
        for (int b = 0; b < measured.size(); b++) {
            double q = measured.x(b);
            if (q > 0.12 && q < 0.4 && Double.isFinite(measured.y(b))) {
                double d = (measured.y(b) - wrong.intensity(q)) / measured.sigma()[b];
                chi2 += d * d;
                n++;
            }
        }
        assertThat(chi2 / n).isGreaterThan(5);
    }

    /**
     * Every point of a scan (electrode, electrolyte, walls, pin) on both detectors, χ² summed over the bins with at
     * least 25 expected counts (Gaussian regime): with ~3·10⁴ degrees of freedom the tolerance ±4√(2/dof) is ±0.03.
     */
    @Test
    void allPointsOfBothScansTogether() throws Exception {
        Path out = Fixture.written();
        SwaxsConfig c = Fixture.config(11);
        SwaxsSimulation sim = new SwaxsSimulation(c);
        double chi2 = 0;
        long dof = 0;
        for (String scanName : Fixture.SCANS) {
            SwaxsConfig.Scan scan = c.scans().stream().filter(s -> s.name().equals(scanName)).findFirst().orElseThrow();
            for (int which : new int[] {SwaxsSimulation.SAXS, SwaxsSimulation.WAXS}) {
                String role = which == SwaxsSimulation.SAXS ? "saxs" : "waxs";
                Geometry g = PoniFile.read(out.resolve(role + ".poni"));
                DetectorModel d = sim.detector(which);
                boolean[] m = d.gapPixels().clone();
                for (int i = 0; i < m.length; i++) {
                    m[i] |= d.beamstopPixels()[i];
                }
                Integrator integ = Integrator.build(g, new IntegrationOptions(RadialUnit.Q_A, 120, 0, Split.NONE,
                        null, null, new Mask(d.cols(), d.rows(), m), true, DetectorModel.POLARIZATION, null, null));
                double[] q = g.qArray();
                double[] w = g.absoluteSolidAngleArray();
                double[] pol = g.polarizationArray(DetectorModel.POLARIZATION);
                double[][] basis = new double[ScatteringModel.N_COMPONENTS][q.length];
                double[] b = new double[ScatteringModel.N_COMPONENTS];
                for (int i = 0; i < q.length; i++) {
                    ScatteringModel.components(q[i], b);
                    for (int k = 0; k < b.length; k++) {
                        basis[k][i] = b[k];
                    }
                    w[i] *= pol[i] * sim.photons();
                }
                double norm = sim.photons() * g.detector().pixel1() * g.detector().pixel2() / (g.dist() * g.dist());
                try (Hdf5FrameSource src = Hdf5FrameSource.open(
                        out.resolve("raw").resolve(scanName + "_" + role + "_data_000001.h5"), SwaxsWriter.DATA_PATH)) {
                    for (int p = 0; p < c.points(); p++) {
                        PointTruth pt = sim.point(scan, p);
                        double[] coef = ScatteringModel.coefficients(pt.weights(), pt.voxels());
                        double[] c002 = ScatteringModel.g002Coefficients(pt.weights(), pt.voxels());
                        double[] q002 = ScatteringModel.g002Positions(pt.voxels());
                        float[] model = new float[q.length];
                        for (int i = 0; i < q.length; i++) {
                            double v = 0;
                            for (int j = 0; j < c002.length; j++) {
                                v += c002[j] * ScatteringModel.gauss(q[i], q002[j], ScatteringModel.G002_FWHM);
                            }
                            for (int k = 0; k < coef.length; k++) {
                                v += coef[k] * basis[k][i];
                            }
                            model[i] = (float) (w[i] * v);
                        }
                        Frame frame = src.read(p);
                        double[][] meas = integ.intensity(integ.accumulate(frame.data(), model), norm);
                        Integrator.Sums expSums = integ.accumulate(model, null);
                        double[][] exp = integ.intensity(expSums, norm);
                        for (int k = 0; k < meas[0].length; k++) {
                            double s = meas[1][k];
                            // Gaussian regime only: ≥ 25 expected counts in the bin (pin and gap-edge bins see ~0)
                            if (Double.isFinite(meas[0][k]) && Double.isFinite(exp[0][k]) && s > 0
                                    && expSums.signal()[k] >= 25) {
                                double dd = (meas[0][k] - exp[0][k]) / s;
                                chi2 += dd * dd;
                                dof++;
                            }
                        }
                    }
                }
            }
        }
        double reduced = chi2 / dof;
        double tol = 4 * Math.sqrt(2.0 / dof);
        System.out.printf("closed loop, all points of %s on both detectors: chi2/dof = %.4f over %d bins (±%.4f)%n",
                Fixture.SCANS, reduced, dof, tol);
        assertThat(dof).isGreaterThan(10_000);
        assertThat(reduced).isBetween(1 - tol, 1 + tol);
    }
}
