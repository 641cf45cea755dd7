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
 * filter spreads signal into it); it is 0 beyond (within one bin of that edge the linear interpolation runs to 0,
 * where numpy's {@code interp} jumps to 0 — only pixels projecting outside the known range, never inside the
 * circle for the default centre, are affected). With {@code circle} pixels outside the
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

    private static final double ONE = 4294967296.0;
    private static final float INV_ONE = (float) (1.0 / ONE);
    private static final long LOW = 0xFFFFFFFFL;

    /** x in 32.32 fixed point (x ≥ 0 here; the zero margins keep every position positive). */
    private static long fixed(double x) {
        return Math.round(x * ONE);
    }

    private float[] backproject(float[][] q) {
        int n = g.size();
        int nA = g.angleCount();
        double ic = g.imageCentre();
        int radius = n / 2;
        // Every pixel of the grid projects within ±(n·√2/2 + 2) bins of the axis; pad the filtered projections with
        // zeros so that the inner loops need no bounds tests (4 angles per pass over a row of pixels).
        double axis = g.centre() - first;
        int margin = (int) Math.ceil(n * Math.sqrt(0.5) + 3 + Math.max(0, Math.max(-axis, axis - extent + 1)));
        int len = extent + 2 * margin + 2;
        float[][] qp = new float[nA][];
        // Interleaved value and forward difference, [2i] = q(i), [2i + 1] = q(i + 1) − q(i): one cache line and
        // one fused multiply-add per interpolation.
        Parallel.forRange(0, nA, a -> {
            float[] p = new float[2 * len];
            float[] src = q[a];
            for (int i = 0; i < extent; i++) {
                float v = src[i];
                float next = i + 1 < extent ? src[i + 1] : 0f;
                p[2 * (i + margin)] = v;
                p[2 * (i + margin) + 1] = next - v;
            }
            p[2 * (margin - 1) + 1] = src[0];
            qp[a] = p;
        });
        double base = g.centre() - first + margin;
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
            if (interpolation == Interpolation.LINEAR) {
                // Detector positions in 32.32 fixed point: integer part = bin, low word = interpolation weight.
                // Increments are exact to 2^-32 px per step (error < 1e-6 px across a row).
                int a = 0;
                for (; a + 3 < nA; a += 4) {
                    long c0 = fixed(g.cos(a));
                    long c1 = fixed(g.cos(a + 1));
                    long c2 = fixed(g.cos(a + 2));
                    long c3 = fixed(g.cos(a + 3));
                    long p0 = fixed(base - (r - ic) * g.sin(a) - ic * g.cos(a)) + cLo * c0;
                    long p1 = fixed(base - (r - ic) * g.sin(a + 1) - ic * g.cos(a + 1)) + cLo * c1;
                    long p2 = fixed(base - (r - ic) * g.sin(a + 2) - ic * g.cos(a + 2)) + cLo * c2;
                    long p3 = fixed(base - (r - ic) * g.sin(a + 3) - ic * g.cos(a + 3)) + cLo * c3;
                    float[] qa = qp[a];
                    float[] qb = qp[a + 1];
                    float[] qc = qp[a + 2];
                    float[] qd = qp[a + 3];
                    for (int c = cLo; c <= cHi; c++) {
                        int ia = (int) (p0 >>> 31) & ~1;
                        int ib = (int) (p1 >>> 31) & ~1;
                        int ix = (int) (p2 >>> 31) & ~1;
                        int id = (int) (p3 >>> 31) & ~1;
                        float fa = (p0 & LOW) * INV_ONE;
                        float fb = (p1 & LOW) * INV_ONE;
                        float fc = (p2 & LOW) * INV_ONE;
                        float fd = (p3 & LOW) * INV_ONE;
                        acc[c] += (Math.fma(fa, qa[ia + 1], qa[ia]) + Math.fma(fb, qb[ib + 1], qb[ib]))
                                + (Math.fma(fc, qc[ix + 1], qc[ix]) + Math.fma(fd, qd[id + 1], qd[id]));
                        p0 += c0;
                        p1 += c1;
                        p2 += c2;
                        p3 += c3;
                    }
                }
                for (; a < nA; a++) {
                    long c0 = fixed(g.cos(a));
                    long p0 = fixed(base - (r - ic) * g.sin(a) - ic * g.cos(a)) + cLo * c0;
                    float[] qa = qp[a];
                    for (int c = cLo; c <= cHi; c++) {
                        int ia = (int) (p0 >>> 31) & ~1;
                        float fa = (p0 & LOW) * INV_ONE;
                        acc[c] += Math.fma(fa, qa[ia + 1], qa[ia]);
                        p0 += c0;
                    }
                }
            } else {
                for (int a = 0; a < nA; a++) {
                    double c0 = g.cos(a);
                    double p0 = base - (r - ic) * g.sin(a) - ic * c0;
                    float[] qa = qp[a];
                    for (int c = cLo; c <= cHi; c++) {
                        acc[c] += qa[2 * (int) (p0 + c * c0 + 0.5)];
                    }
                }
            }
            System.arraycopy(acc, 0, img, r * n, n);
        });
        return img;
    }
}
