package org.operando.tomo;

import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import org.operando.util.ProgressListener;

/**
 * Alignment of projections with unknown rigid shifts (scanning tomography: stage run-out, beam drift), with the
 * axis position held fixed at the geometry's centre.
 *
 * <p>Model: the measured projection at angle a is the ideal one moved by (dx_a, dy_a) pixels,
 * measured(u, z) = ideal(u − dx_a, z − dy_a). Two stages:
 * <ol>
 * <li>Coarse, by cross-correlation/centre of mass: dy_a from cross-correlating each projection's vertical
 * profile Σ_u p(u, z) (independent of the angle for a parallel beam) with the mean profile; dx_a as the
 * deviation of the projection's centre of mass from the fitted sinusoid centre + X·cos θ − Y·sin θ.</li>
 * <li>Iterative re-projection alignment (joint reconstruction and re-projection, Gürsoy et al., Sci. Rep. 7,
 * 11818, 2017): reconstruct the shift-corrected projections with SIRT (non-negative), re-project, and take each
 * projection's new shift from 2D cross-correlation with its re-projection (sub-pixel by a parabola through the
 * peak; the hard-carbon study registered with the upsampled cross-correlation of Guizar-Sicairos et al., Opt.
 * Lett. 33, 156, 2008); repeat until the largest change is below {@code tolerance} px.</li>
 * </ol>
 * Shifts are defined up to a rigid translation of the object in the slice plane (a component X·cos θ − Y·sin θ
 * of dx) and a common vertical offset (mean dy = 0), which move the reconstruction but do not blur it.
 */
public final class ProjectionAligner {
    /**
     * @param iterations  re-projection iterations (0 = coarse only)
     * @param sirtIterations SIRT iterations per reconstruction
     * @param maxShift    largest shift searched, px
     * @param tolerance   stop when no shift changes by more than this, px
     */
    public record Options(int iterations, int sirtIterations, double maxShift, double tolerance) {
        public Options {
            InvalidInputException.require(iterations >= 0, "--iterations must be >= 0, got " + iterations);
            InvalidInputException.require(sirtIterations >= 1, "SIRT iterations must be >= 1");
            InvalidInputException.require(maxShift > 0, "--max-shift must be positive, got " + maxShift);
        }

        public static Options defaults() {
            return new Options(10, 30, 20, 0.02);
        }
    }

    /** Shifts found (px), corrected projections and the largest shift change per iteration. */
    public record Result(double[] dx, double[] dy, float[][] aligned, double[] changes) { }

    private ProjectionAligner() { }

    /** Aligns projections [angle][row · bins + bin]. */
    public static Result align(float[][] projections, int rows, int bins, ParallelGeometry g, Options o,
                               ProgressListener progress) {
        int na = projections.length;
        JosephProjector.check(na == g.angleCount() && bins == g.detectorSize(), "projection stack dimensions");
        double[] dx = new double[na];
        double[] dy = new double[na];
        // Stage 1a: vertical, from the angle-invariant vertical profiles.
        if (rows > 1) {
            double[][] prof = new double[na][rows];
            for (int a = 0; a < na; a++) {
                for (int z = 0; z < rows; z++) {
                    double s = 0;
                    for (int j = 0; j < bins; j++) {
                        s += projections[a][z * bins + j];
                    }
                    prof[a][z] = s;
                }
            }
            for (int pass = 0; pass < 3; pass++) {
                double[] ref = new double[rows];
                for (int a = 0; a < na; a++) {
                    double[] p = shiftProfile(prof[a], -dy[a]);
                    for (int z = 0; z < rows; z++) {
                        ref[z] += p[z] / na;
                    }
                }
                for (int a = 0; a < na; a++) {
                    dy[a] = CrossCorrelation.shift1d(prof[a], ref, o.maxShift());
                }
                removeMean(dy);
            }
        }
        // Stage 1b: horizontal, from the centre-of-mass sinusoid with the axis fixed.
        float[] sum = new float[na * bins];
        for (int a = 0; a < na; a++) {
            for (int z = 0; z < rows; z++) {
                for (int j = 0; j < bins; j++) {
                    sum[a * bins + j] += projections[a][z * bins + j];
                }
            }
        }
        double[] com = CentreFinder.centresOfMass(sum, na, bins);
        double[] fit = CentreFinder.fitSinusoid(com, g, g.centre());
        for (int a = 0; a < na; a++) {
            dx[a] = Double.isFinite(com[a]) ? com[a] - (fit[0] + fit[1] * g.cos(a) - fit[2] * g.sin(a)) : 0;
        }
        // Stage 2: iterative re-projection alignment.
        TomoOperator op = Reconstructor.operator(g);
        IterativeSolver.Options so = new IterativeSolver.Options(o.sirtIterations(), true, null, 1.0);
        IterativeSolver.SirtWeights w = new IterativeSolver.SirtWeights(op, null);
        double[] changes = new double[o.iterations()];
        progress.start("re-projection alignment", o.iterations());
        float[][] recon = new float[rows][];
        int done = 0;
        for (int it = 0; it < o.iterations(); it++) {
            float[][] corrected = shiftAll(projections, rows, bins, dx, dy);
            Sinograms s = Sinograms.ofProjections(corrected, rows, bins);
            boolean inside = IterativeSolver.parallelInside(rows);
            float[][] reproj = new float[rows][];
            java.util.function.IntConsumer slice = z -> {
                IterativeSolver.Result r = IterativeSolver.sirt(op, w, s.slice(z), 1, so, recon[z], inside);
                recon[z] = r.x();
                float[] p = new float[g.rayCount()];
                op.forward(r.x(), p, 1, inside);
                reproj[z] = p;
            };
            if (inside) {
                for (int z = 0; z < rows; z++) {
                    slice.accept(z);
                }
            } else {
                Parallel.forRange(0, rows, slice);
            }
            double[] ndx = new double[na];
            double[] ndy = new double[na];
            Parallel.forRange(0, na, a -> {
                float[] rp = new float[rows * bins];
                for (int z = 0; z < rows; z++) {
                    System.arraycopy(reproj[z], a * bins, rp, z * bins, bins);
                }
                double[] sh = CrossCorrelation.shift2d(projections[a], rp, rows, bins, o.maxShift(), o.maxShift());
                ndx[a] = sh[0];
                ndy[a] = sh[1];
            });
            if (rows > 1) {
                removeMean(ndy);
            }
            double change = 0;
            for (int a = 0; a < na; a++) {
                change = Math.max(change, Math.max(Math.abs(ndx[a] - dx[a]), Math.abs(ndy[a] - dy[a])));
            }
            dx = ndx;
            dy = ndy;
            changes[it] = change;
            done = it + 1;
            progress.advance(1);
            if (change < o.tolerance()) {
                break;
            }
        }
        progress.finish();
        return new Result(dx, dy, shiftAll(projections, rows, bins, dx, dy), java.util.Arrays.copyOf(changes, done));
    }

    /** Undoes shifts: out(u, z) = p(u + dx, z + dy), bilinear, 0 outside. */
    public static float[][] shiftAll(float[][] projections, int rows, int bins, double[] dx, double[] dy) {
        float[][] out = new float[projections.length][];
        Parallel.forRange(0, projections.length, a -> out[a] = shift(projections[a], rows, bins, dx[a], dy[a]));
        return out;
    }

    /** out(u, z) = p(u + sx, z + sy) with bilinear interpolation and zeros outside. */
    public static float[] shift(float[] p, int rows, int bins, double sx, double sy) {
        float[] out = new float[rows * bins];
        for (int z = 0; z < rows; z++) {
            double zz = z + sy;
            int z0 = (int) Math.floor(zz);
            double fz = zz - z0;
            for (int j = 0; j < bins; j++) {
                double uu = j + sx;
                int j0 = (int) Math.floor(uu);
                double fu = uu - j0;
                double v = 0;
                v += (1 - fz) * (1 - fu) * at(p, rows, bins, z0, j0);
                v += (1 - fz) * fu * at(p, rows, bins, z0, j0 + 1);
                v += fz * (1 - fu) * at(p, rows, bins, z0 + 1, j0);
                v += fz * fu * at(p, rows, bins, z0 + 1, j0 + 1);
                out[z * bins + j] = (float) v;
            }
        }
        return out;
    }

    private static float at(float[] p, int rows, int bins, int z, int j) {
        return z < 0 || z >= rows || j < 0 || j >= bins ? 0f : p[z * bins + j];
    }

    private static double[] shiftProfile(double[] p, double s) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double x = i - s;
            int i0 = (int) Math.floor(x);
            double f = x - i0;
            double v0 = i0 >= 0 && i0 < p.length ? p[i0] : 0;
            double v1 = i0 + 1 >= 0 && i0 + 1 < p.length ? p[i0 + 1] : 0;
            out[i] = (1 - f) * v0 + f * v1;
        }
        return out;
    }

    private static void removeMean(double[] v) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= m;
        }
    }
}
