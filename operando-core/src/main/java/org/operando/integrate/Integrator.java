package org.operando.integrate;

import java.util.Arrays;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.data.Mask;
import org.operando.data.Unit;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;

/**
 * Azimuthal integration as a sparse matrix built once per geometry, mask and binning, then applied to every frame.
 *
 * <p>The matrix is stored pixel-major (CSR whose rows are pixels, i.e. the transpose of pyFAI's bin-major CSR):
 * each frame is then read exactly once, sequentially, and scattered into small per-thread bin accumulators that stay
 * in cache, which is what makes it fast. For 1D integration the matrix is compact: 4 bytes per pixel (its first bin
 * and how many weights it stores), weights only for the pixels split over several bins. With Poisson variance and no
 * dark, pixels holding 0 are skipped (their only contribution, c² to the variance, is precomputed per bin): a
 * full-size Eiger frame of a SAXS scan is mostly zeros.
 *
 * <p>Conventions follow pyFAI 0.21's {@code integrate1d_ng}/{@code integrate2d_ng} with CSR engines, so that the
 * bins and values agree with pyFAI to rounding:
 * <ul>
 *   <li>binning happens in the internal unit (2θ in rad, q in nm⁻¹, r in m); without a radial range the range is
 *       [min, max] over unmasked pixels of the pixel centres (no splitting), of centre ± the largest centre–corner
 *       distance (bbox), or of the corners (full), with the lower end clamped at 0; the upper end is widened by one
 *       float32 ulp (× (1 + 2⁻²³)); bins are equal, and the reported centres are
 *       linspace(min + δ/2, max − δ/2, n) scaled to the unit;</li>
 *   <li>fractional bin numbers are truncated toward zero (so a pixel up to one bin below the range lands in bin 0,
 *       as in pyFAI);</li>
 *   <li>per bin: signal S = Σ c·(raw − dark), variance V = Σ c²·max(raw, 1) (Poisson), normalization
 *       N = Σ c·flat·Ω·P, count C = Σ c; I = S / (N·k) and σ = √V / (N·k) with k the per-frame normalization
 *       (monitor) value; bins without pixels give NaN (pyFAI writes 0 there).</li>
 * </ul>
 * Pixels are excluded statically by the mask given in the options (or, without one, the detector's gap mask, as pyFAI
 * does), by a flat field that is not positive, and per frame when their value is negative (Pilatus/Eiger gaps and
 * dead pixels), NaN or at/above 2³²−1 (Eiger overflow); the normalization of such pixels is removed from their bins
 * for that frame only.
 */
public final class Integrator {
    /** Raw values at or above this are overflow/invalid (uint32 2^32-1 of Eiger detectors). */
    public static final float OVERFLOW = 4294967295f;
    private static final double EPS32 = 1.0 + Math.ulp(1.0f);

    private final Geometry geometry;
    private final IntegrationOptions options;
    private final int npix;
    private final int nRad;
    private final int nChi;
    private final int nBins;
    private final double pos0Min;
    private final double pos0Max;
    private final double delta0;
    private final double pos1Min;
    private final double pos1Max;
    private final double delta1;
    private final double[] radialCentres;
    private final double[] chiCentresDeg;
    // sparse matrix, pixel-major, in one of two layouts.
    // Compact (no splitting, and 1D splitting): one int per pixel, its first bin (24 bits, NO_BIN when it contributes
    // nowhere) and the number m of its coefficients stored in coefs (7 bits; its bins are first .. first + m - 1);
    // m = 0 means one bin with weight 1, which is what most pixels are, so they cost 4 bytes.
    private final int[] cell;
    private final int[] segStart;  // offset in coefs of pixel s << SEG_SHIFT
    // CSR (cakes, and 1D pixels over more than MAX_STORED bins): entries of pixel p are [ptr[p], ptr[p+1])
    private final int[] ptr;
    private final int[] bins;
    private final float[] coefs;
    private final float[] normPix;
    private final float[] dark;
    private final double[] sumNorm;
    private final double[] sumCount;
    private final double[] sumCoef2;
    private final long nnz;

    private Integrator(Geometry geometry, IntegrationOptions options, boolean forceCsr) {
        this.geometry = geometry;
        this.options = options;
        Detector det = geometry.detector();
        this.npix = det.size();
        RadialUnit unit = options.unit();
        if (unit.needsWavelength()) {
            geometry.requireWavelength("PONI geometry");
        }
        this.nRad = options.radialBins();
        this.nChi = options.isCake() ? options.chiBins() : 1;
        this.nBins = Math.multiplyExact(nRad, nChi);
        boolean cake = options.isCake();

        Mask mask = options.mask() != null ? options.mask() : det.gapMask();
        if (mask.width() != det.cols() || mask.height() != det.rows()) {
            throw new InvalidInputException("mask has " + mask.height() + " × " + mask.width() + " pixels but detector "
                    + det.name() + " has " + det.rows() + " × " + det.cols());
        }
        checkShape(options.flat(), "flat field", det);
        checkShape(options.dark(), "dark", det);
        this.dark = options.dark();

        // per-pixel normalization: flat × solid angle × polarization, float32 like pyFAI's preprocessing
        double[] sa = options.solidAngle() ? geometry.solidAngleArray() : null;
        double[] pol = options.polarization() != null ? geometry.polarizationArray(options.polarization()) : null;
        float[] flat = options.flat();
        boolean[] excluded = mask.raw().clone();
        normPix = new float[npix];
        for (int p = 0; p < npix; p++) {
            double n = 1.0;
            if (flat != null) {
                n *= flat[p];
            }
            if (sa != null) {
                n *= (float) sa[p];
            }
            if (pol != null) {
                n *= pol[p];
            }
            normPix[p] = (float) n;
            if (!(normPix[p] > 0f) || Float.isInfinite(normPix[p])) {
                excluded[p] = true;
            }
        }
        int unmasked = 0;
        for (boolean b : excluded) {
            if (!b) {
                unmasked++;
            }
        }
        if (unmasked == 0) {
            throw new InvalidInputException("every pixel is masked (mask, detector gaps, flat field ≤ 0): nothing to integrate");
        }

        Split split = options.split();
        boolean needChi = cake || options.azimuthRange() != null;
        double[] c0 = null;
        double[] d0 = null;
        double[] c1 = null;
        double[] d1 = null;
        Geometry.Corners corners = null;
        if (split == Split.FULL) {
            corners = geometry.corners(unit);
        } else {
            c0 = geometry.radialArrayInternal(unit);
            if (needChi) {
                c1 = geometry.chiArray();
            }
            if (split == Split.BBOX) {
                corners = geometry.corners(unit);
                d0 = new double[npix];
                d1 = needChi ? new double[npix] : null;
                deltas(det, corners, c0, c1, d0, d1);
            }
        }

        // radial boundaries over unmasked pixels
        double min0 = Double.POSITIVE_INFINITY;
        double max0 = Double.NEGATIVE_INFINITY;
        double min1 = Double.POSITIVE_INFINITY;
        double max1 = Double.NEGATIVE_INFINITY;
        int cols = det.cols();
        for (int p = 0; p < npix; p++) {
            if (excluded[p]) {
                continue;
            }
            if (split == Split.FULL) {
                int i = p / cols;
                int j = p - i * cols;
                for (int k = 0; k < 4; k++) {
                    int ci = corners.index(i + (k == 1 || k == 2 ? 1 : 0), j + (k >= 2 ? 1 : 0));
                    double r = corners.radial()[ci];
                    double a = corners.chi()[ci];
                    min0 = Math.min(min0, r);
                    max0 = Math.max(max0, r);
                    min1 = Math.min(min1, a);
                    max1 = Math.max(max1, a);
                }
            } else {
                double dd0 = d0 == null ? 0.0 : d0[p];
                min0 = Math.min(min0, c0[p] - dd0);
                max0 = Math.max(max0, c0[p] + dd0);
                if (c1 != null) {
                    double dd1 = d1 == null ? 0.0 : d1[p];
                    min1 = Math.min(min1, c1[p] - dd1);
                    max1 = Math.max(max1, c1[p] + dd1);
                }
            }
        }
        min0 = Math.max(0.0, min0);
        max0 = Math.max(0.0, max0);
        // pyFAI clips χ to ±π in float32 (its regrid_common "pi" constant)
        min1 = Math.max(min1, -(double) (float) Math.PI);
        max1 = Math.min(max1, (double) (float) Math.PI);
        double maxin0 = max0;
        if (options.radialRange() != null) {
            min0 = options.radialRange()[0] / unit.scale();
            maxin0 = options.radialRange()[1] / unit.scale();
        }
        double maxin1 = max1;
        if (options.azimuthRange() != null) {
            min1 = Math.toRadians(options.azimuthRange()[0]);
            maxin1 = Math.toRadians(options.azimuthRange()[1]);
        }
        if (!(maxin0 > min0)) {
            throw new InvalidInputException("the radial range of the unmasked pixels is empty (" + min0 * unit.scale()
                    + " to " + maxin0 * unit.scale() + " " + unit.unit().symbol() + ")");
        }
        this.pos0Min = min0;
        this.pos0Max = upperBound(maxin0);
        this.delta0 = (pos0Max - pos0Min) / nRad;
        this.pos1Min = needChi ? min1 : Double.NaN;
        this.pos1Max = needChi ? upperBound(maxin1) : Double.NaN;
        this.delta1 = cake ? (pos1Max - pos1Min) / nChi : Double.NaN;
        this.radialCentres = linspace(pos0Min + 0.5 * delta0, pos0Max - 0.5 * delta0, nRad, unit.scale());
        this.chiCentresDeg = cake ? linspace(pos1Min + 0.5 * delta1, pos1Max - 0.5 * delta1, nChi, 180.0 / Math.PI) : null;

        // ---------------------------------------------------------------- the matrix
        Builder b = new Builder(det, excluded, c0, d0, c1, d1, corners, maxin1);
        // pass 1: entries per pixel (UNIT for one bin of weight 1, the usual case)
        int[] counts = new int[npix];
        Parallel.forRange(0, det.rows(), i -> {
            Scratch s = SCRATCH.get();
            for (int j = 0; j < cols; j++) {
                int p = i * cols + j;
                int n = b.weights(p, s);
                counts[p] = n == 1 && (float) s.w[0] == 1f ? UNIT : n;
            }
        });
        long total = 0;
        long stored = 0;
        int widest = 0;
        for (int c : counts) {
            total += c == UNIT ? 1 : c;
            stored += c == UNIT ? 0 : c;
            widest = Math.max(widest, c == UNIT ? 1 : c);
        }
        nnz = total;
        boolean compact = !forceCsr && !cake && widest <= MAX_STORED && nBins < NO_BIN;
        long entries = compact ? stored : total;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("integration matrix too large (" + total + " entries): use fewer bins");
        }
        coefs = new float[(int) entries];
        // coefficient offset of the first pixel of every row, for the parallel pass 2
        int rows = det.rows();
        int[] rowStart = new int[rows + 1];
        for (int i = 0, k = 0; i < rows; i++) {
            rowStart[i] = k;
            for (int j = 0; j < cols; j++) {
                int c = counts[i * cols + j];
                k += c == UNIT ? (compact ? 0 : 1) : c;
            }
            rowStart[i + 1] = k;
        }
        // pass 2: the entries
        if (compact) {
            cell = counts; // overwritten in place, pixel by pixel
            ptr = null;
            bins = null;
            Parallel.forRange(0, rows, i -> {
                Scratch s = SCRATCH.get();
                int o = rowStart[i];
                for (int j = 0; j < cols; j++) {
                    int p = i * cols + j;
                    boolean single = cell[p] == UNIT;
                    int n = b.weights(p, s);
                    if (n == 0) {
                        cell[p] = NO_BIN;
                        continue;
                    }
                    int m = single ? 0 : n;
                    cell[p] = s.bin[0] | m << STORED_SHIFT;
                    for (int k = 0; k < m; k++) {
                        if (s.bin[k] != s.bin[0] + k) {
                            throw new IllegalStateException("pixel " + p + ": bins not consecutive");
                        }
                        coefs[o + k] = (float) s.w[k];
                    }
                    o += m;
                }
            });
            segStart = new int[(npix >> SEG_SHIFT) + 1];
            for (int p = 0, k = 0; p < npix; p++) {
                if ((p & ((1 << SEG_SHIFT) - 1)) == 0) {
                    segStart[p >> SEG_SHIFT] = k;
                }
                k += cell[p] >>> STORED_SHIFT;
            }
        } else {
            cell = null;
            segStart = null;
            ptr = new int[npix + 1];
            for (int p = 0, k = 0; p < npix; p++) {
                ptr[p] = k;
                k += counts[p] == UNIT ? 1 : counts[p];
            }
            ptr[npix] = (int) total;
            bins = new int[(int) total];
            Parallel.forRange(0, rows, i -> {
                Scratch s = SCRATCH.get();
                for (int j = 0; j < cols; j++) {
                    int p = i * cols + j;
                    int n = b.weights(p, s);
                    int o = ptr[p];
                    for (int k = 0; k < n; k++) {
                        bins[o + k] = s.bin[k];
                        coefs[o + k] = (float) s.w[k];
                    }
                }
            });
        }
        // per-bin sums over statically valid pixels: normalization, count, and Σ c² (the Poisson variance of zeros)
        sumNorm = new double[nBins];
        sumCount = new double[nBins];
        sumCoef2 = new double[nBins];
        for (int p = 0, k = 0; p < npix; p++) {
            if (cell != null) {
                int c = cell[p];
                int bb = c & BIN_MASK;
                int m = c >>> STORED_SHIFT;
                if (bb == NO_BIN) {
                    continue;
                }
                if (m == 0) {
                    sumNorm[bb] += normPix[p];
                    sumCount[bb] += 1.0;
                    sumCoef2[bb] += 1.0;
                }
                for (int e = 0; e < m; e++, k++) {
                    double w = coefs[k];
                    sumNorm[bb + e] += w * (double) normPix[p];
                    sumCount[bb + e] += w;
                    sumCoef2[bb + e] += w * w;
                }
            } else {
                for (int e = ptr[p]; e < ptr[p + 1]; e++) {
                    double w = coefs[e];
                    sumNorm[bins[e]] += w * (double) normPix[p];
                    sumCount[bins[e]] += w;
                    sumCoef2[bins[e]] += w * w;
                }
            }
        }
    }

    /** Marks a pixel lying wholly in one bin with weight 1 during the build. */
    private static final int UNIT = -1;
    /** Compact layout: bin field of a pixel that contributes to no bin. */
    private static final int NO_BIN = 0xFFFFFF;
    private static final int BIN_MASK = 0xFFFFFF;
    private static final int STORED_SHIFT = 24;
    /** Compact layout: most coefficients one pixel may store (7 bits; wider pixels switch to CSR). */
    private static final int MAX_STORED = 127;
    /** Compact layout: coefficient offsets are kept for every 2^SEG_SHIFT pixels. */
    private static final int SEG_SHIFT = 12;

    /** Compact layout: offset in {@code coefs} of the first coefficient of pixel {@code p}. */
    private int coefOffset(int p) {
        int k = segStart[p >> SEG_SHIFT];
        for (int q = p & ~((1 << SEG_SHIFT) - 1); q < p; q++) {
            k += cell[q] >>> STORED_SHIFT;
        }
        return k;
    }

    /** Builds the integration matrix for {@code geometry} and {@code options} (the expensive step; reuse it). */
    public static Integrator build(Geometry geometry, IntegrationOptions options) {
        return new Integrator(geometry, options, false);
    }

    /** As {@link #build}, always in the CSR layout (package-private, for tests of the compact layout). */
    static Integrator buildCsr(Geometry geometry, IntegrationOptions options) {
        return new Integrator(geometry, options, true);
    }

    private static void checkShape(float[] a, String what, Detector det) {
        if (a != null && a.length != det.size()) {
            throw new InvalidInputException(what + " has " + a.length + " pixels but detector " + det.name() + " has "
                    + det.rows() + " × " + det.cols() + " = " + det.size());
        }
    }

    static double upperBound(double x) {
        return x > 0 ? x * EPS32 : x < 0 ? x / EPS32 : Math.ulp(1.0f);
    }

    /** numpy.linspace(start, stop, n) × scale. */
    static double[] linspace(double start, double stop, int n, double scale) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = start * scale;
            return out;
        }
        double step = (stop - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            out[i] = (i * step + start) * scale;
        }
        out[n - 1] = stop * scale;
        return out;
    }

    /** Largest centre–corner distance in radial (internal unit) and in χ (wrapped) per pixel. */
    private static void deltas(Detector det, Geometry.Corners c, double[] c0, double[] c1, double[] d0, double[] d1) {
        int cols = det.cols();
        Parallel.forRange(0, det.rows(), i -> {
            for (int j = 0; j < cols; j++) {
                int p = i * cols + j;
                double m0 = 0;
                double m1 = 0;
                for (int k = 0; k < 4; k++) {
                    int ci = c.index(i + (k == 1 || k == 2 ? 1 : 0), j + (k >= 2 ? 1 : 0));
                    m0 = Math.max(m0, Math.abs(c.radial()[ci] - c0[p]));
                    if (d1 != null) {
                        double a = Math.abs(c.chi()[ci] - c1[p]);
                        a = Math.min(a, 2 * Math.PI - a);
                        m1 = Math.max(m1, a);
                    }
                }
                d0[p] = m0;
                if (d1 != null) {
                    d1[p] = m1;
                }
            }
        });
    }

    /** Per-thread scratch for the weights of one pixel. */
    private static final class Scratch {
        int[] bin = new int[64];
        double[] w = new double[64];
        int[] b0 = new int[64];
        double[] w0 = new double[64];
        int[] b1 = new int[64];
        double[] w1 = new double[64];
        final double[] x = new double[4];
        final double[] y = new double[4];
        final double[] px = new double[16];
        final double[] py = new double[16];
        final double[] qx = new double[16];
        final double[] qy = new double[16];

        void ensure(int n) {
            if (bin.length < n) {
                int m = Math.max(n, bin.length * 2);
                bin = Arrays.copyOf(bin, m);
                w = Arrays.copyOf(w, m);
            }
        }

        void ensure1(int n) {
            if (b0.length < n) {
                int m = Math.max(n, b0.length * 2);
                b0 = Arrays.copyOf(b0, m);
                w0 = Arrays.copyOf(w0, m);
                b1 = Arrays.copyOf(b1, m);
                w1 = Arrays.copyOf(w1, m);
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Computes the bins and weights of one pixel. */
    private final class Builder {
        private final Detector det;
        private final boolean[] excluded;
        private final double[] c0;
        private final double[] d0;
        private final double[] c1;
        private final double[] d1;
        private final Geometry.Corners corners;
        private final double pos1Maxin;
        private final boolean cake = options.isCake();
        private final boolean azimuthCut = options.azimuthRange() != null;

        Builder(Detector det, boolean[] excluded, double[] c0, double[] d0, double[] c1, double[] d1,
                Geometry.Corners corners, double pos1Maxin) {
            this.det = det;
            this.excluded = excluded;
            this.c0 = c0;
            this.d0 = d0;
            this.c1 = c1;
            this.d1 = d1;
            this.corners = corners;
            this.pos1Maxin = pos1Maxin;
        }

        int weights(int p, Scratch s) {
            if (excluded[p]) {
                return 0;
            }
            return options.split() == Split.FULL ? full(p, s) : boxed(p, s);
        }

        /** No splitting and bounding-box splitting. */
        private int boxed(int p, Scratch s) {
            double r = c0[p];
            double dr = d0 == null ? 0.0 : d0[p];
            double a = 0;
            double da = 0;
            if (c1 != null) {
                a = c1[p];
                da = d1 == null ? 0.0 : d1[p];
                if (a + da < pos1Min) {
                    a += 2 * Math.PI; // ranges reaching beyond 180° see χ + 360°
                }
                if (azimuthCut && !cake && (a + da < pos1Min || a - da > pos1Maxin)) {
                    return 0;
                }
            }
            double f0 = (r - dr - pos0Min) / delta0;
            double f1 = (r + dr - pos0Min) / delta0;
            if (!cake) {
                s.ensure(nRad + 1);
                return PixelSplitting.bbox(f0, f1, nRad, s.bin, s.w, 0);
            }
            s.ensure1(Math.max(nRad, nChi) + 1);
            int n0 = PixelSplitting.bbox(f0, f1, nRad, s.b0, s.w0, 0);
            if (n0 == 0) {
                return 0;
            }
            int n1 = PixelSplitting.bbox((a - da - pos1Min) / delta1, (a + da - pos1Min) / delta1, nChi, s.b1, s.w1, 0);
            s.ensure(n0 * n1);
            int n = 0;
            for (int u = 0; u < n0; u++) {
                for (int v = 0; v < n1; v++) {
                    s.bin[n] = s.b0[u] * nChi + s.b1[v];
                    s.w[n] = s.w0[u] * s.w1[v];
                    n++;
                }
            }
            return n;
        }

        /** Full splitting: exact quadrilateral areas. */
        private int full(int p, Scratch s) {
            int cols = det.cols();
            int i = p / cols;
            int j = p - i * cols;
            double[] x = s.x;
            double[] y = s.y;
            double ymin = Double.POSITIVE_INFINITY;
            double ymax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                // corner order A(i,j) B(i+1,j) C(i+1,j+1) D(i,j+1) as pyFAI
                int ci = corners.index(i + (k == 1 || k == 2 ? 1 : 0), j + (k >= 2 ? 1 : 0));
                x[k] = corners.radial()[ci];
                y[k] = corners.chi()[ci];
                ymin = Math.min(ymin, y[k]);
                ymax = Math.max(ymax, y[k]);
            }
            if (ymax - ymin > Math.PI) { // pixel straddles the χ = ±π discontinuity
                ymin = Double.POSITIVE_INFINITY;
                ymax = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 4; k++) {
                    if (y[k] < 0) {
                        y[k] += 2 * Math.PI;
                    }
                    ymin = Math.min(ymin, y[k]);
                    ymax = Math.max(ymax, y[k]);
                }
            }
            if (!Double.isNaN(pos1Min) && ymax < pos1Min) {
                for (int k = 0; k < 4; k++) {
                    y[k] += 2 * Math.PI;
                }
                ymin += 2 * Math.PI;
                ymax += 2 * Math.PI;
            }
            double min0 = Double.POSITIVE_INFINITY;
            double max0 = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                x[k] = (x[k] - pos0Min) / delta0;
                min0 = Math.min(min0, x[k]);
                max0 = Math.max(max0, x[k]);
            }
            if (max0 < 0 || min0 >= nRad) {
                return 0;
            }
            if (azimuthCut && !cake && (ymax < pos1Min || ymin >= pos1Max)) {
                return 0;
            }
            long b0 = (long) Math.floor(min0);
            long b1 = (long) Math.floor(max0);
            if (!cake) {
                if (b0 == b1) {
                    s.bin[0] = (int) b0;
                    s.w[0] = 1.0;
                    return 1;
                }
                int lo = (int) Math.max(0, b0);
                int hi = (int) Math.min(nRad, b1 + 1);
                s.ensure(hi - lo + 1);
                PixelSplitting.slabAreas(x, y, 4, lo, hi, s.w);
                double sum = 0;
                for (int k = 0; k < hi - lo; k++) {
                    sum += s.w[k];
                }
                if (sum == 0) {
                    return 0;
                }
                int n = 0;
                for (int k = 0; k < hi - lo; k++) {
                    // keep zero shares too: a pixel's bins stay consecutive (compact storage)
                    s.bin[n] = lo + k;
                    s.w[n] = s.w[k] / sum;
                    n++;
                }
                return n;
            }
            // 2D: clip against each (radial, χ) cell of the bounding box
            for (int k = 0; k < 4; k++) {
                y[k] = (y[k] - pos1Min) / delta1;
            }
            double min1 = (ymin - pos1Min) / delta1;
            double max1 = (ymax - pos1Min) / delta1;
            if (max1 < 0 || min1 >= nChi) {
                return 0;
            }
            int r0 = (int) Math.max(0, b0);
            int r1 = (int) Math.min(nRad - 1, b1);
            int a0 = (int) Math.max(0, Math.floor(min1));
            int a1 = (int) Math.min(nChi - 1, Math.floor(max1));
            if (b0 == b1 && Math.floor(min1) == Math.floor(max1)) {
                s.bin[0] = r0 * nChi + a0;
                s.w[0] = 1.0;
                return 1;
            }
            s.ensure((r1 - r0 + 1) * (a1 - a0 + 1));
            int n = 0;
            double sum = 0;
            for (int u = r0; u <= r1; u++) {
                for (int v = a0; v <= a1; v++) {
                    double area = PixelSplitting.cellArea(x, y, 4, u, v, s.px, s.py, s.qx, s.qy);
                    if (area > 0) {
                        s.bin[n] = u * nChi + v;
                        s.w[n] = area;
                        sum += area;
                        n++;
                    }
                }
            }
            if (sum == 0) {
                return 0;
            }
            for (int k = 0; k < n; k++) {
                s.w[k] /= sum;
            }
            return n;
        }
    }

    // ------------------------------------------------------------------ per frame

    /**
     * Per-bin sums for one frame (bin index r·nChi + c for a cake).
     *
     * @param signal        Σ c·(raw − dark)
     * @param variance      Σ c²·var (Poisson: var = max(raw, 1))
     * @param normalization Σ c·flat·Ω·P over valid pixels (not yet multiplied by the frame normalization)
     * @param count         Σ c over valid pixels
     */
    public record Sums(double[] signal, double[] variance, double[] normalization, double[] count) { }

    /** Accumulates one frame ({@code data} row-major, detector-sized); {@code variance} may be null (Poisson). */
    public Sums accumulate(float[] data, float[] variance) {
        return accumulate(data, variance, true);
    }

    /**
     * As {@link #accumulate(float[], float[])}; {@code skipZeros} allows the zero-skipping kernel (without dark and
     * with Poisson variance), which visits only the pixels that hold counts: a zero adds nothing to the signal and
     * c² (precomputed per bin) to the variance. The signal is then the same to the bit, the variance the same to
     * rounding. False runs the plain kernel over every pixel (package-private, for tests).
     */
    Sums accumulate(float[] data, float[] variance, boolean skipZeros) {
        if (data.length != npix) {
            throw new InvalidInputException("frame has " + data.length + " pixels but detector "
                    + geometry.detector().name() + " has " + npix);
        }
        if (variance != null && variance.length != npix) {
            throw new InvalidInputException("variance has " + variance.length + " pixels, expected " + npix);
        }
        boolean sparse = skipZeros && dark == null && variance == null;
        int t = Math.max(1, Math.min(Parallel.threads(), 64));
        Partial[] parts = new Partial[t];
        int chunk = (npix + t - 1) / t;
        Parallel.forRange(0, t, k -> {
            int from = k * chunk;
            int to = Math.min(npix, from + chunk);
            Partial part = new Partial(sparse);
            if (from < to) {
                part.add(data, 0, variance, from, to);
            }
            parts[k] = part;
        });
        return combine(parts, sparse);
    }

    /** The sums of a frame from the partial sums over its pixel ranges. */
    private Sums combine(Partial[] parts, boolean sparse) {
        double[] s = new double[nBins];
        double[] v = new double[nBins];
        parts[0].reduce(s, v);
        double[] ps = new double[nBins];
        double[] pv = new double[nBins];
        for (int k = 1; k < parts.length; k++) {
            parts[k].reduce(ps, pv);
            for (int b = 0; b < nBins; b++) {
                s[b] += ps[b];
                v[b] += pv[b];
            }
        }
        if (sparse) {
            for (int b = 0; b < nBins; b++) {
                v[b] += sumCoef2[b];
            }
        }
        double[] norm = sumNorm.clone();
        double[] cnt = sumCount.clone();
        for (Partial part : parts) {
            double[][] lost = part.lost;
            if (lost[0] != null) {
                for (int b = 0; b < nBins; b++) {
                    norm[b] -= lost[0][b];
                    cnt[b] -= lost[1][b];
                    if (sparse) {
                        v[b] -= lost[2][b];
                    }
                }
            }
        }
        return new Sums(s, v, norm, cnt);
    }

    /**
     * Starts the accumulation of one frame delivered in runs of pixels ({@link FrameSource#stream}), so that a frame
     * never has to be held whole: feed it every pixel once, in increasing order, then call {@link Accumulation#finish}.
     * Poisson variance; single-threaded (integrate several frames in parallel instead). The sums equal those of
     * {@link #accumulate(float[], float[])} to rounding (to the bit when that runs on one thread).
     */
    public Accumulation accumulation() {
        return new Accumulation();
    }

    /** One frame's accumulation in progress; see {@link #accumulation()}. */
    public final class Accumulation implements FrameSource.PixelSink {
        private final boolean sparse = dark == null;
        private final Partial part = new Partial(sparse);
        private int next;

        private Accumulation() { }

        @Override
        public void accept(int firstPixel, float[] values, int offset, int count) {
            if (firstPixel < next || count < 0 || (long) firstPixel + count > npix) {
                throw new IllegalArgumentException("pixels [" + firstPixel + ", " + ((long) firstPixel + count)
                        + ") out of order or outside the " + npix + " of " + geometry.detector().name()
                        + " (next expected " + next + ")");
            }
            if (count > 0) {
                part.add(values, firstPixel - offset, null, firstPixel, firstPixel + count);
                next = firstPixel + count;
            }
        }

        /** The sums of the frame; every pixel must have been given. */
        public Sums finish() {
            if (next != npix) {
                throw new IllegalStateException("frame incomplete: " + next + " of " + npix + " pixels given");
            }
            return combine(new Partial[] {part}, sparse);
        }
    }

    /** Interleaved accumulator copies: consecutive pixels often hit the same bin, and 4 independent copies break
     * the add → store → load dependency chain of a single histogram (4× fewer stalls). */
    private static final int LANES = 4;

    private int lanes() {
        return nBins <= 65536 ? LANES : 1;
    }

    /** True for the raw values that exclude a pixel from one frame: negative (gaps, dead), NaN, or overflow. */
    private static boolean invalid(float raw) {
        return !(raw >= 0f) || raw >= OVERFLOW;
    }

    /**
     * Per-bin, per-lane sums over some pixels of one frame: S = Σ c·(raw − dark), V = Σ c²·var (sparse: Σ
     * c²·(max(raw, 1) − 1) over the pixels holding counts, the c² of the zeros being in {@code sumCoef2}), and the
     * normalization, weight and c² of the pixels excluded in this frame (negative, NaN, overflow), removed from the
     * static sums at the end.
     */
    private final class Partial {
        final boolean sparse;
        final int lanes = lanes();
        final int shift = lanes == 1 ? 0 : 2;
        final double[] ls = new double[nBins * lanes];
        final double[] lv = new double[nBins * lanes];
        final double[][] lost = new double[3][];
        /** Compact layout: the pixel after the last one added, and its coefficient offset. */
        int next = -1;
        int k;

        Partial(boolean sparse) {
            this.sparse = sparse;
        }

        /** Adds pixels [from, to); the value of pixel p is {@code values[p - base]}, its variance {@code variance[p]}. */
        void add(float[] values, int base, float[] variance, int from, int to) {
            if (cell == null) {
                addCsr(values, base, variance, from, to);
                return;
            }
            if (from != next) {
                k = coefOffset(from);
            }
            if (sparse) {
                addCompactSparse(values, base, from, to);
            } else {
                addCompact(values, base, variance, from, to);
            }
            next = to;
        }

        /** Sums over the lanes into {@code s}, {@code v}. */
        void reduce(double[] s, double[] v) {
            for (int b = 0; b < nBins; b++) {
                double a = 0;
                double c = 0;
                for (int l = 0; l < lanes; l++) {
                    a += ls[b * lanes + l];
                    c += lv[b * lanes + l];
                }
                s[b] = a;
                v[b] = c;
            }
        }

        private void lose(int p, int bin, double w) {
            if (lost[0] == null) {
                lost[0] = new double[nBins];
                lost[1] = new double[nBins];
                lost[2] = new double[nBins];
            }
            lost[0][bin] += w * (double) normPix[p];
            lost[1][bin] += w;
            lost[2][bin] += w * w;
        }

        private void addCompact(float[] values, int base, float[] variance, int from, int to) {
            final int[] cellL = cell;
            final float[] darkL = dark;
            final int sh = shift;
            final int laneMask = lanes - 1;
            int kk = k;
            for (int p = from; p < to; p++) {
                int c = cellL[p];
                int b = c & BIN_MASK;
                int m = c >>> STORED_SHIFT;
                int k0 = kk;
                kk += m;
                if (b == NO_BIN) {
                    continue;
                }
                float raw = values[p - base];
                if (invalid(raw)) {
                    loseCompact(p, b, m, k0);
                    continue;
                }
                double sig = darkL == null ? raw : raw - darkL[p];
                double var = variance == null ? (raw > 1f ? raw : 1f) : variance[p]; // max(raw, 1), raw valid
                addPixel((b << sh) | (p & laneMask), m, k0, sig, var);
            }
            k = kk;
        }

        /** The zero-skipping kernel: the matrix row of a zero pixel is still read for its coefficient count. */
        private void addCompactSparse(float[] values, int base, int from, int to) {
            final int[] cellL = cell;
            final int sh = shift;
            final int laneMask = lanes - 1;
            int kk = k;
            for (int p = from; p < to; p++) {
                int c = cellL[p];
                int m = c >>> STORED_SHIFT;
                int k0 = kk;
                kk += m;
                float raw = values[p - base];
                if (raw == 0f) {
                    continue;
                }
                int b = c & BIN_MASK;
                if (b == NO_BIN) {
                    continue;
                }
                if (invalid(raw)) {
                    loseCompact(p, b, m, k0);
                    continue;
                }
                double sig = raw;
                double var1 = raw > 1f ? raw - 1.0 : 0.0; // max(raw, 1) − 1 for a valid raw
                addPixel((b << sh) | (p & laneMask), m, k0, sig, var1);
            }
            k = kk;
        }

        /**
         * Adds one pixel's signal and variance at lane index {@code idx} of its first bin: weight 1 when it stores no
         * coefficients (m = 0), else its m coefficients from {@code coefs[k0]} over consecutive bins.
         */
        private void addPixel(int idx, int m, int k0, double sig, double var) {
            if (m == 0) {
                ls[idx] += sig;
                lv[idx] += var;
                return;
            }
            int stride = 1 << shift;
            // counted loop over the m weights (ran faster than one bounded by the running offset)
            for (int j = 0; j < m; j++) {
                double w = coefs[k0 + j];
                ls[idx + j * stride] += w * sig;
                lv[idx + j * stride] += w * w * var;
            }
        }

        private void loseCompact(int p, int b, int m, int k0) {
            if (m == 0) {
                lose(p, b, 1.0);
            }
            for (int e = 0; e < m; e++) {
                lose(p, b + e, coefs[k0 + e]);
            }
        }

        private void addCsr(float[] values, int base, float[] variance, int from, int to) {
            final int[] ptrL = ptr;
            final int[] binsL = bins;
            final float[] coefsL = coefs;
            final float[] darkL = dark;
            final double[] sl = ls;
            final double[] vl = lv;
            final int sh = shift;
            final int laneMask = lanes - 1;
            final boolean skip = sparse;
            for (int p = from; p < to; p++) {
                float raw = values[p - base];
                if (skip && raw == 0f) {
                    continue;
                }
                int k0 = ptrL[p];
                int k1 = ptrL[p + 1];
                if (k0 == k1) {
                    continue;
                }
                if (invalid(raw)) {
                    for (int e = k0; e < k1; e++) {
                        lose(p, binsL[e], coefsL[e]);
                    }
                    continue;
                }
                double sig = darkL == null ? raw : raw - darkL[p];
                double var = variance == null ? (raw > 1f ? raw : 1f) : variance[p]; // max(raw, 1), raw valid
                if (skip) {
                    var -= 1.0;
                }
                int lane = p & laneMask;
                for (int e = k0; e < k1; e++) {
                    double w = coefsL[e];
                    int idx = (binsL[e] << sh) | lane;
                    sl[idx] += w * sig;
                    vl[idx] += w * w * var;
                }
            }
        }
    }

    /** I and σ per bin from sums; NaN where no valid pixel contributes. */
    public double[][] intensity(Sums sums, double normalization) {
        InvalidInputException.require(normalization > 0 && Double.isFinite(normalization),
                "normalization value must be a positive finite number, got " + normalization);
        double[] i = new double[nBins];
        double[] e = new double[nBins];
        for (int b = 0; b < nBins; b++) {
            double n = sums.normalization()[b] * normalization;
            if (sums.count()[b] > 1e-9 && n > 0) {
                i[b] = sums.signal()[b] / n;
                e[b] = Math.sqrt(sums.variance()[b]) / n;
            } else {
                i[b] = Double.NaN;
                e[b] = Double.NaN;
            }
        }
        return new double[][] {i, e};
    }

    /** Integrates one frame to a curve I(radial) with Poisson σ; {@code normalization} divides I (monitor, 1 for none). */
    public Curve integrate1d(Frame frame, double normalization) {
        requireNotCake();
        checkFrame(frame);
        double[][] ie = intensity(accumulate(frame.data(), null), normalization);
        return new Curve(radialAxis(), ie[0], ie[1], "I", Unit.ARBITRARY);
    }

    /** Integrates one frame to a cake: I[χ][radial] (row-major χ-major) and σ. */
    public Cake integrate2d(Frame frame, double normalization) {
        if (!options.isCake()) {
            throw new IllegalStateException("integrator was built for 1D; set chiBins for a cake");
        }
        checkFrame(frame);
        double[][] ie = intensity(accumulate(frame.data(), null), normalization);
        return new Cake(radialAxis(), chiAxis(), transpose(ie[0]), transpose(ie[1]));
    }

    private double[] transpose(double[] radialMajor) {
        double[] out = new double[nBins];
        for (int r = 0; r < nRad; r++) {
            for (int c = 0; c < nChi; c++) {
                out[c * nRad + r] = radialMajor[r * nChi + c];
            }
        }
        return out;
    }

    /**
     * A 2D cake.
     *
     * @param radial the radial axis
     * @param chi    the azimuthal axis (degrees)
     * @param values I[χ][radial], row-major (index c·nRadial + r)
     * @param sigma  σ, same layout
     */
    public record Cake(Axis radial, Axis chi, double[] values, double[] sigma) {
        public double get(int chiIndex, int radialIndex) {
            return values[chiIndex * radial.size() + radialIndex];
        }
    }

    private void checkFrame(Frame frame) {
        geometry.detector().requireShape(frame.width(), frame.height(), "frame");
    }

    private void requireNotCake() {
        if (options.isCake()) {
            throw new IllegalStateException("integrator was built for a cake; use integrate2d");
        }
    }

    /** The radial axis (bin centres in the requested unit). */
    public Axis radialAxis() {
        RadialUnit u = options.unit();
        return new Axis(u.quantity(), u.unit(), radialCentres);
    }

    /** The χ axis in degrees (cake only). */
    public Axis chiAxis() {
        return chiCentresDeg == null ? null : new Axis("chi", Unit.CHI_DEG, chiCentresDeg);
    }

    public Geometry geometry() {
        return geometry;
    }

    public IntegrationOptions options() {
        return options;
    }

    /** Number of output bins (radial × χ). */
    public int binCount() {
        return nBins;
    }

    /** Stored non-zero matrix entries. */
    public long nonZeros() {
        return nnz;
    }

    /** Lower edge of the radial range in the internal unit (rad, nm⁻¹ or m). */
    public double radialMinInternal() {
        return pos0Min;
    }

    /** Upper edge of the radial range in the internal unit. */
    public double radialMaxInternal() {
        return pos0Max;
    }

    /** Σ of the matrix weights per bin over statically valid pixels (the pixel count for no splitting). */
    public double[] pixelsPerBin() {
        return sumCount.clone();
    }
}
