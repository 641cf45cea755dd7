package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fbp's symmetric back-projector against a plain pixel-driven back-projection in double precision of the same
 * filtered projections (u = centre + x·cos θ − y·sin θ per pixel and angle, linear or nearest-bin interpolation,
 * zero outside the known bins), for angle lists with full orbits (even angles over 180°), orbits of two (a 360°
 * scan, θ and θ + 90° only), none (random angles), an axis off the bin grid (no point reflection), odd and even
 * grids, with and without the circle.
 */
class FbpBackprojectionTest {

    /** Reference back-projection of filtered projections q (bins first … first + extent − 1 known). */
    static double[] reference(ParallelGeometry g, float[][] q, int first, int extent, boolean circle, boolean nearest) {
        int n = g.size();
        int ic = (int) g.imageCentre();
        int radius = n / 2;
        double[] img = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (circle && (long) (c - radius) * (c - radius) + (long) (r - radius) * (r - radius) > (long) radius * radius) {
                    continue;
                }
                double s = 0;
                for (int a = 0; a < g.angleCount(); a++) {
                    double u = g.centre() + (c - ic) * g.cos(a) - (r - ic) * g.sin(a) - first;
                    if (nearest) {
                        s += value(q[a], (int) Math.floor(u + 0.5), extent);
                    } else {
                        int i = (int) Math.floor(u);
                        double f = u - i;
                        s += (1 - f) * value(q[a], i, extent) + f * value(q[a], i + 1, extent);
                    }
                }
                img[r * n + c] = s;
            }
        }
        return img;
    }

    static double value(float[] q, int i, int extent) {
        return i >= 0 && i < extent ? q[i] : 0;
    }

    /** Largest difference between Fbp and the reference, relative to the largest reference magnitude. */
    static double compare(ParallelGeometry g, boolean circle, Fbp.Interpolation in, int[] expectedOrbits) {
        float[] sino = Phantoms.sinogram(Phantoms.sheppLogan(0.4 * g.size()), g, 2);
        Fbp fbp = new Fbp(g, FbpFilter.RAMP, in, circle);
        float[] ours = fbp.reconstruct(sino);
        float[][] q = fbp.filterSinogram(sino);
        int nDet = g.detectorSize();
        int len = circle ? (int) Math.ceil(Math.sqrt(2) * nDet) : nDet;
        double[] ref = reference(g, q, -(len / 2 - nDet / 2), len, circle, in == Fbp.Interpolation.NEAREST);
        double scale = 0;
        double max = 0;
        for (int i = 0; i < ref.length; i++) {
            scale = Math.max(scale, Math.abs(ref[i]));
            max = Math.max(max, Math.abs(ours[i] - ref[i]));
        }
        if (expectedOrbits != null) {
            assertThat(fbp.orbitCounts()).as("orbits (quads, pairs, singles, point reflection)").containsExactly(expectedOrbits);
        }
        return max / scale;
    }

    @Test
    void evenAnglesOver180UseFullOrbitsAndPointReflectionAndMatchThePlainBackprojection() {
        // 64 angles: 0° and 45° orbits of two (θ, θ + 90°), 15 orbits of four.
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 64), 96);
        double d = compare(g, true, Fbp.Interpolation.LINEAR, new int[] {15, 2, 0, 1});
        System.out.printf("symmetric back-projection, 64 angles, 96 px, circle: max rel. diff %.2e%n", d);
        // float32 tables and sums against double: a few float ulps of the largest value.
        assertThat(d).isLessThan(2e-6);
        assertThat(compare(g, false, Fbp.Interpolation.LINEAR, null)).isLessThan(2e-6);
    }

    @Test
    void oddGridsFullTurnsRandomAnglesAndOffGridAxesMatchThePlainBackprojection() {
        // 360° scan of 72 angles (θ + 180° is a distinct angle): 8 orbits of four within 0–180°, 20 orbits of two.
        ParallelGeometry full = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 360, 72), 81);
        assertThat(compare(full, true, Fbp.Interpolation.LINEAR, new int[] {8, 20, 0, 1})).isLessThan(2e-6);
        assertThat(compare(full, false, Fbp.Interpolation.LINEAR, null)).isLessThan(2e-6);
        // Random angles: no partners, orbits of one.
        Random rnd = new Random(5);
        double[] deg = new double[37];
        for (int i = 0; i < deg.length; i++) {
            deg[i] = 180 * rnd.nextDouble();
        }
        ParallelGeometry random = ParallelGeometry.ofDegrees(deg, 70);
        assertThat(compare(random, true, Fbp.Interpolation.LINEAR, new int[] {0, 0, 37, 1})).isLessThan(2e-6);
        // Axis at 33.3 bins: no mirror of the tables (point reflection off), orbits of four still used.
        ParallelGeometry off = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 40), 64, 33.3, 64);
        assertThat(compare(off, true, Fbp.Interpolation.LINEAR, new int[] {9, 2, 0, 0})).isLessThan(2e-6);
        assertThat(compare(off, false, Fbp.Interpolation.LINEAR, null)).isLessThan(2e-6);
        // Axis on a half bin: the mirror exists.
        ParallelGeometry halfBin = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 40), 64, 31.5, 63);
        assertThat(compare(halfBin, true, Fbp.Interpolation.LINEAR, new int[] {9, 2, 0, 1})).isLessThan(2e-6);
    }

    @Test
    void tinyGridsMatchThePlainBackprojection() {
        for (int n : new int[] {1, 2, 3, 4, 5}) {
            ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 8), 2 * n + 2,
                    ParallelGeometry.defaultCentre(2 * n + 2), n);
            assertThat(compare(g, true, Fbp.Interpolation.LINEAR, null)).as("circle, n = " + n).isLessThan(2e-6);
            assertThat(compare(g, false, Fbp.Interpolation.LINEAR, null)).as("square, n = " + n).isLessThan(2e-6);
        }
    }

    @Test
    void nearestBinMatchesThePlainBackprojectionAwayFromRoundingTies() {
        // Random angles and an off-grid axis make exact half-bin ties (where the point-reflected read rounds the
        // other way) practically impossible; the result must then agree to float precision.
        Random rnd = new Random(9);
        double[] deg = new double[48];
        for (int i = 0; i < deg.length; i++) {
            deg[i] = 180 * rnd.nextDouble();
        }
        ParallelGeometry g = ParallelGeometry.ofDegrees(deg, 64, 32.0, 64);
        assertThat(compare(g, true, Fbp.Interpolation.NEAREST, new int[] {0, 0, 48, 1})).isLessThan(2e-6);
        ParallelGeometry even = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0.37, 180.37, 48), 64, 32.0, 64);
        assertThat(compare(even, false, Fbp.Interpolation.NEAREST, null)).isLessThan(2e-6);
    }

    /** Reused FFT buffers, orbit tables and accumulator planes carry nothing from one slice to the next. */
    @Test
    void repeatedSlicesOnOneInstanceEqualFreshInstances() {
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 64), 48);
        float[] a = Phantoms.sinogram(Phantoms.sheppLogan(0.4 * 48), g, 2);
        float[] b = Phantoms.sinogram(Phantoms.sheppLogan(0.2 * 48), g, 2);
        Fbp reused = new Fbp(g, FbpFilter.HANN);
        reused.reconstruct(a);
        float[] second = reused.reconstruct(b);
        float[] third = reused.reconstruct(a);
        assertThat(second).containsExactly(new Fbp(g, FbpFilter.HANN).reconstruct(b));
        assertThat(third).containsExactly(new Fbp(g, FbpFilter.HANN).reconstruct(a));
    }
}
