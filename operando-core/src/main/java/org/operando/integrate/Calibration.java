package org.operando.integrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.operando.data.Frame;
import org.operando.data.Mask;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.util.InvalidInputException;
import org.operando.util.ProgressListener;

/**
 * Geometry calibration from one image of a calibrant, given the detector, the wavelength and a rough distance:
 * <ol>
 *   <li>beam centre: the point around which the brightest pixels have the sharpest histogram of distances
 *       (concentric rings), searched coarse to fine over the detector and a margin around it;</li>
 *   <li>ring assignment: peaks of the azimuthally averaged profile around that centre are matched to the calibrant's
 *       2θ values by scanning the distance over [guess/2, 2·guess];</li>
 *   <li>ring peak picking: along rays from the beam centre every ~4 pixels of ring circumference, the image is sampled
 *       (bilinear, masked pixels excluded) across the predicted position of each ring; the centroid of the
 *       background-subtracted peak above half maximum is a control point (sampling along the ray avoids the
 *       curvature bias of arc centroids);</li>
 *   <li>least squares (commons-math3 Levenberg–Marquardt) of the 2θ residuals of all control points over dist,
 *       poni1, poni2, rot1, rot2 (and rot3 if asked), rejecting points beyond 5 RMS; steps 3–4 are repeated with the
 *       refined geometry, adding rings.</li>
 * </ol>
 */
public final class Calibration {
    private Calibration() { }

    /** A point on ring {@code ring} (index into the calibrant's 2θ list) at fractional pixel (row, col). */
    public record ControlPoint(double row, double col, int ring) { }

    /**
     * The refined geometry and its quality.
     *
     * @param geometry     refined geometry (with the wavelength)
     * @param points       control points used in the last fit
     * @param rmsTthDeg    RMS of the 2θ residuals (degrees)
     * @param rmsPixels    RMS of the residuals expressed as radial distance on the detector (pixels)
     * @param pointsPerRing number of control points per calibrant ring
     * @param sigma        1σ uncertainties of {dist, poni1, poni2, rot1, rot2[, rot3]} (m, rad)
     * @param ringTthDeg   2θ (degrees) of the calibrant rings, same indices as {@code pointsPerRing}
     */
    public record Result(Geometry geometry, List<ControlPoint> points, double rmsTthDeg, double rmsPixels,
                         int[] pointsPerRing, double[] sigma, double[] ringTthDeg) {
        public int ringsUsed() {
            int n = 0;
            for (int c : pointsPerRing) {
                if (c > 0) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Calibrates.
     *
     * @param image         the calibrant image
     * @param mask          excluded pixels (may be null; the detector gaps and negative pixels are always excluded)
     * @param detector      the detector (must match the image shape)
     * @param wavelength    λ in m
     * @param calibrant     the calibrant
     * @param distanceGuess rough sample–detector distance in m
     * @param refineRot3    refine rot3 too (usually degenerate for a flat detector; pyFAI keeps it fixed)
     */
    public static Result calibrate(Frame image, Mask mask, Detector detector, double wavelength, Calibrant calibrant,
                                   double distanceGuess, boolean refineRot3, ProgressListener progress) {
        detector.requireShape(image.width(), image.height(), "calibration image");
        InvalidInputException.require(distanceGuess > 0 && Double.isFinite(distanceGuess),
                "--distance-guess must be a positive number of metres, got " + distanceGuess);
        InvalidInputException.require(wavelength > 0, "wavelength must be positive, got " + wavelength);
        int rows = detector.rows();
        int cols = detector.cols();
        float[] data = image.data();
        boolean[] valid = new boolean[data.length];
        Mask gaps = detector.gapMask();
        int nValid = 0;
        for (int p = 0; p < data.length; p++) {
            valid[p] = data[p] >= 0 && data[p] < Integrator.OVERFLOW && !gaps.isMasked(p)
                    && (mask == null || !mask.isMasked(p));
            if (valid[p]) {
                nValid++;
            }
        }
        InvalidInputException.require(nValid > 1000, "calibration image: fewer than 1000 unmasked pixels");
        double[] tthRings = calibrant.twoTheta(wavelength);
        InvalidInputException.require(tthRings.length > 0, "calibrant " + calibrant.name()
                + ": no reflection reachable at λ = " + wavelength * 1e10 + " Å");
        progress.start("calibrate", 6);

        double[] centre = findCentre(data, valid, rows, cols);
        progress.advance(1);
        double dist = assignDistance(data, valid, rows, cols, detector, centre, tthRings, distanceGuess);
        progress.advance(1);
        Geometry g = new Geometry(detector, dist, centre[0] * detector.pixel1(), centre[1] * detector.pixel2(), 0, 0, 0,
                wavelength);
        Fit fit = null;
        for (int it = 0; it < 4; it++) {
            List<ControlPoint> pts = extractPoints(data, valid, g, tthRings);
            if (pts.size() < 8) {
                throw new InvalidInputException("calibration image: found only " + pts.size() + " ring points for "
                        + calibrant.name() + " near distance " + String.format(Locale.ROOT, "%.4f", g.dist())
                        + " m; check --calibrant, --energy and --distance-guess");
            }
            fit = fit(g, pts, tthRings, refineRot3);
            g = fit.geometry;
            progress.advance(1);
        }
        progress.finish();
        int[] perRing = new int[tthRings.length];
        for (ControlPoint p : fit.points) {
            perRing[p.ring()]++;
        }
        double[] ringDeg = new double[tthRings.length];
        for (int k = 0; k < ringDeg.length; k++) {
            ringDeg[k] = Math.toDegrees(tthRings[k]);
        }
        // residual as radial distance: dr = L / cos²(2θ) · d(2θ) at the typical ring
        double meanTth = 0;
        for (ControlPoint p : fit.points) {
            meanTth += tthRings[p.ring()];
        }
        meanTth /= fit.points.size();
        double rmsPx = fit.rms * g.dist() / Math.pow(Math.cos(meanTth), 2) / detector.pixel1();
        return new Result(g, fit.points, Math.toDegrees(fit.rms), rmsPx, perRing, fit.sigma, ringDeg);
    }

    // ------------------------------------------------------------------ beam centre

    static double[] findCentre(float[] data, boolean[] valid, int rows, int cols) {
        // strong pixels: the brightest 2 % of the valid ones, at most 40000 of them
        int n = 0;
        for (boolean v : valid) {
            if (v) {
                n++;
            }
        }
        int stride = Math.max(1, n / 200_000);
        float[] sample = new float[n / stride + 1];
        int m = 0;
        int seen = 0;
        for (int p = 0; p < data.length; p++) {
            if (valid[p] && (seen++ % stride == 0) && m < sample.length) {
                sample[m++] = data[p];
            }
        }
        float[] sorted = Arrays.copyOf(sample, m);
        Arrays.sort(sorted);
        float thr = sorted[(int) (0.98 * (m - 1))];
        List<int[]> strong = new ArrayList<>();
        for (int p = 0; p < data.length; p++) {
            if (valid[p] && data[p] > thr) {
                strong.add(new int[] {p / cols, p % cols});
            }
        }
        if (strong.size() < 50) {
            throw new InvalidInputException("calibration image: too few bright pixels to find rings (is the image empty?)");
        }
        int keep = Math.min(strong.size(), 40_000);
        double[] ys = new double[keep];
        double[] xs = new double[keep];
        double step = (double) strong.size() / keep;
        for (int k = 0; k < keep; k++) {
            int[] rc = strong.get((int) (k * step));
            ys[k] = rc[0] + 0.5;
            xs[k] = rc[1] + 0.5;
        }
        double size = Math.max(rows, cols);
        double y0 = -0.5 * rows;
        double y1 = 1.5 * rows;
        double x0 = -0.5 * cols;
        double x1 = 1.5 * cols;
        double grid = size / 40.0;
        double[] best = {rows / 2.0, cols / 2.0};
        double maxR = 3 * size;
        while (true) {
            double bin = Math.max(grid, 1.5);
            double bestScore = -1;
            double[] bestHere = best;
            int[] hist = new int[(int) (maxR / bin) + 2];
            for (double cy = y0; cy <= y1 + 1e-9; cy += grid) {
                for (double cx = x0; cx <= x1 + 1e-9; cx += grid) {
                    Arrays.fill(hist, 0);
                    for (int k = 0; k < keep; k++) {
                        double dy = ys[k] - cy;
                        double dx = xs[k] - cx;
                        int b = (int) (Math.sqrt(dy * dy + dx * dx) / bin);
                        if (b < hist.length) {
                            hist[b]++;
                        }
                    }
                    double score = 0;
                    for (int h : hist) {
                        score += (double) h * h;
                    }
                    score *= bin; // comparable across bin widths
                    if (score > bestScore) {
                        bestScore = score;
                        bestHere = new double[] {cy, cx};
                    }
                }
            }
            best = bestHere;
            if (grid <= 0.5) {
                break;
            }
            y0 = best[0] - 2 * grid;
            y1 = best[0] + 2 * grid;
            x0 = best[1] - 2 * grid;
            x1 = best[1] + 2 * grid;
            grid = Math.max(0.5, grid / 4);
        }
        return best;
    }

    // ------------------------------------------------------------------ distance and ring assignment

    static double assignDistance(float[] data, boolean[] valid, int rows, int cols, Detector det, double[] centre,
                                 double[] tth, double guess) {
        double px = det.pixel1();
        double py = det.pixel2();
        double maxR = 0;
        int nb = (int) (Math.hypot(Math.max(centre[0], rows - centre[0]) * px, Math.max(centre[1], cols - centre[1]) * py) / px) + 2;
        double[] sum = new double[nb];
        int[] cnt = new int[nb];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int p = i * cols + j;
                if (!valid[p]) {
                    continue;
                }
                double r = Math.hypot((i + 0.5 - centre[0]) * px, (j + 0.5 - centre[1]) * py) / px;
                int b = (int) r;
                if (b < nb) {
                    sum[b] += data[p];
                    cnt[b]++;
                    maxR = Math.max(maxR, r);
                }
            }
        }
        double[] prof = new double[nb];
        for (int b = 0; b < nb; b++) {
            prof[b] = cnt[b] > 3 ? sum[b] / cnt[b] : Double.NaN;
        }
        // background: running minimum over ±15 px, then peaks = local maxima well above it
        int w = 15;
        List<double[]> peaks = new ArrayList<>(); // {radius px, prominence}
        double[] excess = new double[nb];
        for (int b = 0; b < nb; b++) {
            double mn = Double.POSITIVE_INFINITY;
            for (int k = Math.max(0, b - w); k <= Math.min(nb - 1, b + w); k++) {
                if (!Double.isNaN(prof[k])) {
                    mn = Math.min(mn, prof[k]);
                }
            }
            excess[b] = Double.isNaN(prof[b]) || Double.isInfinite(mn) ? 0 : prof[b] - mn;
        }
        double[] sortedEx = excess.clone();
        Arrays.sort(sortedEx);
        double noise = Math.max(1e-12, sortedEx[sortedEx.length / 2]);
        for (int b = 2; b < nb - 2; b++) {
            double e = excess[b];
            if (e > 5 * noise && e >= excess[b - 1] && e >= excess[b + 1] && e >= excess[b - 2] && e >= excess[b + 2]) {
                double c = (b - 1 + 0.5) * excess[b - 1] + (b + 0.5) * e + (b + 1 + 0.5) * excess[b + 1];
                c /= excess[b - 1] + e + excess[b + 1];
                peaks.add(new double[] {c, e});
            }
        }
        if (peaks.isEmpty()) {
            throw new InvalidInputException("calibration image: no rings found in the azimuthal profile");
        }
        peaks.sort((a, b) -> Double.compare(b[1], a[1]));
        List<double[]> strongest = peaks.subList(0, Math.min(10, peaks.size()));
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestD = guess;
        double tol = 4.0;
        for (int s = 0; s <= 4000; s++) {
            double d = guess * Math.pow(4.0, s / 4000.0) / 2.0;
            double score = 0;
            double maxObs = 0;
            for (double[] pk : strongest) {
                maxObs = Math.max(maxObs, pk[0]);
                double nearest = Double.POSITIVE_INFINITY;
                for (double t : tth) {
                    double r = d * Math.tan(t) / px;
                    nearest = Math.min(nearest, Math.abs(r - pk[0]));
                }
                score += Math.sqrt(pk[1]) * Math.exp(-0.5 * (nearest / tol) * (nearest / tol));
            }
            double meanW = 0;
            for (double[] pk : strongest) {
                meanW += Math.sqrt(pk[1]);
            }
            meanW /= strongest.size();
            // predicted rings inside the observed radius range that no peak explains count against d
            for (double t : tth) {
                double r = d * Math.tan(t) / px;
                if (r > maxObs + tol) {
                    break;
                }
                boolean explained = false;
                for (double[] pk : peaks) {
                    if (Math.abs(pk[0] - r) < 2 * tol) {
                        explained = true;
                        break;
                    }
                }
                if (!explained) {
                    score -= 0.3 * meanW;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                bestD = d;
            }
        }
        // refine: least squares scale on matched peaks
        double num = 0;
        double den = 0;
        for (double[] pk : peaks) {
            double bestT = Double.NaN;
            double nearest = Double.POSITIVE_INFINITY;
            for (double t : tth) {
                double r = bestD * Math.tan(t) / px;
                if (Math.abs(r - pk[0]) < nearest) {
                    nearest = Math.abs(r - pk[0]);
                    bestT = t;
                }
            }
            if (nearest < tol) {
                double tn = Math.tan(bestT) / px;
                num += pk[0] * tn;
                den += tn * tn;
            }
        }
        return den > 0 ? num / den : bestD;
    }

    // ------------------------------------------------------------------ control points

    static List<ControlPoint> extractPoints(float[] data, boolean[] valid, Geometry g, double[] tth) {
        Detector det = g.detector();
        int rows = det.rows();
        int cols = det.cols();
        double[] bc = g.beamCentrePixels();
        List<ControlPoint> out = new ArrayList<>();
        double diag = Math.hypot(rows, cols);
        for (int k = 0; k < tth.length; k++) {
            // typical radius of ring k in pixels (untilted estimate) decides the number of rays
            double rk = g.dist() * Math.tan(tth[k]) / det.pixel1();
            if (rk > 2 * diag || tth[k] > Math.toRadians(80)) {
                break;
            }
            int nRays = (int) Math.max(36, Math.min(1440, 2 * Math.PI * rk / 4));
            for (int a = 0; a < nRays; a++) {
                double phi = 2 * Math.PI * (a + 0.5) / nRays;
                double dy = Math.sin(phi);
                double dx = Math.cos(phi);
                double rho = radiusOnRay(g, bc, dy, dx, tth[k], rk);
                if (Double.isNaN(rho)) {
                    continue;
                }
                double yk = bc[0] + rho * dy;
                double xk = bc[1] + rho * dx;
                if (yk < 1 || xk < 1 || yk > rows - 1 || xk > cols - 1) {
                    continue;
                }
                // window: a fraction of the distance to the neighbouring rings along the ray
                double half = 12;
                if (k > 0) {
                    double rPrev = radiusOnRay(g, bc, dy, dx, tth[k - 1], rk);
                    if (!Double.isNaN(rPrev)) {
                        half = Math.min(half, 0.45 * (rho - rPrev));
                    }
                }
                if (k + 1 < tth.length) {
                    double rNext = radiusOnRay(g, bc, dy, dx, tth[k + 1], rk);
                    if (!Double.isNaN(rNext)) {
                        half = Math.min(half, 0.45 * (rNext - rho));
                    }
                }
                if (half < 3) {
                    continue;
                }
                double peak = peakAlongRay(data, valid, rows, cols, bc, dy, dx, rho - half, rho + half);
                if (!Double.isNaN(peak)) {
                    out.add(new ControlPoint(bc[0] + peak * dy, bc[1] + peak * dx, k));
                }
            }
        }
        return out;
    }

    /** Distance from the beam centre along direction (dy, dx) in pixels where 2θ equals {@code target}. */
    private static double radiusOnRay(Geometry g, double[] bc, double dy, double dx, double target, double guess) {
        double lo = 0;
        double hi = Math.max(4 * guess, 10);
        if (g.tth(bc[0] + hi * dy, bc[1] + hi * dx) < target) {
            hi *= 4;
            if (g.tth(bc[0] + hi * dy, bc[1] + hi * dx) < target) {
                return Double.NaN;
            }
        }
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (g.tth(bc[0] + mid * dy, bc[1] + mid * dx) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Centroid (above half maximum, linear background removed) of the image sampled along a ray, or NaN. */
    private static double peakAlongRay(float[] data, boolean[] valid, int rows, int cols, double[] bc, double dy,
                                       double dx, double from, double to) {
        double stepPx = 0.25;
        int n = (int) ((to - from) / stepPx) + 1;
        if (n < 9) {
            return Double.NaN;
        }
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            double r = from + s * stepPx;
            double val = bilinear(data, valid, rows, cols, bc[0] + r * dy, bc[1] + r * dx);
            if (Double.isNaN(val)) {
                return Double.NaN;
            }
            v[s] = val;
        }
        double left = (v[0] + v[1] + v[2]) / 3;
        double right = (v[n - 1] + v[n - 2] + v[n - 3]) / 3;
        int imax = 0;
        double vmax = Double.NEGATIVE_INFINITY;
        double[] e = new double[n];
        for (int s = 0; s < n; s++) {
            e[s] = v[s] - (left + (right - left) * (s - 1.0) / (n - 3.0));
            if (e[s] > vmax) {
                vmax = e[s];
                imax = s;
            }
        }
        double base = Math.max(Math.abs(left), Math.abs(right));
        // the peak must stand well above the Poisson noise of the background and not sit on the window edge
        if (vmax < 6 * Math.sqrt(base + 1) || imax < 3 || imax > n - 4) {
            return Double.NaN;
        }
        int a = imax;
        while (a > 0 && e[a - 1] > 0.5 * vmax) {
            a--;
        }
        int b = imax;
        while (b < n - 1 && e[b + 1] > 0.5 * vmax) {
            b++;
        }
        if (a == 0 || b == n - 1) {
            return Double.NaN;
        }
        double sw = 0;
        double swr = 0;
        for (int s = a; s <= b; s++) {
            double wgt = e[s] - 0.5 * vmax;
            sw += wgt;
            swr += wgt * (from + s * stepPx);
        }
        return sw > 0 ? swr / sw : Double.NaN;
    }

    /** Bilinear interpolation at continuous pixel coordinates (pixel (i, j) centred at (i+0.5, j+0.5)). */
    private static double bilinear(float[] data, boolean[] valid, int rows, int cols, double y, double x) {
        double u = y - 0.5;
        double w = x - 0.5;
        int i0 = (int) Math.floor(u);
        int j0 = (int) Math.floor(w);
        if (i0 < 0 || j0 < 0 || i0 + 1 >= rows || j0 + 1 >= cols) {
            return Double.NaN;
        }
        int p = i0 * cols + j0;
        if (!valid[p] || !valid[p + 1] || !valid[p + cols] || !valid[p + cols + 1]) {
            return Double.NaN;
        }
        double fu = u - i0;
        double fw = w - j0;
        return (1 - fu) * ((1 - fw) * data[p] + fw * data[p + 1]) + fu * ((1 - fw) * data[p + cols] + fw * data[p + cols + 1]);
    }

    // ------------------------------------------------------------------ least squares

    private record Fit(Geometry geometry, List<ControlPoint> points, double rms, double[] sigma) { }

    private static Fit fit(Geometry start, List<ControlPoint> pts, double[] tth, boolean refineRot3) {
        List<ControlPoint> use = new ArrayList<>(pts);
        Geometry g = start;
        double rms = Double.NaN;
        double[] sigma = null;
        for (int pass = 0; pass < 2; pass++) {
            int np = refineRot3 ? 6 : 5;
            final List<ControlPoint> cur = use;
            final Geometry base = g;
            MultivariateJacobianFunction model = params -> {
                double[] p = params.toArray();
                double[] r0 = residuals(base, p, cur, tth);
                double[][] jac = new double[r0.length][np];
                for (int k = 0; k < np; k++) {
                    double h = 1e-8;
                    double[] q = p.clone();
                    q[k] += h;
                    double[] r1 = residuals(base, q, cur, tth);
                    for (int i = 0; i < r0.length; i++) {
                        jac[i][k] = (r1[i] - r0[i]) / h;
                    }
                }
                return new Pair<>(new ArrayRealVector(r0, false), new Array2DRowRealMatrix(jac, false));
            };
            double[] p0 = Arrays.copyOf(g.parameters(), np);
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .model(model).target(new double[cur.size()]).start(p0).maxEvaluations(2000).maxIterations(500)
                    .lazyEvaluation(false).build());
            RealVector best = opt.getPoint();
            double[] pFull = g.parameters();
            for (int k = 0; k < np; k++) {
                pFull[k] = best.getEntry(k);
            }
            g = g.withParameters(pFull);
            rms = opt.getRMS();
            try {
                // commons-math's covariance is (JᵀJ)⁻¹ for unit residual variance: scale by the fitted variance
                sigma = opt.getSigma(1e-14).toArray();
                double scale = rms * Math.sqrt(cur.size() / (double) Math.max(1, cur.size() - np));
                for (int k = 0; k < sigma.length; k++) {
                    sigma[k] *= scale;
                }
            } catch (RuntimeException e) {
                sigma = new double[np];
                Arrays.fill(sigma, Double.NaN);
            }
            // reject outliers beyond 5 RMS and refit once
            double[] res = residuals(g, Arrays.copyOf(g.parameters(), np), cur, tth);
            List<ControlPoint> kept = new ArrayList<>();
            for (int i = 0; i < res.length; i++) {
                if (Math.abs(res[i]) <= 5 * rms) {
                    kept.add(cur.get(i));
                }
            }
            if (kept.size() == cur.size() || kept.size() < 8) {
                use = cur;
                break;
            }
            use = kept;
        }
        return new Fit(g, use, rms, sigma);
    }

    private static double[] residuals(Geometry base, double[] p, List<ControlPoint> pts, double[] tth) {
        double[] full = base.parameters();
        System.arraycopy(p, 0, full, 0, p.length);
        if (!(full[0] > 0)) {
            full[0] = 1e-6;
        }
        Geometry g = base.withParameters(full);
        double[] r = new double[pts.size()];
        for (int i = 0; i < r.length; i++) {
            ControlPoint c = pts.get(i);
            r[i] = g.tth(c.row(), c.col()) - tth[c.ring()];
        }
        return r;
    }
}
