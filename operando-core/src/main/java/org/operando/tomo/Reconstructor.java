package org.operando.tomo;

import org.operando.data.Axis;
import org.operando.data.CurveVolume;
import org.operando.data.LargeFloatArray;
import org.operando.data.Unit;
import org.operando.data.Volume;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import org.operando.util.ProgressListener;

/**
 * Reconstructs a stack of slices, one or many channels, with FBP, SIRT or CGLS from {@link Sinograms} that share
 * one {@link ParallelGeometry}. The system (sparse Joseph matrix when it fits in {@link #MATRIX_BYTES}, else the
 * on-the-fly projector) and the SIRT weights are computed once and reused for every slice and channel. Slices
 * run in parallel when there are at least as many slices as threads, otherwise each slice uses all threads.
 */
public final class Reconstructor {
    /** Largest system matrix kept in memory. */
    public static final long MATRIX_BYTES = 768L << 20;

    public enum Method { FBP, SIRT, CGLS;
        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.name().equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new InvalidInputException("--method '" + s + "' is not a method; expected fbp, sirt or cgls");
        }
    }

    /**
     * @param method     algorithm
     * @param filter     FBP filter
     * @param circle     FBP: zero outside the inscribed circle (scikit-image circle=True)
     * @param iterative  SIRT/CGLS options (iterations, non-negativity, support of one slice)
     */
    public record Settings(Method method, FbpFilter filter, boolean circle, IterativeSolver.Options iterative) {
        public static Settings fbp(FbpFilter f) {
            return new Settings(Method.FBP, f, true, IterativeSolver.Options.of(1));
        }

        public static Settings iterative(Method m, IterativeSolver.Options o) {
            return new Settings(m, FbpFilter.RAMP, false, o);
        }
    }

    private Reconstructor() { }

    /** Bytes a reconstruction needs (volume, sinograms, working arrays, system), for a memory-limit check. */
    public static long estimateBytes(ParallelGeometry g, int slices, int channels, Method m) {
        long vol = (long) g.pixelCount() * slices * channels * 4L;
        long sino = (long) g.rayCount() * slices * channels * 4L;
        long work = (long) Math.min(slices, Parallel.threads()) * channels * 4L * (3L * g.pixelCount() + 2L * g.rayCount());
        long sys = m == Method.FBP ? 0 : Math.min(SystemMatrix.estimateBytes(g), MATRIX_BYTES);
        return vol * 2 + sino + work + sys;
    }

    /** Refuses a reconstruction that would not fit in {@code limitBytes}; {@code option} names the limit's option. */
    public static void checkMemory(ParallelGeometry g, int slices, int channels, Method m, long limitBytes, String option) {
        long need = estimateBytes(g, slices, channels, m);
        InvalidInputException.require(need <= limitBytes, String.format(java.util.Locale.ROOT,
                "a %d x %d x %d volume%s needs about %.1f GiB, more than the memory limit %.1f GiB (%s)",
                g.size(), g.size(), slices, channels > 1 ? " of " + channels + " channels" : "",
                need / 1073741824.0, limitBytes / 1073741824.0, option));
    }

    /** The operator for a geometry: precomputed matrix when small enough, else on the fly. */
    public static TomoOperator operator(ParallelGeometry g) {
        return SystemMatrix.estimateBytes(g) <= MATRIX_BYTES ? SystemMatrix.build(g) : new JosephProjector(g);
    }

    /**
     * Reconstructs every slice and channel; returns per slice the channel-interleaved n·n·nc image.
     * {@code residuals} (may be null) receives per slice the residual history of the iterative methods.
     */
    public static float[][] reconstruct(Sinograms s, ParallelGeometry g, Settings set, ProgressListener progress,
                                        double[][] residuals) {
        JosephProjector.check(s.angles() == g.angleCount() && s.bins() == g.detectorSize(), "sinogram dimensions");
        int nz = s.slices();
        int nc = s.channels();
        float[][] out = new float[nz][];
        boolean inside = IterativeSolver.parallelInside(nz);
        progress.start(set.method().name().toLowerCase(java.util.Locale.ROOT) + " reconstruction", (long) nz * nc);
        if (set.method() == Method.FBP) {
            Fbp fbp = new Fbp(g, set.filter(), Fbp.Interpolation.LINEAR, set.circle());
            for (int z = 0; z < nz; z++) {
                float[] img = new float[g.pixelCount() * nc];
                for (int c = 0; c < nc; c++) {
                    float[] r = fbp.reconstruct(s.channelSinogram(z, c));
                    for (int p = 0; p < r.length; p++) {
                        img[p * nc + c] = r[p];
                    }
                    progress.advance(1);
                }
                out[z] = img;
            }
        } else {
            TomoOperator a = operator(g);
            IterativeSolver.Options o = set.iterative();
            IterativeSolver.SirtWeights w = set.method() == Method.SIRT ? new IterativeSolver.SirtWeights(a, o.support()) : null;
            java.util.function.IntConsumer one = z -> {
                IterativeSolver.Result r = set.method() == Method.SIRT
                        ? IterativeSolver.sirt(a, w, s.slice(z), nc, o, null, inside)
                        : IterativeSolver.cgls(a, s.slice(z), nc, o, null, inside);
                out[z] = r.x();
                if (residuals != null) {
                    residuals[z] = r.residual();
                }
                progress.advance(nc);
            };
            if (inside) {
                for (int z = 0; z < nz; z++) {
                    one.accept(z);
                }
            } else {
                Parallel.forRange(0, nz, one);
            }
        }
        progress.finish();
        return out;
    }

    /** Single-channel result as a {@link Volume} [z][y][x] of unit pixels ({@code voxel} in µm). */
    public static Volume toVolume(float[][] slices, ParallelGeometry g, double voxel, String quantity, Unit unit) {
        int n = g.size();
        Volume v = new Volume(n, n, slices.length, new LargeFloatArray((long) n * n * slices.length),
                new double[] {voxel, voxel, voxel}, new double[3], Unit.MICROMETER, quantity, unit);
        for (int z = 0; z < slices.length; z++) {
            v.setSliceZ(z, slices[z]);
        }
        return v;
    }

    /** Multi-channel result as a {@link CurveVolume} on {@code axis}. */
    public static CurveVolume toCurveVolume(float[][] slices, ParallelGeometry g, Axis axis, double voxel,
                                            String quantity, Unit unit) {
        int n = g.size();
        int nc = axis.size();
        CurveVolume cv = new CurveVolume(n, n, slices.length, axis, voxel, quantity, unit);
        float[] buf = new float[n * n];
        for (int c = 0; c < nc; c++) {
            for (int z = 0; z < slices.length; z++) {
                float[] d = slices[z];
                for (int p = 0; p < buf.length; p++) {
                    buf[p] = d[p * nc + c];
                }
                cv.data().write(cv.index(c, 0, 0, z), buf, 0, buf.length);
            }
        }
        return cv;
    }
}
