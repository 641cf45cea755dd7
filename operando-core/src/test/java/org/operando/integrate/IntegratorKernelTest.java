package org.operando.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;

/**
 * The integration kernels against each other: the zero-skipping (sparse) kernel against the plain one over every
 * pixel, and the compact 1D matrix layout against CSR, for every splitting, 1D and cake, on frames like a SAXS
 * Eiger's (mostly 0–3 photons) with invalid pixels (negative, NaN, overflow), fractional and negative-zero values.
 * Signal, normalization and count must agree to the bit (the same terms are added in the same order; a zero adds
 * nothing), the variance to rounding (the c² of the zeros is added per bin instead of per pixel), and exactly for
 * integer counts without splitting. A frame streamed in runs of pixels gives the same sums however it is cut.
 */
class IntegratorKernelTest {
    private static final Detector DET = Detector.named("Pilatus300k");
    private static final Geometry G = new Geometry(DET, 0.15, 0.061, 0.042, 0.02, -0.015, 0.1,
            Geometry.wavelengthFromEnergyKeV(20));

    static float[] saxsLike(long seed) {
        Random r = new Random(seed);
        float[] d = new float[DET.size()];
        for (int i = 0; i < d.length; i++) {
            int u = r.nextInt(100);
            d[i] = u < 80 ? 0f : u < 97 ? 1 + r.nextInt(3) : r.nextInt(5000);
        }
        d[17] = -1f;
        d[1000] = -2f;
        d[5000] = Float.NaN;
        d[7000] = Integrator.OVERFLOW;
        d[9000] = 0.5f;
        d[9001] = -0f;
        d[20000] = 2.75f;
        return d;
    }

    @Test
    void zeroSkippingKernelEqualsThePlainOne() {
        float[] d = saxsLike(5);
        for (Split s : Split.values()) {
            for (int chi : new int[] {0, 36}) {
                IntegrationOptions o = IntegrationOptions.of1d(RadialUnit.Q_A, 400, s).withChiBins(chi)
                        .withCorrections(true, 0.99, null, null);
                Integrator in = Integrator.build(G, o);
                Integrator.Sums sparse = in.accumulate(d, null, true);
                Integrator.Sums plain = in.accumulate(d, null, false);
                String what = s + " chi=" + chi;
                assertThat(sparse.signal()).as(what + " signal").containsExactly(plain.signal());
                assertThat(sparse.normalization()).as(what + " normalization").containsExactly(plain.normalization());
                assertThat(sparse.count()).as(what + " count").containsExactly(plain.count());
                for (int b = 0; b < in.binCount(); b++) {
                    double v = plain.variance()[b];
                    assertThat(sparse.variance()[b]).as(what + " variance bin " + b)
                            .isCloseTo(v, within(1e-13 * Math.abs(v) + 1e-300));
                }
            }
        }
    }

    @Test
    void withoutSplittingIntegerCountsGiveTheSameVarianceToTheBit() {
        float[] d = saxsLike(6);
        d[9000] = 0f;
        d[20000] = 3f;
        Integrator in = Integrator.build(G, IntegrationOptions.of1d(RadialUnit.TTH_DEG, 1000, Split.NONE));
        assertThat(in.accumulate(d, null, true).variance()).containsExactly(in.accumulate(d, null, false).variance());
    }

    @Test
    void compactLayoutEqualsCsr() {
        float[] d = saxsLike(7);
        float[] var = new float[d.length];
        float[] dark = new float[d.length];
        Random r = new Random(8);
        for (int i = 0; i < d.length; i++) {
            var[i] = r.nextFloat() * 4;
            dark[i] = r.nextFloat() * 0.1f;
        }
        for (Split s : Split.values()) {
            for (int bins : new int[] {100, 3000}) {
                IntegrationOptions o = IntegrationOptions.of1d(RadialUnit.Q_A, bins, s)
                        .withCorrections(true, 0.99, null, null);
                Integrator compact = Integrator.build(G, o);
                Integrator csr = Integrator.buildCsr(G, o);
                assertThat(compact.nonZeros()).isEqualTo(csr.nonZeros());
                assertThat(compact.pixelsPerBin()).containsExactly(csr.pixelsPerBin());
                for (boolean skip : new boolean[] {true, false}) {
                    for (float[] v : new float[][] {null, var}) {
                        String what = s + " " + bins + " bins, skip zeros " + skip + ", variance " + (v != null);
                        same(compact.accumulate(d, v, skip), csr.accumulate(d, v, skip), what);
                    }
                }
                IntegrationOptions od = o.withCorrections(true, 0.99, null, dark);
                same(Integrator.build(G, od).accumulate(d, null), Integrator.buildCsr(G, od).accumulate(d, null),
                        s + " " + bins + " bins with dark");
            }
        }
    }

    @Test
    void streamedAccumulationEqualsTheWholeFrame() {
        float[] d = saxsLike(9);
        float[] dark = new float[d.length];
        Random r = new Random(10);
        for (int i = 0; i < d.length; i++) {
            dark[i] = r.nextFloat() * 0.1f;
        }
        for (Split s : Split.values()) {
            for (int chi : new int[] {0, 36}) {
                for (float[] dk : new float[][] {null, dark}) {
                    IntegrationOptions o = IntegrationOptions.of1d(RadialUnit.Q_A, 400, s).withChiBins(chi)
                            .withCorrections(true, 0.99, null, dk);
                    Integrator in = Integrator.build(G, o);
                    String what = s + " chi=" + chi + " dark " + (dk != null);
                    // one run, and runs of random lengths at random offsets of a larger array
                    Integrator.Accumulation whole = in.accumulation();
                    whole.accept(0, d, 0, d.length);
                    Integrator.Sums one = whole.finish();
                    Integrator.Accumulation pieces = in.accumulation();
                    for (int p = 0; p < d.length; ) {
                        int n = Math.min(d.length - p, r.nextInt(3) == 0 ? r.nextInt(5) : r.nextInt(40000));
                        int off = r.nextInt(100);
                        float[] buf = new float[off + n + r.nextInt(10)];
                        System.arraycopy(d, p, buf, off, n);
                        pieces.accept(p, buf, off, n);
                        p += n;
                    }
                    same(pieces.finish(), one, what + " in pieces");
                    // the whole-frame kernel splits the pixels over the threads: the same sums to rounding
                    Integrator.Sums ref = in.accumulate(d, null);
                    close(one.signal(), ref.signal(), what + " signal");
                    close(one.variance(), ref.variance(), what + " variance");
                    close(one.normalization(), ref.normalization(), what + " normalization");
                    close(one.count(), ref.count(), what + " count");
                }
            }
        }
    }

    @Test
    void streamedAccumulationRefusesPixelsOutOfOrderAndAnIncompleteFrame() {
        Integrator in = Integrator.build(G, IntegrationOptions.of1d(RadialUnit.Q_A, 100, Split.BBOX));
        Integrator.Accumulation a = in.accumulation();
        a.accept(0, new float[10], 0, 10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.accept(5, new float[10], 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order");
        org.assertj.core.api.Assertions.assertThatThrownBy(a::finish)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("incomplete");
    }

    private static void close(double[] a, double[] b, String what) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(b[i])) {
                assertThat(a[i]).as(what + " " + i).isNaN();
            } else {
                assertThat(a[i]).as(what + " " + i).isCloseTo(b[i], within(1e-12 * Math.abs(b[i]) + 1e-9));
            }
        }
    }

    private static void same(Integrator.Sums a, Integrator.Sums b, String what) {
        assertThat(a.signal()).as(what + " signal").containsExactly(b.signal());
        assertThat(a.variance()).as(what + " variance").containsExactly(b.variance());
        assertThat(a.normalization()).as(what + " normalization").containsExactly(b.normalization());
        assertThat(a.count()).as(what + " count").containsExactly(b.count());
    }
}
