package org.operando.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.operando.data.Curve;
import org.operando.data.Frame;
import org.operando.data.Mask;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;
import org.operando.util.InvalidInputException;

class IntegratorTest {
    private static final Detector DET = Detector.named("Pilatus300k");
    private static final Geometry G = new Geometry(DET, 0.15, 0.061, 0.042, 0.02, -0.015, 0.1,
            Geometry.wavelengthFromEnergyKeV(20));

    private static Frame uniform(float v) {
        float[] d = new float[DET.size()];
        java.util.Arrays.fill(d, v);
        return new Frame(DET.cols(), DET.rows(), d);
    }

    @Test
    void flatIlluminationGivesAFlatCurveAfterSolidAngleCorrection() {
        // counts proportional to the pixel solid angle (isotropic scatterer): I must be constant
        double[] sa = G.solidAngleArray();
        float[] d = new float[sa.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (1000.0 * sa[i]);
        }
        Frame f = new Frame(DET.cols(), DET.rows(), d);
        for (Split s : Split.values()) {
            Integrator in = Integrator.build(G, IntegrationOptions.of1d(RadialUnit.Q_A, 300, s));
            Curve c = in.integrate1d(f, 1.0);
            int finite = 0;
            for (int b = 0; b < c.size(); b++) {
                if (!Double.isNaN(c.y(b))) {
                    finite++;
                    assertThat(c.y(b)).as(s + " bin " + b).isCloseTo(1000.0, within(1000.0 * 1e-6));
                }
            }
            assertThat(finite).isGreaterThan(250);
        }
    }

    @Test
    void splittingConservesCounts() {
        Random rnd = new Random(3);
        float[] d = new float[DET.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(1000);
        }
        Frame f = new Frame(DET.cols(), DET.rows(), d);
        Mask gaps = DET.gapMask();
        double total = 0;
        for (int i = 0; i < d.length; i++) {
            if (!gaps.isMasked(i)) {
                total += d[i];
            }
        }
        for (Split s : Split.values()) {
            for (int chi : new int[] {0, 72}) {
                IntegrationOptions o = IntegrationOptions.of1d(RadialUnit.TTH_DEG, 500, s).withChiBins(chi);
                Integrator in = Integrator.build(G, o);
                Integrator.Sums sums = in.accumulate(d, null);
                double sig = 0;
                double cnt = 0;
                for (int b = 0; b < in.binCount(); b++) {
                    sig += sums.signal()[b];
                    cnt += sums.count()[b];
                }
                assertThat(sig).as(s + " chi=" + chi + " integrated counts").isCloseTo(total, within(total * 1e-6));
                assertThat(cnt).as(s + " chi=" + chi + " pixel weight").isCloseTo(DET.size() - gaps.countMasked(),
                        within(1e-3 * DET.size()));
            }
        }
        assertThat(f.size()).isEqualTo(d.length);
    }

    @Test
    void cakeAveragedOverChiEqualsTheCurveWithoutSplitting() {
        Random rnd = new Random(4);
        float[] d = new float[DET.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = 100 + rnd.nextInt(50);
        }
        Integrator one = Integrator.build(G, IntegrationOptions.of1d(RadialUnit.Q_NM, 200, Split.NONE));
        Integrator cake = Integrator.build(G, IntegrationOptions.of1d(RadialUnit.Q_NM, 200, Split.NONE).withChiBins(36));
        Integrator.Sums s1 = one.accumulate(d, null);
        Integrator.Sums s2 = cake.accumulate(d, null);
        for (int r = 0; r < 200; r++) {
            double sig = 0;
            double norm = 0;
            for (int c = 0; c < 36; c++) {
                sig += s2.signal()[r * 36 + c];
                norm += s2.normalization()[r * 36 + c];
            }
            assertThat(sig).isCloseTo(s1.signal()[r], within(1e-6 * (1 + Math.abs(sig))));
            assertThat(norm).isCloseTo(s1.normalization()[r], within(1e-6 * (1 + norm)));
        }
        assertThat(cake.chiAxis().size()).isEqualTo(36);
        assertThat(cake.chiAxis().get(0)).isGreaterThan(-180).isLessThan(-170);
    }

    @Test
    void negativePixelsAreMaskedPerFrameAndPoissonSigmaIsRight() {
        Frame f = uniform(400f);
        Integrator in = Integrator.build(G, IntegrationOptions.of1d(RadialUnit.TTH_DEG, 100, Split.NONE)
                .withCorrections(false, null, null, null));
        Curve c = in.integrate1d(f, 1.0);
        double[] n = in.pixelsPerBin();
        for (int b = 0; b < 100; b++) {
            if (n[b] > 0) {
                assertThat(c.y(b)).isCloseTo(400.0, within(1e-9));
                assertThat(c.sigma()[b]).isCloseTo(Math.sqrt(400.0 * n[b]) / n[b], within(1e-9));
            }
        }
        // a dead pixel (-2) in one frame drops out of that frame only
        float[] d = f.data().clone();
        for (int i = 0; i < d.length; i += 3) {
            d[i] = -2;
        }
        Curve c2 = in.integrate1d(new Frame(DET.cols(), DET.rows(), d), 2.0);
        for (int b = 0; b < 100; b++) {
            if (n[b] > 10) {
                assertThat(c2.y(b)).isCloseTo(200.0, within(1e-9)); // normalization 2 halves I
            }
        }
    }

    @Test
    void darkFlatAndPolarizationCorrectionsAreApplied() {
        float[] dark = new float[DET.size()];
        float[] flat = new float[DET.size()];
        java.util.Arrays.fill(dark, 10f);
        java.util.Arrays.fill(flat, 2f);
        double[] pol = G.polarizationArray(0.95);
        double[] sa = G.solidAngleArray();
        float[] d = new float[DET.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (10 + 2 * 500 * sa[i] * pol[i]);
        }
        IntegrationOptions o = IntegrationOptions.of1d(RadialUnit.R_MM, 150, Split.BBOX).withCorrections(true, 0.95, flat, dark);
        Curve c = Integrator.build(G, o).integrate1d(new Frame(DET.cols(), DET.rows(), d), 1.0);
        for (int b = 0; b < c.size(); b++) {
            if (!Double.isNaN(c.y(b))) {
                assertThat(c.y(b)).isCloseTo(500.0, within(500 * 2e-6));
            }
        }
        assertThat(c.axis().unit().nexus()).isEqualTo("mm");
    }

    @Test
    void radialAndAzimuthalRangesRestrictTheBins() {
        IntegrationOptions o = IntegrationOptions.of1d(RadialUnit.Q_A, 100, Split.BBOX)
                .withRanges(new double[] {1.0, 3.0}, new double[] {-45, 45});
        Integrator in = Integrator.build(G, o);
        assertThat(in.radialAxis().get(0)).isCloseTo(1.01, within(1e-6));
        assertThat(in.radialAxis().get(99)).isCloseTo(2.99, within(1e-5));
        double[] chi = G.chiArray();
        double[] q = G.qArray();
        int inside = 0;
        Mask gaps = DET.gapMask();
        for (int p = 0; p < chi.length; p++) {
            if (Math.abs(Math.toDegrees(chi[p])) < 44 && q[p] > 1.05 && q[p] < 2.95 && !gaps.isMasked(p)) {
                inside++;
            }
        }
        double total = 0;
        for (double v : in.pixelsPerBin()) {
            total += v;
        }
        assertThat(total).isGreaterThanOrEqualTo(inside);
        assertThat(total).isLessThan(inside * 1.2 + 100);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> IntegrationOptions.of1d(RadialUnit.Q_A, 0, Split.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--bins");
        assertThatThrownBy(() -> IntegrationOptions.of1d(RadialUnit.Q_A, 10, Split.NONE).withRanges(new double[] {3, 1}, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--radial-range");
        Mask all = new Mask(DET.cols(), DET.rows()).invert();
        assertThatThrownBy(() -> Integrator.build(G, IntegrationOptions.of1d(RadialUnit.Q_A, 10, Split.NONE).withMask(all)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("every pixel is masked");
        Geometry noWl = G.withWavelength(Double.NaN);
        assertThatThrownBy(() -> Integrator.build(noWl, IntegrationOptions.of1d(RadialUnit.Q_A, 10, Split.NONE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("wavelength");
        Integrator in = Integrator.build(G, IntegrationOptions.of1d(RadialUnit.TTH_DEG, 10, Split.NONE));
        assertThatThrownBy(() -> in.integrate1d(new Frame(10, 10, new float[100]), 1.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("frame has 10 × 10");
        float[] wrongDark = new float[5];
        assertThatThrownBy(() -> Integrator.build(G, IntegrationOptions.of1d(RadialUnit.TTH_DEG, 10, Split.NONE)
                .withCorrections(true, null, null, wrongDark))).hasMessageContaining("dark");
    }
}
