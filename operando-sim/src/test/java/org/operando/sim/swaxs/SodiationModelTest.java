package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SodiationModelTest {
    private final SwaxsConfig config = SwaxsConfig.small(7);
    private final SodiationModel model = new SodiationModel(config.cell(), config.currentMa(), config.platingOnset(),
            config.currentOff(), config.sampleSeed());

    @Test
    void currentAndCapacityMatchTheStudy() {
        // 14 µA at ≈ 0.8C: 0.22 A/g of hard carbon
        assertThat(model.cRate()).isBetween(0.7, 0.9);
        double specific = config.currentMa() / SodiationModel.hardCarbonMassMg(config.cell()); // mA/mg = A/g
        assertThat(specific).isCloseTo(0.23, within(0.02));
        assertThat(model.charge(3600)).isCloseTo(-0.014, within(1e-12));
        assertThat(model.charge(-10)).isZero();
        assertThat(model.charge(1e6)).isCloseTo(-0.014 * config.currentOff() / 3600, within(1e-12));
    }

    @Test
    void voltageProfileHasSlopePlateauBelowZeroAndAPlatingDip() {
        assertThat(model.voltage(-100)).isEqualTo(SodiationModel.OCV);
        double prev = model.voltage(0);
        for (double t = 10; t < config.platingOnset(); t += 10) {
            double v = model.voltage(t);
            assertThat(v).as("t=" + t).isLessThanOrEqualTo(prev + 1e-12);
            prev = v;
        }
        // sloping region: above 0.05 V after 5 min, plateau with overpotential below 0 V before plating
        assertThat(model.voltage(300)).isGreaterThan(0.05);
        assertThat(model.voltage(config.platingOnset() - 60)).isBetween(-0.09, 0.0);
        // onset of plating: a clear voltage decrease (> 40 mV within two minutes)
        double before = model.voltage(config.platingOnset() - 1);
        double after = model.voltage(config.platingOnset() + 120);
        assertThat(before - after).isGreaterThan(0.04);
        // relaxation towards ≈ 0 V (plated sodium) after the current stops
        assertThat(model.voltage(config.currentOff() + 3600)).isCloseTo(0.002, within(0.005));
    }

    @Test
    void mechanismsFollowTheStudy() {
        SwaxsSimulation sim = new SwaxsSimulation(config);
        List<SwaxsConfig.Scan> scans = config.scans();
        double prevFill = -1;
        double prevD = 0;
        boolean firstPlated = true;
        double prevPlatingY = 0;
        for (SwaxsConfig.Scan s : scans) {
            SwaxsSimulation.ScanSummary sum = sim.summary(s, sim.truth(s));
            assertThat(sum.meanFilling()).isGreaterThanOrEqualTo(prevFill);
            assertThat(sum.meanD002()).isGreaterThanOrEqualTo(prevD);
            prevFill = sum.meanFilling();
            prevD = sum.meanD002();
            boolean afterOnset = s.start() > config.platingOnset();
            assertThat(sum.plating()).as(s.name()).isEqualTo(afterOnset);
            if (afterOnset) {
                if (firstPlated) {
                    // plating starts at the electrode/current-collector interface …
                    assertThat(sum.platingRegion()).startsWith("electrode/current-collector interface");
                    firstPlated = false;
                }
                // … and grows upwards from there
                assertThat(sum.platingY()).isGreaterThanOrEqualTo(prevPlatingY);
                prevPlatingY = sum.platingY();
            }
            if (s.index() <= 3) {
                assertThat(sum.meanPseudoMetal()).as(s.name()).isLessThan(0.01);
            }
        }
        // pseudo-metallic sodium appears with op5, as in the study
        SwaxsSimulation.ScanSummary op5 = sim.summary(scans.get(5), sim.truth(scans.get(5)));
        assertThat(op5.meanPseudoMetal()).isGreaterThan(0.05);
        // intercalation proceeds in the sloping region already (continuous), pore filling mostly later
        SwaxsSimulation.ScanSummary op1 = sim.summary(scans.get(1), sim.truth(scans.get(1)));
        assertThat(op1.meanIntercalation()).isGreaterThan(0.3);
        assertThat(op1.meanFilling()).isLessThan(0.05);
    }

    @Test
    void sodiationIsFasterNearTheCurrentCollector() {
        double t = config.firstOperando() + 3 * config.scanInterval();
        double bottom = 0;
        double top = 0;
        int n = 0;
        for (double x = -0.3; x <= 0.3; x += 0.01) {
            bottom += model.state(x, 0.02, 0.1, t).filling();
            top += model.state(x, 0.25, 0.1, t).filling();
            n++;
        }
        assertThat(bottom / n).isGreaterThan(1.5 * top / n);
    }

    @Test
    void micoporeIntensityRisesSlightlyThenFallsByAboutAThird() {
        // electrode-mean relative pore contrast (what the SAXS mid-q region measures)
        SwaxsSimulation sim = new SwaxsSimulation(config);
        double[] contrast = new double[config.scans().size()];
        for (SwaxsConfig.Scan s : config.scans()) {
            double c = 0;
            int n = 0;
            for (PointTruth pt : sim.truth(s)) {
                if (pt.region() == PointTruth.Region.ELECTRODE) {
                    c += ScatteringModel.poreContrast(pt.state().filling(), pt.state().intercalation());
                    n++;
                }
            }
            contrast[s.index()] = c / n;
        }
        assertThat(contrast[1]).isGreaterThan(1.0).isLessThan(1.05);
        assertThat(contrast[5]).isBetween(0.55, 0.75);
    }

    @Test
    void randomFieldIsReproducibleAndHasUnitRms() {
        SodiationModel.RandomField f = new SodiationModel.RandomField(new java.util.SplittableRandom(3), 0.15, 0.5);
        SodiationModel.RandomField g = new SodiationModel.RandomField(new java.util.SplittableRandom(3), 0.15, 0.5);
        double s2 = 0;
        int n = 0;
        for (double x = -5; x <= 5; x += 0.013) {
            for (double y = -5; y <= 5; y += 0.017) {
                double v = f.value(x, y, 0.37);
                assertThat(g.value(x, y, 0.37)).isEqualTo(v);
                s2 += v * v;
                n++;
            }
        }
        assertThat(Math.sqrt(s2 / n)).isCloseTo(1.0, within(0.1));
    }

    /** The electrode swells with plated sodium (op 7) and lifts off the pin after the current stops (post). */
    @Test
    void electrodeSwellsWithPlatingAndDelaminatesAfterwards() {
        CellGeometry c0 = config.cell();
        assertThat(model.cellAt(config.platingOnset() - 1)).isEqualTo(c0);
        double tOp7 = config.firstOperando() + 6 * config.scanInterval();
        CellGeometry c7 = model.cellAt(tOp7);
        double tau = Math.min(1, (tOp7 - config.platingOnset()) / 1800.0);
        assertThat(c7.capHeight()).isCloseTo(c0.capHeight() * (1 + 0.25 * tau), within(1e-12));
        assertThat(c7.capBase()).isZero();
        assertThat(model.density(tOp7)).isCloseTo(c0.capVolumeMm3() / c7.capVolumeMm3(), within(1e-12)).isLessThan(1);
        CellGeometry post = model.cellAt(config.postStart());
        assertThat(post.capBase()).isCloseTo(SodiationModel.DELAMINATION, within(1e-12));
        // in the scans: more electrode points at op7 than pristine; at post the line just above the pin is electrolyte
        SwaxsSimulation sim = new SwaxsSimulation(config);
        List<SwaxsConfig.Scan> scans = config.scans();
        long pristine = sim.truth(scans.get(0)).stream().filter(p -> p.region() == PointTruth.Region.ELECTRODE).count();
        long op7 = sim.truth(scans.get(7)).stream().filter(p -> p.region() == PointTruth.Region.ELECTRODE).count();
        assertThat(op7).isGreaterThan(pristine);
        for (PointTruth p : sim.truth(scans.get(8))) {
            if (p.y() > 0 && p.y() < SodiationModel.DELAMINATION && Math.abs(p.x()) < 0.6) {
                assertThat(p.region()).isEqualTo(PointTruth.Region.ELECTROLYTE);
            }
        }
        for (PointTruth p : sim.truth(scans.get(0))) {
            if (p.y() > 0 && p.y() < SodiationModel.DELAMINATION && Math.abs(p.x()) < 0.6) {
                assertThat(p.region()).isEqualTo(PointTruth.Region.ELECTRODE);
            }
        }
    }
}
