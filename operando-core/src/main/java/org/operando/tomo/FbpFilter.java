package org.operando.tomo;

import java.util.Locale;
import org.jtransforms.fft.DoubleFFT_1D;
import org.operando.util.InvalidInputException;

/**
 * Frequency filters for filtered back-projection, built exactly as scikit-image 0.19 {@code iradon} builds them
 * (Kak &amp; Slaney, Principles of Computerized Tomographic Imaging, ch. 3 eq. 61): the ramp is the discrete
 * Fourier transform of the band-limited spatial ramp kernel h[0] = 1/4, h[odd k] = −1/(π k)² on a zero-padded
 * grid of M bins (this removes the DC bias of a sampled |ω| ramp), and the windows multiply it:
 * Shepp–Logan sinc, cosine, Hamming and Hann.
 */
public enum FbpFilter {
    RAMP("ramp"), SHEPP_LOGAN("shepp-logan"), COSINE("cosine"), HAMMING("hamming"), HANN("hann"),
    /** No filtering: plain (blurred) back-projection. */
    NONE("none");

    private final String id;

    FbpFilter(String id) {
        this.id = id;
    }

    /** The name used on the command line and by scikit-image ({@code filter_name}). */
    public String id() {
        return id;
    }

    /** Parses a filter name (case-insensitive; also accepts "shepp_logan", "hanning", "ram-lak"). */
    public static FbpFilter parse(String name, String option) {
        String s = name.toLowerCase(Locale.ROOT).replace('_', '-');
        switch (s) {
            case "ramp", "ram-lak", "ramlak" -> { return RAMP; }
            case "shepp-logan", "shepplogan" -> { return SHEPP_LOGAN; }
            case "cosine" -> { return COSINE; }
            case "hamming" -> { return HAMMING; }
            case "hann", "hanning" -> { return HANN; }
            case "none" -> { return NONE; }
            default -> throw new InvalidInputException(option + " '" + name
                    + "' is not a filter; expected ramp, shepp-logan, cosine, hamming, hann or none");
        }
    }

    /**
     * The real frequency response on an FFT grid of {@code m} bins (m even), in FFT order (index k ↔ frequency
     * k/m cycles per bin for k &lt; m/2, (k − m)/m above), symmetrised H(k) = H(m − k) (the real part of the
     * filtered real projection only depends on the symmetric part; scikit-image's fftshift-ed Hamming/Hann
     * windows are not exactly symmetric on an even grid).
     */
    public double[] response(int m) {
        if (m < 2 || (m & 1) != 0) {
            throw new IllegalArgumentException("filter grid must be even, got " + m);
        }
        double[] h = new double[m];
        if (this == NONE) {
            java.util.Arrays.fill(h, 1.0);
            return h;
        }
        double[] f = new double[2 * m];
        f[0] = 0.25;
        for (int k = 1; k < m; k += 2) {
            int nk = k < m / 2 ? k : m - k;
            f[2 * k] = -1.0 / ((Math.PI * nk) * (Math.PI * nk));
        }
        new DoubleFFT_1D(m).complexForward(f);
        for (int k = 0; k < m; k++) {
            h[k] = 2 * f[2 * k];
        }
        switch (this) {
            case SHEPP_LOGAN -> {
                for (int k = 1; k < m; k++) {
                    double freq = k < m / 2 ? (double) k / m : (double) (k - m) / m;
                    double omega = Math.PI * freq;
                    h[k] *= Math.sin(omega) / omega;
                }
            }
            case COSINE -> {
                for (int k = 0; k < m; k++) {
                    h[k] *= Math.sin(Math.PI * ((k + m / 2) % m) / m);
                }
            }
            case HAMMING -> {
                for (int k = 0; k < m; k++) {
                    h[k] *= 0.54 - 0.46 * Math.cos(2 * Math.PI * ((k + m / 2) % m) / (m - 1));
                }
            }
            case HANN -> {
                for (int k = 0; k < m; k++) {
                    h[k] *= 0.5 - 0.5 * Math.cos(2 * Math.PI * ((k + m / 2) % m) / (m - 1));
                }
            }
            default -> { }
        }
        double[] sym = new double[m];
        for (int k = 0; k < m; k++) {
            sym[k] = 0.5 * (h[k] + h[(m - k) % m]);
        }
        return sym;
    }
}
