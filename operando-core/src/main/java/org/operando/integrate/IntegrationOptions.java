package org.operando.integrate;

import java.util.Objects;
import org.operando.data.Mask;
import org.operando.geometry.RadialUnit;
import org.operando.util.InvalidInputException;

/**
 * What an {@link Integrator} does, fixed when it is built: radial unit and bins, χ bins for a cake (0 for a 1D
 * curve), pixel splitting, ranges, static mask and per-pixel corrections. Per-frame inputs (the frame, its
 * normalization value) are given to {@link Integrator#integrate}.
 *
 * @param unit              radial unit (binning happens in its internal unit, as in pyFAI)
 * @param radialBins        number of radial bins (&gt; 0)
 * @param chiBins           number of azimuthal bins for a 2D cake, 0 for 1D
 * @param split             pixel splitting
 * @param radialRange       {min, max} in {@code unit}, or null for the full range of unmasked pixels
 * @param azimuthRange      {min, max} in degrees (χ in (−180°, 180°]; a range up to 360° is matched also
 *                          against χ + 360°), or null for all
 * @param mask              static mask (true = excluded): user mask and detector gaps; null for none
 * @param solidAngle        divide by the relative solid angle cos³α (pyFAI's default: true)
 * @param polarization      polarization factor in [−1, 1], or null for no polarization correction
 * @param flat              flat-field (divided), row-major, or null
 * @param dark              dark current (subtracted), row-major, or null
 */
public record IntegrationOptions(RadialUnit unit, int radialBins, int chiBins, Split split, double[] radialRange,
                                 double[] azimuthRange, Mask mask, boolean solidAngle, Double polarization,
                                 float[] flat, float[] dark) {
    public IntegrationOptions {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(split, "split");
        InvalidInputException.require(radialBins > 0, "--bins must be > 0, got " + radialBins);
        InvalidInputException.require(chiBins >= 0, "--cake must be > 0, got " + chiBins);
        if (radialRange != null) {
            InvalidInputException.require(radialRange.length == 2 && Double.isFinite(radialRange[0])
                            && Double.isFinite(radialRange[1]) && radialRange[0] < radialRange[1],
                    "--radial-range must be two finite numbers A,B with A < B, got " + java.util.Arrays.toString(radialRange));
        }
        if (azimuthRange != null) {
            InvalidInputException.require(azimuthRange.length == 2 && azimuthRange[0] < azimuthRange[1]
                            && azimuthRange[0] >= -180 && azimuthRange[1] <= 360 && azimuthRange[1] - azimuthRange[0] <= 360,
                    "--azimuth-range must be A,B in degrees with -180 <= A < B <= 360 and B - A <= 360, got "
                            + java.util.Arrays.toString(azimuthRange));
        }
        if (polarization != null) {
            InvalidInputException.require(polarization >= -1 && polarization <= 1,
                    "--polarization must lie in [-1, 1], got " + polarization);
        }
    }

    /** 1D integration, no splitting, solid-angle correction on, no other correction. */
    public static IntegrationOptions of1d(RadialUnit unit, int bins, Split split) {
        return new IntegrationOptions(unit, bins, 0, split, null, null, null, true, null, null, null);
    }

    public boolean isCake() {
        return chiBins > 0;
    }

    public IntegrationOptions withMask(Mask m) {
        return new IntegrationOptions(unit, radialBins, chiBins, split, radialRange, azimuthRange, m, solidAngle,
                polarization, flat, dark);
    }

    public IntegrationOptions withChiBins(int n) {
        return new IntegrationOptions(unit, radialBins, n, split, radialRange, azimuthRange, mask, solidAngle,
                polarization, flat, dark);
    }

    public IntegrationOptions withRanges(double[] radial, double[] azimuth) {
        return new IntegrationOptions(unit, radialBins, chiBins, split, radial, azimuth, mask, solidAngle,
                polarization, flat, dark);
    }

    public IntegrationOptions withCorrections(boolean solid, Double pol, float[] flatField, float[] darkCurrent) {
        return new IntegrationOptions(unit, radialBins, chiBins, split, radialRange, azimuthRange, mask, solid, pol,
                flatField, darkCurrent);
    }
}
