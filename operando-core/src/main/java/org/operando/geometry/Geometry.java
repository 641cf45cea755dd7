package org.operando.geometry;

import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;

/**
 * Diffraction geometry in pyFAI's convention (so PONI files move freely between pyFAI and operando).
 *
 * <p>The detector plane is described from the point of normal incidence (PONI): {@code dist} is the distance from
 * the sample to the PONI (m), {@code poni1}/{@code poni2} the PONI coordinates on the detector along the slow
 * (rows, y) and fast (columns, x) axes (m), {@code rot1}, {@code rot2}, {@code rot3} the detector rotations (rad)
 * about the lab axes 1 (vertical, y), 2 (horizontal, x) and 3 (along the beam), applied in that order, and
 * {@code wavelength} in m (NaN when unknown: q cannot be computed then).
 *
 * <p>A point at detector coordinates (p1, p2) relative to the PONI has lab coordinates
 * <pre>
 * t1 = p1 c2 c3 + p2 (c3 s1 s2 − c1 s3) − L (c1 c3 s2 + s1 s3)
 * t2 = p1 c2 s3 + p2 (c1 c3 + s1 s2 s3) − L (−c3 s1 + c1 s2 s3)
 * t3 = p1 s2 − p2 c2 s1 + L c1 c2
 * </pre>
 * with ci = cos(roti), si = sin(roti), L = dist; then 2θ = atan2(√(t1²+t2²), t3), χ = atan2(t1, t2) in (−π, π],
 * q = 4π sin(θ)/λ, r = √(t1²+t2²) (distance from the beam, perpendicular to it), the relative solid angle is
 * cos³α with cos α = L / √(L² + p1² + p2²) (1 at the PONI) and the polarization factor
 * P = ½ (1 + cos²2θ − f cos(2χ) sin²2θ).
 *
 * <p>Per-pixel arrays reproduce pyFAI 0.21 bit for bit where it matters for binning: pixel centres are at
 * (i + 0.5) × pixel and, like pyFAI, centre coordinates relative to the PONI are rounded to float32 before the
 * double-precision trigonometry; corner values are computed from double coordinates and stored as float32.
 */
public final class Geometry {
    /** h·c in keV·Å (CODATA 2018). */
    public static final double HC_KEV_ANGSTROM = 12.398419843320026;

    private final Detector detector;
    private final double dist;
    private final double poni1;
    private final double poni2;
    private final double rot1;
    private final double rot2;
    private final double rot3;
    private final double wavelength;

    public Geometry(Detector detector, double dist, double poni1, double poni2, double rot1, double rot2, double rot3,
                    double wavelength) {
        this.detector = java.util.Objects.requireNonNull(detector, "detector");
        InvalidInputException.require(dist > 0 && Double.isFinite(dist),
                "distance must be a positive number of metres, got " + dist);
        InvalidInputException.require(Double.isFinite(poni1) && Double.isFinite(poni2),
                "poni1/poni2 must be finite, got " + poni1 + ", " + poni2);
        InvalidInputException.require(Double.isFinite(rot1) && Double.isFinite(rot2) && Double.isFinite(rot3),
                "rot1/rot2/rot3 must be finite, got " + rot1 + ", " + rot2 + ", " + rot3);
        InvalidInputException.require(Double.isNaN(wavelength) || (wavelength > 0 && Double.isFinite(wavelength)),
                "wavelength must be a positive number of metres, got " + wavelength);
        this.dist = dist;
        this.poni1 = poni1;
        this.poni2 = poni2;
        this.rot1 = rot1;
        this.rot2 = rot2;
        this.rot3 = rot3;
        this.wavelength = wavelength;
    }

    /** λ (m) for a photon energy in keV. */
    public static double wavelengthFromEnergyKeV(double energyKeV) {
        InvalidInputException.require(energyKeV > 0 && Double.isFinite(energyKeV),
                "energy must be a positive number of keV, got " + energyKeV);
        return HC_KEV_ANGSTROM / energyKeV * 1e-10;
    }

    public Detector detector() {
        return detector;
    }

    /** Sample–PONI distance (m). */
    public double dist() {
        return dist;
    }

    public double poni1() {
        return poni1;
    }

    public double poni2() {
        return poni2;
    }

    public double rot1() {
        return rot1;
    }

    public double rot2() {
        return rot2;
    }

    public double rot3() {
        return rot3;
    }

    /** Wavelength in m, NaN when unknown. */
    public double wavelength() {
        return wavelength;
    }

    public boolean hasWavelength() {
        return !Double.isNaN(wavelength);
    }

    /** Photon energy in keV (NaN without wavelength). */
    public double energyKeV() {
        return HC_KEV_ANGSTROM / (wavelength * 1e10);
    }

    public Geometry withWavelength(double newWavelength) {
        return new Geometry(detector, dist, poni1, poni2, rot1, rot2, rot3, newWavelength);
    }

    public Geometry withDetector(Detector newDetector) {
        return new Geometry(newDetector, dist, poni1, poni2, rot1, rot2, rot3, wavelength);
    }

    /** The six refinable parameters {dist, poni1, poni2, rot1, rot2, rot3}. */
    public double[] parameters() {
        return new double[] {dist, poni1, poni2, rot1, rot2, rot3};
    }

    /** A geometry with the six parameters {dist, poni1, poni2, rot1, rot2, rot3} replaced. */
    public Geometry withParameters(double[] p) {
        return new Geometry(detector, p[0], p[1], p[2], p[3], p[4], p[5], wavelength);
    }

    /** Throws when q is asked for but the wavelength is unknown; {@code source} names the PONI file or option. */
    public void requireWavelength(String source) {
        if (!hasWavelength()) {
            throw new InvalidInputException(source + ": no wavelength, which q needs; give Wavelength in the PONI file"
                    + " or use 2th_deg / r_mm");
        }
    }

    // ------------------------------------------------------------------ single points

    /** Rotation coefficients: rows of the matrix mapping (p1, p2, L) to (t1, t2, t3). */
    private double[] rotation() {
        double c1 = Math.cos(rot1);
        double c2 = Math.cos(rot2);
        double c3 = Math.cos(rot3);
        double s1 = Math.sin(rot1);
        double s2 = Math.sin(rot2);
        double s3 = Math.sin(rot3);
        return new double[] {
            c2 * c3, c3 * s1 * s2 - c1 * s3, -(c1 * c3 * s2 + s1 * s3),
            c2 * s3, c1 * c3 + s1 * s2 * s3, -(-(c3 * s1) + c1 * s2 * s3),
            s2, -c2 * s1, c1 * c2};
    }

    /**
     * Lab coordinates {t1, t2, t3} (m) of the detector point at (p1, p2) metres from the PONI (p1 along the slow
     * axis, p2 along the fast axis); t3 is along the beam.
     */
    public double[] lab(double p1, double p2) {
        double[] m = rotation();
        return new double[] {
            p1 * m[0] + p2 * m[1] + dist * m[2],
            p1 * m[3] + p2 * m[4] + dist * m[5],
            p1 * m[6] + p2 * m[7] + dist * m[8]};
    }

    /** 2θ (rad) at fractional pixel coordinates (row, col); the centre of pixel (i, j) is at (i + 0.5, j + 0.5). */
    public double tth(double row, double col) {
        double[] t = lab(row * detector.pixel1() - poni1, col * detector.pixel2() - poni2);
        return Math.atan2(Math.sqrt(t[0] * t[0] + t[1] * t[1]), t[2]);
    }

    /** χ (rad, in (−π, π]) at fractional pixel coordinates (row, col). */
    public double chi(double row, double col) {
        double[] t = lab(row * detector.pixel1() - poni1, col * detector.pixel2() - poni2);
        return Math.atan2(t[0], t[1]);
    }

    /** q (Å⁻¹) for a scattering angle 2θ (rad). */
    public double qFromTth(double tth) {
        return 4.0e-10 * Math.PI / wavelength * Math.sin(tth / 2.0);
    }

    /** 2θ (rad) for q (Å⁻¹); NaN when beyond backscattering. */
    public double tthFromQ(double qInvAngstrom) {
        double s = qInvAngstrom * wavelength / (4.0e-10 * Math.PI);
        return s > 1 ? Double.NaN : 2.0 * Math.asin(s);
    }

    /** Beam centre on the detector (where t1 = t2 = 0), in fractional pixel coordinates {row, col}. */
    public double[] beamCentrePixels() {
        // The direct beam hits the detector plane at p = −L·(third column of the inverse rotation)/…; solve
        // t1 = t2 = 0 for (p1, p2): a 2×2 linear system.
        double[] m = rotation();
        double a = m[0];
        double b = m[1];
        double c = m[3];
        double d = m[4];
        double e = -dist * m[2];
        double f = -dist * m[5];
        double det = a * d - b * c;
        double p1 = (e * d - b * f) / det;
        double p2 = (a * f - e * c) / det;
        return new double[] {(p1 + poni1) / detector.pixel1(), (p2 + poni2) / detector.pixel2()};
    }

    // ------------------------------------------------------------------ per-pixel arrays

    /** Kinds of per-pixel centre values. */
    private enum Quantity { TTH, CHI, Q_NM, R_M, SOLID_ANGLE }

    private double[] centreArray(Quantity what) {
        if (what == Quantity.Q_NM) {
            requireWavelength("geometry");
        }
        final int rows = detector.rows();
        final int cols = detector.cols();
        final double[] out = new double[rows * cols];
        final double[] m = rotation();
        final float px1 = (float) detector.pixel1();
        final float px2 = (float) detector.pixel2();
        final float fp1 = (float) poni1;
        final float fp2 = (float) poni2;
        final float[] rel2 = new float[cols];
        for (int j = 0; j < cols; j++) {
            rel2[j] = px2 * (j + 0.5f) - fp2;
        }
        final double wl = wavelength;
        final double l = dist;
        Parallel.forRange(0, rows, i -> {
            // float32 arithmetic as numpy does it: (pixel * (i + 0.5)) - poni, each step rounded to float32
            float pf = px1 * (i + 0.5f);
            double p1 = pf - fp1;
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                double p2 = rel2[j];
                double v;
                if (what == Quantity.SOLID_ANGLE) {
                    double cosa = l / Math.sqrt(l * l + (p1 * p1 + p2 * p2));
                    v = cosa * cosa * cosa;
                } else {
                    double t1 = p1 * m[0] + p2 * m[1] + l * m[2];
                    double t2 = p1 * m[3] + p2 * m[4] + l * m[5];
                    double t3 = p1 * m[6] + p2 * m[7] + l * m[8];
                    v = switch (what) {
                        case TTH -> Math.atan2(Math.sqrt(t1 * t1 + t2 * t2), t3);
                        case CHI -> Math.atan2(t1, t2);
                        case Q_NM -> 4.0e-9 * Math.PI / wl * Math.sin(Math.atan2(Math.sqrt(t1 * t1 + t2 * t2), t3) / 2.0);
                        case R_M -> Math.sqrt(t1 * t1 + t2 * t2);
                        default -> throw new IllegalStateException();
                    };
                }
                out[base + j] = v;
            }
        });
        return out;
    }

    /** 2θ (rad) at every pixel centre, row-major. */
    public double[] twoThetaArray() {
        return centreArray(Quantity.TTH);
    }

    /** χ (rad, (−π, π]) at every pixel centre, row-major. */
    public double[] chiArray() {
        return centreArray(Quantity.CHI);
    }

    /** q (Å⁻¹) at every pixel centre, row-major. Needs the wavelength. */
    public double[] qArray() {
        double[] q = centreArray(Quantity.Q_NM);
        for (int i = 0; i < q.length; i++) {
            q[i] *= 0.1;
        }
        return q;
    }

    /** Distance from the incident beam (m) at every pixel centre, row-major. */
    public double[] rArray() {
        return centreArray(Quantity.R_M);
    }

    /** Radial coordinate in the internal unit of {@code unit} (rad, nm⁻¹ or m) at every pixel centre. */
    public double[] radialArrayInternal(RadialUnit unit) {
        return switch (unit) {
            case Q_A, Q_NM -> centreArray(Quantity.Q_NM);
            case TTH_DEG -> centreArray(Quantity.TTH);
            case R_MM -> centreArray(Quantity.R_M);
        };
    }

    /** Radial coordinate in {@code unit} (Å⁻¹, nm⁻¹, degrees or mm) at every pixel centre. */
    public double[] radialArray(RadialUnit unit) {
        double[] a = radialArrayInternal(unit);
        double s = unit.scale();
        if (s != 1.0) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= s;
            }
        }
        return a;
    }

    /** Solid angle of every pixel relative to a pixel at the PONI: cos³ of the incidence angle. */
    public double[] solidAngleArray() {
        return centreArray(Quantity.SOLID_ANGLE);
    }

    /** Absolute solid angle (sr) of every pixel: pixel1·pixel2/dist² · cos³α. */
    public double[] absoluteSolidAngleArray() {
        double[] sa = solidAngleArray();
        double k = detector.pixel1() * detector.pixel2() / (dist * dist);
        for (int i = 0; i < sa.length; i++) {
            sa[i] *= k;
        }
        return sa;
    }

    /**
     * Polarization factor of every pixel for a beam with polarization factor {@code factor} ((Ih − Iv)/(Ih + Iv):
     * 0 unpolarized, 1 fully horizontal, the synchrotron case ≈ 0.95–0.99): the measured intensity is the true
     * one times this array (pyFAI's convention; rounded to float32 as pyFAI does).
     */
    public double[] polarizationArray(double factor) {
        InvalidInputException.require(factor >= -1 && factor <= 1,
                "polarization factor must lie in [-1, 1], got " + factor);
        double[] tth = twoThetaArray();
        double[] chi = chiArray();
        double[] out = new double[tth.length];
        Parallel.forRange(0, detector.rows(), i -> {
            int base = i * detector.cols();
            for (int j = 0; j < detector.cols(); j++) {
                double c = Math.cos(tth[base + j]);
                double c2 = c * c;
                out[base + j] = (float) (0.5 * (1.0 + c2 - factor * Math.cos(2.0 * chi[base + j]) * (1.0 - c2)));
            }
        });
        return out;
    }

    /**
     * Radial (internal unit of {@code unit}) and χ (rad) values at the pixel corners, on the (rows+1) × (cols+1)
     * grid of corners (corner (i, j) is the top-left corner of pixel (i, j)), as float32 like pyFAI.
     */
    public Corners corners(RadialUnit unit) {
        if (unit.needsWavelength()) {
            requireWavelength("geometry");
        }
        final int rows = detector.rows() + 1;
        final int cols = detector.cols() + 1;
        final float[] rad = new float[rows * cols];
        final float[] chi = new float[rows * cols];
        final double[] m = rotation();
        final double px1 = detector.pixel1();
        final double px2 = detector.pixel2();
        final double l = dist;
        final double wl = wavelength;
        Parallel.forRange(0, rows, i -> {
            double p1 = px1 * i - poni1;
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                double p2 = px2 * j - poni2;
                double t1 = p1 * m[0] + p2 * m[1] + l * m[2];
                double t2 = p1 * m[3] + p2 * m[4] + l * m[5];
                double t3 = p1 * m[6] + p2 * m[7] + l * m[8];
                double tth = Math.atan2(Math.sqrt(t1 * t1 + t2 * t2), t3);
                rad[base + j] = (float) unit.internal(tth, t1, t2, wl);
                chi[base + j] = (float) Math.atan2(t1, t2);
            }
        });
        return new Corners(detector.rows(), detector.cols(), rad, chi);
    }

    /**
     * Values at pixel corners on a (rows+1) × (cols+1) grid.
     *
     * @param rows   detector rows
     * @param cols   detector columns
     * @param radial radial value (internal unit) at corner (i, j), index i·(cols+1)+j
     * @param chi    χ (rad, (−π, π]) at the corners
     */
    public record Corners(int rows, int cols, float[] radial, float[] chi) {
        /** Index of corner (i, j) of the grid. */
        public int index(int i, int j) {
            return i * (cols + 1) + j;
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%s dist=%.6f m poni1=%.6f m poni2=%.6f m rot1=%.6f rot2=%.6f rot3=%.6f rad wavelength=%s",
                detector.name(), dist, poni1, poni2, rot1, rot2, rot3,
                hasWavelength() ? String.format(java.util.Locale.ROOT, "%.6e m", wavelength) : "unknown");
    }
}
