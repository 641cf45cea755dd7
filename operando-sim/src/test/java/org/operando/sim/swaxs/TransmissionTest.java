package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The transmission (diode) map reproduces the cell geometry: pin, capillary walls, electrode cap. */
class TransmissionTest {
    private final CellGeometry cell = CellGeometry.study();
    private final BeamPath thin = new BeamPath(cell, 13.2, 1e-6, 1e-6);
    private final BeamPath beam = new BeamPath(cell, 13.2, 0.025, 0.015);

    /** Position where a profile crosses half-way between its two plateaus, by linear interpolation. */
    private static double crossing(double[] x, double[] t, double level) {
        for (int i = 1; i < x.length; i++) {
            if ((t[i - 1] - level) * (t[i] - level) <= 0 && t[i] != t[i - 1]) {
                return x[i - 1] + (level - t[i - 1]) * (x[i] - x[i - 1]) / (t[i] - t[i - 1]);
            }
        }
        return Double.NaN;
    }

    @Test
    void pinEdgesAndTipAreFoundAtHalfTransmission() {
        // horizontal line through the pin: a 25 µm top-hat beam halves the outside transmission at the edge
        int n = 401;
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.70 + 0.05 * i / (n - 1);
            t[i] = beam.weights(x[i], -0.1, null).transmission();
        }
        double outside = thin.rayTransmission(0.7255, -0.1, 0);
        assertThat(crossing(x, t, outside / 2)).isCloseTo(cell.pinRadius(), within(0.001));
        // vertical line at the centre: pin tip at y = 0
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = -0.02 + 0.04 * i / (n - 1);
            t[i] = beam.weights(0, y[i], null).transmission();
        }
        double above = thin.rayTransmission(0, 0.001, 0);
        assertThat(crossing(y, t, above / 2)).isCloseTo(0.0, within(0.001));
    }

    @Test
    void capillaryWallsGiveTheLongestQuartzPathAtTheBore() {
        // transmission along a line above the electrode is lowest where the beam grazes the inner wall
        double best = 1;
        double where = 0;
        for (double x = 0.5; x < 0.95; x += 0.001) {
            double t = thin.rayTransmission(x, 0.4, 0);
            if (t < best) {
                best = t;
                where = x;
            }
        }
        assertThat(where).isCloseTo(cell.innerRadius(), within(0.001));
        // outside the capillary nothing attenuates
        assertThat(thin.rayTransmission(cell.outerRadius() + 0.001, 0.4, 0)).isEqualTo(1.0);
        // Beer–Lambert through the centre: both walls + bore of electrolyte
        Materials.Attenuation mu = Materials.attenuation(13.2);
        assertThat(thin.rayTransmission(0, 0.4, 0)).isCloseTo(Math.exp(-mu.quartz() * 0.3 - mu.electrolyte() * 1.5),
                within(1e-12));
    }

    @Test
    void electrodeCapChangesAttenuationByItsAnalyticThickness() {
        Materials.Attenuation mu = Materials.attenuation(13.2);
        for (double y : new double[] {0.01, 0.1, 0.2, 0.29}) {
            double le = cell.electrodePath(0.1, y);
            double ratio = thin.rayTransmission(0.1, y, 0) / thin.rayTransmission(0.1, 0.4, 0);
            assertThat(-Math.log(ratio)).isCloseTo((mu.electrode() - mu.electrolyte()) * le, within(1e-12));
        }
    }

    /** In the written files: diode / open beam < 0.1 masks exactly the current collector of the truth maps. */
    @Test
    void writtenDiodeMapMasksThePinAndMatchesTheTruth() throws Exception {
        Path out = Fixture.written();
        SwaxsConfig c = Fixture.config(11);
        double[] diode;
        double open;
        try (HdfFile m = new HdfFile(out.resolve("raw/op6_master.h5"))) {
            diode = (double[]) m.getDatasetByPath("/entry/instrument/diode/data").getData();
            open = (Double) m.getDatasetByPath("/entry/instrument/diode/open_beam").getData();
        }
        int[][] collector;
        float[][] trans;
        try (HdfFile t = new HdfFile(out.resolve("truth/op6_truth.h5"))) {
            collector = (int[][]) t.getDatasetByPath("/entry/truth/current_collector_mask").getData();
            trans = (float[][]) t.getDatasetByPath("/entry/truth/transmission").getData();
        }
        int pins = 0;
        for (int p = 0; p < c.points(); p++) {
            int r = p / c.nx();
            int col = p % c.nx();
            double tr = diode[p] / open;
            assertThat(tr < 0.1).as("point " + p).isEqualTo(collector[r][col] == 1);
            pins += collector[r][col];
            // diode read-out noise 0.1 % (each of diode and open beam): 5σ
            assertThat(tr).isCloseTo(trans[r][col], within(5 * 1.5e-3 * trans[r][col] + 1e-9));
        }
        assertThat(pins).isGreaterThan(3);
    }

    /** The paper raster (61 × 31) sees pin, electrode and electrolyte above it, and the pin is opaque. */
    @Test
    void paperRasterCoversPinElectrodeAndElectrolyte() {
        SwaxsConfig c = SwaxsConfig.paper(1);
        SwaxsSimulation sim = new SwaxsSimulation(c);
        java.util.Map<PointTruth.Region, Integer> n = new java.util.EnumMap<>(PointTruth.Region.class);
        boolean electrolyteOnTop = true;
        for (PointTruth pt : sim.truth(c.scans().get(0))) {
            n.merge(pt.region(), 1, Integer::sum);
            if (pt.region() == PointTruth.Region.CURRENT_COLLECTOR) {
                assertThat(pt.weights().transmission()).isLessThan(0.1);
            }
            if (pt.row() == 0 && Math.abs(pt.x()) < 0.7) {
                electrolyteOnTop &= pt.region() == PointTruth.Region.ELECTROLYTE;
            }
        }
        assertThat(c.points()).isEqualTo(1891);
        assertThat(n.get(PointTruth.Region.ELECTRODE)).isGreaterThan(700);
        assertThat(n.get(PointTruth.Region.CURRENT_COLLECTOR)).isGreaterThan(100);
        assertThat(n.get(PointTruth.Region.ELECTROLYTE)).isGreaterThan(100);
        assertThat(electrolyteOnTop).isTrue();
    }
}
