package org.operando.tomo;

import org.jtransforms.fft.DoubleFFT_1D;
import org.operando.util.Parallel;

/**
 * Filtered back-projection for parallel beams with arbitrary angle lists.
 *
 * <p>Each projection is zero-padded to M = max(64, 2^⌈log2(2·L)⌉) bins, where L = ⌈√2·nDet⌉ when the
 * reconstruction is restricted to the inscribed circle ({@code circle = true}) and L = nDet otherwise —
 * exactly scikit-image's padding — filtered with {@link FbpFilter#response}, weighted by the angle's quadrature
 * weight ({@link ParallelGeometry#fbpWeights}, π/(2N) for N even angles over 180°) and back-projected
 * pixel-driven: pixel (c, r) takes the filtered projection at detector coordinate u = centre + x·cos θ − y·sin θ,
 * interpolated linearly (or nearest bin). The filtered projection is known on the detector and, with
 * {@code circle}, on scikit-image's zero-padded margin (⌊L/2⌋ − ⌊nDet/2⌋ bins before, the rest after; the ramp
 * filter spreads signal into it); it is 0 beyond. With {@code circle} pixels outside the
 * circle of radius n/2 around the centre pixel are 0. This reproduces scikit-image 0.19
 * {@code iradon(sinogram, theta, filter_name=..., interpolation='linear', circle=...)} for the default centre.
 */
public final class Fbp {
    /** Detector interpolation of the back-projection. */
    public enum Interpolation { LINEAR, NEAREST }

    private final ParallelGeometry g;
    private final FbpFilter filter;
    private final Interpolation interpolation;
    private final boolean circle;
    private final int padded;
    /** Filtered projections are kept on bins [first, first + extent): the detector plus scikit-image's circle padding. */
    private final int first;
    private final int extent;
    private final double[] response;
    private final double[] weights;

    public Fbp(ParallelGeometry geometry, FbpFilter filter, Interpolation interpolation, boolean circle) {
        this.g = geometry;
        this.filter = filter;
        this.interpolation = interpolation;
        this.circle = circle;
        int nDet = g.detectorSize();
        int len = circle ? (int) Math.ceil(Math.sqrt(2) * nDet) : nDet;
        int m = 64;
        while (m < 2 * len) {
            m <<= 1;
        }
        this.padded = m;
        this.first = -(len / 2 - nDet / 2);
        this.extent = len;
        this.response = filter.response(m);
        this.weights = g.fbpWeights();
    }

    public Fbp(ParallelGeometry geometry, FbpFilter filter) {
        this(geometry, filter, Interpolation.LINEAR, true);
    }

    public ParallelGeometry geometry() { return g; }
    public FbpFilter filter() { return filter; }
    public int paddedSize() { return padded; }

    /**
     * Filters a sinogram [angle][bin] (row-major, nA × nDet) and multiplies each projection by its quadrature
     * weight; returns nA rows of extent + 1 values for bins first … first + extent − 1 (a trailing 0 for
     * branch-free interpolation).
     */
    float[][] filterSinogram(float[] sino) {
        int nA = g.angleCount();
        int nDet = g.detectorSize();
        float[][] out = new float[nA][];
        ThreadLocal<DoubleFFT_1D> fft = ThreadLocal.withInitial(() -> new DoubleFFT_1D(padded));
        Parallel.forRange(0, nA, a -> {
            double[] buf = new double[padded];
            for (int j = 0; j < nDet; j++) {
                buf[j] = sino[a * nDet + j];
            }
            DoubleFFT_1D f = fft.get();
            f.realForward(buf);
            buf[0] *= response[0];
            buf[1] *= response[padded / 2];
            for (int k = 1; k < padded / 2; k++) {
                buf[2 * k] *= response[k];
                buf[2 * k + 1] *= response[k];
            }
            f.realInverse(buf, true);
            float[] q = new float[extent + 1];
            double w = weights[a];
            for (int i = 0; i < extent; i++) {
                q[i] = (float) (buf[Math.floorMod(i + first, padded)] * w);
            }
            out[a] = q;
        });
        return out;
    }

    /** Reconstructs one slice from a sinogram [angle][bin]; returns n × n values, row-major. */
    public float[] reconstruct(float[] sino) {
        JosephProjector.check(sino.length == g.rayCount(), "sinogram length");
        float[][] q = filterSinogram(sino);
        return backproject(q);
    }

    private float[] backproject(float[][] q) {
        int n = g.size();
        int nDet = g.detectorSize();
        int nA = g.angleCount();
        double ic = g.imageCentre();
        int radius = n / 2;
        float[] img = new float[n * n];
        Parallel.forRange(0, n, r -> {
            int cLo = 0;
            int cHi = n - 1;
            if (circle) {
                long dy = r - radius;
                long r2 = (long) radius * radius;
                if (dy * dy > r2) {
                    return;
                }
                int half = (int) Math.floor(Math.sqrt(r2 - dy * dy));
                while ((long) (half + 1) * (half + 1) + dy * dy <= r2) {
                    half++;
                }
                while ((long) half * half + dy * dy > r2) {
                    half--;
                }
                cLo = Math.max(0, radius - half);
                cHi = Math.min(n - 1, radius + half);
            }
            float[] acc = new float[n];
            for (int a = 0; a < nA; a++) {
                double cs = g.cos(a);
                double p0 = g.centre() - first - (r - ic) * g.sin(a) - ic * cs;
                int lo = cLo;
                int hi = cHi;
                if (Math.abs(cs) < 1e-12) {
                    if (p0 < -1e-9 || p0 > extent - 1 + 1e-9) {
                        continue;
                    }
                } else {
                    double c1 = (0 - p0) / cs;
                    double c2 = (extent - 1 - p0) / cs;
                    lo = Math.max(lo, (int) Math.ceil(Math.min(c1, c2) - 1e-9));
                    hi = Math.min(hi, (int) Math.floor(Math.max(c1, c2) + 1e-9));
                }
                float[] qa = q[a];
                if (interpolation == Interpolation.LINEAR) {
                    for (int c = lo; c <= hi; c++) {
                        double pos = p0 + c * cs;
                        int i = (int) pos;
                        if (i > extent - 1) {
                            i = extent - 1;
                        }
                        float f = (float) (pos - i);
                        float v0 = qa[i];
                        acc[c] += v0 + f * (qa[i + 1] - v0);
                    }
                } else {
                    for (int c = lo; c <= hi; c++) {
                        int i = (int) Math.floor(p0 + c * cs + 0.5);
                        if (i >= 0 && i < extent) {
                            acc[c] += qa[i];
                        }
                    }
                }
            }
            System.arraycopy(acc, 0, img, r * n, n);
        });
        return img;
    }
}
