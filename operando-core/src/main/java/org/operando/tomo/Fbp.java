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
 *
 * <p>The back-projection is done by {@link SymmetricBackprojector}: one detector-position computation serves up to
 * eight (pixel, angle) pairs related by the symmetries of the pixel grid (θ + 90°, 180° − θ, 90° − θ and the point
 * reflection), which is exact, not an approximation; angle lists without such partners are back-projected one angle
 * at a time.
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
    private volatile SymmetricBackprojector backprojector;
    /** Per worker thread: the FFT plan of {@link #padded} points and its work buffer (built once, not per slice). */
    private final ThreadLocal<DoubleFFT_1D> fft;
    private final ThreadLocal<double[]> fftBuffer;

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
        this.fft = ThreadLocal.withInitial(() -> new DoubleFFT_1D(padded));
        this.fftBuffer = ThreadLocal.withInitial(() -> new double[padded]);
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
        Parallel.forRange(0, nA, a -> {
            double[] buf = fftBuffer.get();
            for (int j = 0; j < nDet; j++) {
                buf[j] = sino[a * nDet + j];
            }
            java.util.Arrays.fill(buf, nDet, padded, 0.0);
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

    /** The back-projector for this geometry (built once; it holds only the angle orbits and table layout). */
    private SymmetricBackprojector backprojector() {
        SymmetricBackprojector b = backprojector;
        if (b == null) {
            // Every pixel back-projected (the grid padded to 2·⌊n/2⌋ + 1 pixels, or its inscribed circle) projects
            // within ±reach bins of the axis; pad the filtered projections with zeros so that no position falls
            // outside the tables.
            int half = g.size() / 2;
            double reach = (circle ? half : half * Math.sqrt(2)) + 2;
            double axis = g.centre() - first;
            int margin = (int) Math.ceil(Math.max(0, Math.max(reach - axis, axis + reach - (extent - 1)))) + 2;
            b = new SymmetricBackprojector(g, circle, interpolation == Interpolation.NEAREST, margin,
                    extent + 2 * margin + 2, extent, axis + margin);
            backprojector = b;
        }
        return b;
    }

    /** Angle orbits the back-projector found: {groups of four, of two, single angles, 1 if point reflection is used}. */
    int[] orbitCounts() {
        return backprojector().orbitCounts();
    }

    private float[] backproject(float[][] q) {
        return backprojector().backproject(q);
    }
}
