package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.operando.util.ProgressListener;

class CentreAndAlignmentTest {
    @Test
    void centreOfMassFindsShiftedAxesWithinAQuarterPixel() {
        int n = 128;
        List<Phantoms.Ellipse> ph = Phantoms.translate(TomoTestSupport.sheppLogan(100), 7, -4);
        for (double centre : new double[] {64, 61.3, 66.75, 57.5}) {
            for (double[] range : new double[][] {{0, 180, 180}, {-60, 60, 121}, {0, 180, 72}}) {
                ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(range[0], range[1], (int) range[2]), n, centre, n);
                float[] sino = Phantoms.sinogram(ph, g, 4);
                double est = CentreFinder.estimate(sino, g.withCentre(n / 2));
                System.out.printf("centre %.2f, angles %s: estimated %.3f (error %.3f px)%n", centre,
                        java.util.Arrays.toString(range), est, est - centre);
                assertThat(Math.abs(est - centre)).isLessThan(0.25);
            }
        }
    }

    @Test
    void mirrorMethodOn360DegreeScans() {
        int n = 120;
        List<Phantoms.Ellipse> ph = Phantoms.translate(TomoTestSupport.sheppLogan(90), -5, 9);
        for (double centre : new double[] {60.0, 57.4, 62.2}) {
            ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 360, 120), n, centre, n);
            float[] sino = Phantoms.sinogram(ph, g, 4);
            double est = CentreFinder.mirror(sino, g);
            System.out.printf("mirror: centre %.2f estimated %.3f%n", centre, est);
            assertThat(Math.abs(est - centre)).isLessThan(0.25);
        }
    }

    @Test
    void alignmentRecoversInjectedRandomShiftsOfASinogram() {
        int n = 96;
        int na = 72;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, na), n);
        float[] sino = Phantoms.sinogram(Phantoms.translate(TomoTestSupport.sheppLogan(80), 3, -2), g, 4);
        Random rnd = new Random(42);
        double[] tx = new double[na];
        float[][] proj = new float[na][];
        for (int a = 0; a < na; a++) {
            tx[a] = 6 * (rnd.nextDouble() - 0.5) * 2;
            float[] p = java.util.Arrays.copyOfRange(sino, a * n, (a + 1) * n);
            // measured(u) = ideal(u - dx): apply the inverse of the correction.
            proj[a] = ProjectionAligner.shift(p, 1, n, -tx[a], 0);
        }
        ProjectionAligner.Result r = ProjectionAligner.align(proj, 1, n, g, ProjectionAligner.Options.defaults(), ProgressListener.NONE);
        double[] err = errors(r.dx(), tx, g);
        System.out.printf("sinogram alignment (72 x 96, shifts ±6 px): max |error| %.3f px, RMS %.3f px after %d iterations%n",
                err[0], err[1], r.changes().length);
        assertThat(err[0]).isLessThan(0.5);
    }

    @Test
    void alignmentRecoversHorizontalAndVerticalShiftsOfAStack() {
        int n = 64;
        int rows = 24;
        int na = 60;
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, na), n);
        float[][] ideal = new float[na][rows * n];
        for (int z = 0; z < rows; z++) {
            double rz = 1 - Math.pow((z - rows / 2.0) / (rows * 0.42), 2);
            if (rz <= 0) {
                continue;
            }
            double scale = Math.sqrt(rz);
            List<Phantoms.Ellipse> ph = List.of(new Phantoms.Ellipse(1, 20 * scale, 14 * scale, 2, -3, 0.4),
                    new Phantoms.Ellipse(0.8, 5 * scale, 5 * scale, -8 + z * 0.3, 6, 0));
            float[] s = Phantoms.sinogram(ph, g, 2);
            for (int a = 0; a < na; a++) {
                System.arraycopy(s, a * n, ideal[a], z * n, n);
            }
        }
        Random rnd = new Random(7);
        double[] tx = new double[na];
        double[] ty = new double[na];
        float[][] meas = new float[na][];
        for (int a = 0; a < na; a++) {
            tx[a] = (rnd.nextDouble() - 0.5) * 8;
            ty[a] = (rnd.nextDouble() - 0.5) * 4;
            meas[a] = ProjectionAligner.shift(ideal[a], rows, n, -tx[a], -ty[a]);
        }
        ProjectionAligner.Result r = ProjectionAligner.align(meas, rows, n, g, ProjectionAligner.Options.defaults(), ProgressListener.NONE);
        double[] ex = errors(r.dx(), tx, g);
        double my = 0;
        double mty = 0;
        for (int a = 0; a < na; a++) {
            my += r.dy()[a] / na;
            mty += ty[a] / na;
        }
        double ey = 0;
        for (int a = 0; a < na; a++) {
            ey = Math.max(ey, Math.abs((r.dy()[a] - my) - (ty[a] - mty)));
        }
        System.out.printf("stack alignment (60 x 24 x 64, ±4 px horizontal, ±2 px vertical): max |error| x %.3f px, y %.3f px%n", ex[0], ey);
        assertThat(ex[0]).isLessThan(0.5);
        assertThat(ey).isLessThan(0.5);
    }

    /**
     * Max and RMS error of estimated horizontal shifts after removing the part that is a rigid translation of
     * the object (X·cos θ − Y·sin θ), which alignment cannot and need not determine.
     */
    static double[] errors(double[] est, double[] truth, ParallelGeometry g) {
        int na = est.length;
        double[] d = new double[na];
        for (int a = 0; a < na; a++) {
            d[a] = est[a] - truth[a];
        }
        double[] fit = CentreFinder.fitSinusoid(d, g, 0);
        double max = 0;
        double s = 0;
        for (int a = 0; a < na; a++) {
            double e = d[a] - (fit[1] * g.cos(a) - fit[2] * g.sin(a));
            max = Math.max(max, Math.abs(e));
            s += e * e;
        }
        return new double[] {max, Math.sqrt(s / na)};
    }
}
