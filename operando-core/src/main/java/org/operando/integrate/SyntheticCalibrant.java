package org.operando.integrate;

import java.util.Random;
import org.operando.data.Frame;
import org.operando.data.Mask;
import org.operando.geometry.Geometry;

/**
 * Simulated calibrant images with a known geometry, for validating the calibration ({@code operando bench calibrate},
 * tests): each reflection is a ring with a Gaussian profile in 2θ (σ = 0.04°, peak height decreasing with order) on
 * a flat background, times the polarization factor of a beam polarized at 0.99, with Gaussian-approximated Poisson
 * noise; detector gaps are written as -1 like Pilatus/Eiger frames.
 */
public final class SyntheticCalibrant {
    private SyntheticCalibrant() { }

    /** The image for geometry {@code g}; {@code peak} and {@code background} in counts; {@code seed} fixes the noise. */
    public static Frame image(Geometry g, Calibrant cal, double peak, double background, long seed) {
        double[] tthRings = cal.twoTheta(g.wavelength());
        double[] tth = g.twoThetaArray();
        double[] pol = g.polarizationArray(0.99);
        Mask gaps = g.detector().gapMask();
        Random rnd = new Random(seed);
        float[] data = new float[tth.length];
        double s = Math.toRadians(0.04);
        for (int p = 0; p < tth.length; p++) {
            if (gaps.isMasked(p)) {
                data[p] = -1;
                continue;
            }
            double v = background;
            for (int k = 0; k < tthRings.length; k++) {
                double x = (tth[p] - tthRings[k]) / s;
                if (Math.abs(x) < 8) {
                    v += peak / (1 + 0.15 * k) * Math.exp(-0.5 * x * x);
                }
            }
            v *= pol[p];
            data[p] = (float) Math.max(0, Math.round(v + Math.sqrt(v) * rnd.nextGaussian()));
        }
        return new Frame(g.detector().cols(), g.detector().rows(), data);
    }

}
