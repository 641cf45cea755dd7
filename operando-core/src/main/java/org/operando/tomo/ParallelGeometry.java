package org.operando.tomo;

import java.util.Arrays;
import org.operando.util.InvalidInputException;

/**
 * Parallel-beam geometry of one slice: a list of projection angles (any order, any range: full 0–180°,
 * 0–360°, limited-angle with a missing wedge, few views), a detector row of {@code nDet} bins of unit width and
 * a square reconstruction grid of {@code n × n} unit pixels.
 *
 * <p>Conventions (identical to scikit-image {@code radon}/{@code iradon} 0.19, so that sinograms can be exchanged
 * without flips): pixel (column c, row r) has coordinates x = c − n/2 (integer division), y = r − n/2 with rows
 * running downwards; at angle θ it projects onto detector coordinate
 * <pre>   u = centre + x·cos θ − y·sin θ</pre>
 * (detector bin j is centred at u = j). The rotation axis is at detector coordinate {@code centre}; the
 * scikit-image default is {@code nDet / 2} (integer division), see {@link #defaultCentre(int)}. Angles increase
 * counter-clockwise in this picture, as in scikit-image. All lengths are in pixels.
 */
public final class ParallelGeometry {
    private final double[] angles;
    private final double[] cos;
    private final double[] sin;
    private final int nDet;
    private final double centre;
    private final int n;
    private final double imageCentre;

    /**
     * @param anglesRad projection angles in radians
     * @param nDet      detector bins per row
     * @param centre    detector coordinate of the rotation axis (bins; 0 = centre of the first bin)
     * @param n         reconstruction grid size (n × n pixels)
     */
    public ParallelGeometry(double[] anglesRad, int nDet, double centre, int n) {
        InvalidInputException.require(anglesRad.length >= 1, "at least one projection angle is needed");
        InvalidInputException.require(nDet >= 2, "the detector needs at least 2 bins, got " + nDet);
        InvalidInputException.require(n >= 1, "the reconstruction size must be positive, got " + n);
        for (int i = 0; i < anglesRad.length; i++) {
            InvalidInputException.require(Double.isFinite(anglesRad[i]), "angle " + i + " is not finite: " + anglesRad[i]);
        }
        InvalidInputException.require(Double.isFinite(centre) && centre >= 0 && centre <= nDet - 1,
                "centre of rotation " + centre + " is outside the detector [0, " + (nDet - 1) + "] px");
        this.angles = anglesRad.clone();
        this.nDet = nDet;
        this.centre = centre;
        this.n = n;
        this.imageCentre = n / 2;
        this.cos = new double[angles.length];
        this.sin = new double[angles.length];
        for (int i = 0; i < angles.length; i++) {
            cos[i] = Math.cos(angles[i]);
            sin[i] = Math.sin(angles[i]);
        }
    }

    /** Geometry from angles in degrees, default centre, grid size = detector size. */
    public static ParallelGeometry ofDegrees(double[] anglesDeg, int nDet) {
        return ofDegrees(anglesDeg, nDet, defaultCentre(nDet), nDet);
    }

    public static ParallelGeometry ofDegrees(double[] anglesDeg, int nDet, double centre, int n) {
        double[] r = new double[anglesDeg.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.toRadians(anglesDeg[i]);
        }
        return new ParallelGeometry(r, nDet, centre, n);
    }

    /** The scikit-image default axis position: {@code nDet / 2} (integer division). */
    public static double defaultCentre(int nDet) {
        return nDet / 2;
    }

    /** {@code count} angles start, start + step, ... with step = (stop − start)/count (stop excluded), degrees. */
    public static double[] evenDegrees(double start, double stop, int count) {
        InvalidInputException.require(count >= 1, "angle count must be at least 1, got " + count);
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = start + (stop - start) * i / count;
        }
        return a;
    }

    /** The same angles and grid with another centre of rotation. */
    public ParallelGeometry withCentre(double newCentre) {
        return new ParallelGeometry(angles, nDet, newCentre, n);
    }

    /** The same angles and detector with another grid size. */
    public ParallelGeometry withSize(int newN) {
        return new ParallelGeometry(angles, nDet, centre, newN);
    }

    /** A geometry with a subset of the angles. */
    public ParallelGeometry subset(int[] indices) {
        double[] a = new double[indices.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = angles[indices[i]];
        }
        return new ParallelGeometry(a, nDet, centre, n);
    }

    public int angleCount() { return angles.length; }
    public double angle(int i) { return angles[i]; }
    public double[] anglesRad() { return angles.clone(); }
    public double cos(int i) { return cos[i]; }
    public double sin(int i) { return sin[i]; }
    public int detectorSize() { return nDet; }
    public double centre() { return centre; }
    /** Grid size: the slice has n × n pixels. */
    public int size() { return n; }
    /** Index of the pixel at the rotation axis: n / 2 (integer division). */
    public double imageCentre() { return imageCentre; }
    public int pixelCount() { return n * n; }
    public int rayCount() { return angles.length * nDet; }

    /** Detector coordinate of the centre of pixel (c, r) at angle index a. */
    public double detectorCoordinate(int a, double c, double r) {
        return centre + (c - imageCentre) * cos[a] - (r - imageCentre) * sin[a];
    }

    /**
     * Quadrature weight of each angle for filtered back-projection, (1/2)·dθ with dθ the share of directions
     * the angle represents. Directions repeat every 180°, so the angles are folded into [0°, 180°), sorted on
     * that circle and every angle gets half of the gaps to its two neighbours (midpoint rule). A gap wider than
     * three mean gaps (3·180°/N) is a missing wedge and is not filled: an angle at its edge gets its other
     * neighbour gap twice. Consequences: N even angles over 180° → π/(2N) each (scikit-image's factor); a 360°
     * scan → every direction's weight is shared by its two angles; ±120° → the doubly covered directions count
     * once; ±60° → plain step/2 with the 60° wedge left empty.
     */
    public double[] fbpWeights() {
        int m = angles.length;
        double[] w = new double[m];
        if (m == 1) {
            w[0] = Math.PI / 2;
            return w;
        }
        double[] folded = new double[m];
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            folded[i] = Math.floorMod(Math.round(angles[i] * 1e12), Math.round(Math.PI * 1e12)) / 1e12;
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(folded[p], folded[q]));
        double[] gapAfter = new double[m];
        for (int k = 0; k < m; k++) {
            double next = k + 1 < m ? folded[order[k + 1]] : folded[order[0]] + Math.PI;
            gapAfter[k] = next - folded[order[k]];
        }
        double wedge = 3 * Math.PI / m;
        for (int k = 0; k < m; k++) {
            double right = gapAfter[k];
            double left = gapAfter[(k - 1 + m) % m];
            boolean lw = left > wedge;
            boolean rw = right > wedge;
            double d;
            if (lw && rw) {
                d = Math.PI / m;
            } else if (lw) {
                d = right;
            } else if (rw) {
                d = left;
            } else {
                d = (left + right) / 2;
            }
            w[order[k]] = d / 2;
        }
        return w;
    }
}
