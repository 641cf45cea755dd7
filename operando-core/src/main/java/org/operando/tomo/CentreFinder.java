package org.operando.tomo;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.operando.util.InvalidInputException;

/**
 * Centre-of-rotation estimation for parallel-beam sinograms.
 *
 * <ul>
 * <li>{@link #centreOfMass}: the centre of mass of every projection of a parallel-beam scan follows the
 * sinusoid COM(θ) = centre + X·cos θ − Y·sin θ of the object's centre of mass (X, Y); a linear least-squares
 * fit of (centre, X, Y) over all angles gives the axis. Works for any angle list with at least 3 distinct
 * angles (limited-angle included). Requires that the object stays inside the field of view and that the
 * background is 0 (subtract it first).</li>
 * <li>{@link #mirror}: for angle pairs θ, θ + 180° (within half an angular step) the projections are mirror
 * images about the axis, p(θ + π, u) = p(θ, 2·centre − u); the sub-pixel shift between one and the flipped
 * other gives 2·centre − (nDet − 1) directly, averaged over all pairs. Needs a scan over ≥ 180°.</li>
 * </ul>
 */
public final class CentreFinder {
    private CentreFinder() { }

    /** Centre of mass of each projection (bins) of a sinogram [angle][bin]; NaN when a projection sums to 0. */
    public static double[] centresOfMass(float[] sino, int angles, int bins) {
        double[] com = new double[angles];
        for (int a = 0; a < angles; a++) {
            double s = 0;
            double m = 0;
            for (int j = 0; j < bins; j++) {
                double v = sino[a * bins + j];
                s += v;
                m += v * j;
            }
            com[a] = s != 0 ? m / s : Double.NaN;
        }
        return com;
    }

    /** Axis position (detector bins) from the centre-of-mass sinusoid. */
    public static double centreOfMass(float[] sino, ParallelGeometry g) {
        double[] p = fitSinusoid(centresOfMass(sino, g.angleCount(), g.detectorSize()), g, Double.NaN);
        return p[0];
    }

    /**
     * Least-squares fit of com[a] = c + X·cos θ_a − Y·sin θ_a; returns {c, X, Y}. With a finite
     * {@code fixedCentre} c is held at that value.
     */
    static double[] fitSinusoid(double[] com, ParallelGeometry g, double fixedCentre) {
        int m = g.angleCount();
        boolean fixed = Double.isFinite(fixedCentre);
        int cols = fixed ? 2 : 3;
        int rows = 0;
        for (double v : com) {
            if (Double.isFinite(v)) {
                rows++;
            }
        }
        InvalidInputException.require(rows >= cols + 1, "centre of rotation: need at least " + (cols + 1)
                + " projections with non-zero total intensity, got " + rows);
        RealMatrix a = new Array2DRowRealMatrix(rows, cols);
        ArrayRealVector b = new ArrayRealVector(rows);
        int r = 0;
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(com[i])) {
                continue;
            }
            int k = 0;
            if (!fixed) {
                a.setEntry(r, k++, 1);
            }
            a.setEntry(r, k++, g.cos(i));
            a.setEntry(r, k, -g.sin(i));
            b.setEntry(r, fixed ? com[i] - fixedCentre : com[i]);
            r++;
        }
        QRDecomposition qr = new QRDecomposition(a, 1e-10);
        InvalidInputException.require(qr.getSolver().isNonSingular(),
                "centre of rotation: the angles do not span enough directions to fit the centre-of-mass sinusoid");
        double[] x = qr.getSolver().solve(b).toArray();
        return fixed ? new double[] {fixedCentre, x[0], x[1]} : x;
    }

    /**
     * Axis from mirrored opposite projections; NaN when the scan has no pair of angles 180° apart (within half
     * the median angular step).
     */
    public static double mirror(float[] sino, ParallelGeometry g) {
        int m = g.angleCount();
        int bins = g.detectorSize();
        double[] sorted = g.anglesRad();
        java.util.Arrays.sort(sorted);
        double step = m > 1 ? (sorted[m - 1] - sorted[0]) / (m - 1) : Math.PI;
        double tol = Math.max(step / 2, 1e-6);
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                double d = g.angle(k) - g.angle(i) - Math.PI;
                if (Math.abs(d) < tol * 0.2) {
                    double[] f = new double[bins];
                    double[] h = new double[bins];
                    for (int j = 0; j < bins; j++) {
                        f[j] = sino[k * bins + j];
                        h[j] = sino[i * bins + (bins - 1 - j)];
                    }
                    // p_k(u) = p_i(2c − u); flipped h(u) = p_i(nDet − 1 − u) ⇒ p_k(u) = h(u − s), s = 2c − (nDet − 1).
                    double s = CrossCorrelation.shift1d(f, h, bins / 2.0);
                    sum += (s + bins - 1) / 2;
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /**
     * Best estimate: the mirror method when the scan has opposite pairs, otherwise the centre-of-mass fit.
     * Returned value is checked to lie on the detector.
     */
    public static double estimate(float[] sino, ParallelGeometry g) {
        double c = mirror(sino, g);
        if (!Double.isFinite(c)) {
            c = centreOfMass(sino, g);
        }
        InvalidInputException.require(Double.isFinite(c) && c >= 0 && c <= g.detectorSize() - 1,
                "centre of rotation estimate " + c + " lies outside the detector [0, " + (g.detectorSize() - 1)
                        + "]; give --center explicitly");
        return c;
    }
}
