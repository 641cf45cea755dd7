package org.operando.swaxs;

import java.util.List;

/**
 * Options of the scanning SWAXS analysis. Defaults follow the hard-carbon sodiation study.
 *
 * @param ranges                q ranges to map (SAXS ranges are taken from the SAXS curves, the rest from WAXS)
 * @param collectorTransmission current collector where transmission &lt; this (NaN: no collector mask)
 * @param electrodeRange        q range whose mean intensity defines the electrode
 * @param electrodeThreshold    fixed threshold on that intensity; NaN = Otsu
 * @param backgroundBox         {x0, y0, x1, y1} raster box (inclusive) of electrolyte-only points; null = automatic
 * @param waxsFitLo             lower end of the WAXS fit range (Å⁻¹)
 * @param waxsFitHi             upper end of the WAXS fit range (Å⁻¹)
 * @param fitPixels             also fit the WAXS model in every electrode pixel
 * @param powerLawRange         q range of the low-q power law
 * @param platingSignificance   electrode-average significance (σ) of the 2.07 Å⁻¹ peak that declares plating
 * @param platingPixelSignificance per-pixel significance that marks a plating pixel
 * @param columnBackground      subtract each raster column's own electrolyte curve (the mean of that column's
 *                              background points) instead of one curve for the whole region: in a vertical
 *                              capillary the beam's chords through the quartz wall and the electrolyte depend on the
 *                              horizontal position only, so the column's own electrolyte points hold exactly the
 *                              wall and electrolyte scattering of the electrode points below them
 */
public record SwaxsOptions(List<QRange> ranges, double collectorTransmission, QRange electrodeRange,
                           double electrodeThreshold, int[] backgroundBox, double waxsFitLo, double waxsFitHi,
                           boolean fitPixels, QRange powerLawRange, double platingSignificance,
                           double platingPixelSignificance, boolean columnBackground) {

    public static SwaxsOptions defaults() {
        return new SwaxsOptions(
                List.of(QRange.PARTICLE, QRange.MICROPORE, QRange.IMAGING, QRange.PEAK_002, QRange.PSEUDO_METAL, QRange.METAL),
                0.1, QRange.ELECTRODE, Double.NaN, null, 1.2, 2.5, true, QRange.PARTICLE, 5.0, 4.0, true);
    }

    public SwaxsOptions withRanges(List<QRange> r) {
        return new SwaxsOptions(r, collectorTransmission, electrodeRange, electrodeThreshold, backgroundBox, waxsFitLo,
                waxsFitHi, fitPixels, powerLawRange, platingSignificance, platingPixelSignificance, columnBackground);
    }

    public SwaxsOptions withElectrodeThreshold(double t) {
        return new SwaxsOptions(ranges, collectorTransmission, electrodeRange, t, backgroundBox, waxsFitLo,
                waxsFitHi, fitPixels, powerLawRange, platingSignificance, platingPixelSignificance, columnBackground);
    }

    public SwaxsOptions withCollectorTransmission(double t) {
        return new SwaxsOptions(ranges, t, electrodeRange, electrodeThreshold, backgroundBox, waxsFitLo,
                waxsFitHi, fitPixels, powerLawRange, platingSignificance, platingPixelSignificance, columnBackground);
    }

    public SwaxsOptions withBackgroundBox(int[] box) {
        return new SwaxsOptions(ranges, collectorTransmission, electrodeRange, electrodeThreshold, box, waxsFitLo,
                waxsFitHi, fitPixels, powerLawRange, platingSignificance, platingPixelSignificance, columnBackground);
    }

    public SwaxsOptions withFitPixels(boolean b) {
        return new SwaxsOptions(ranges, collectorTransmission, electrodeRange, electrodeThreshold, backgroundBox, waxsFitLo,
                waxsFitHi, b, powerLawRange, platingSignificance, platingPixelSignificance, columnBackground);
    }

    public SwaxsOptions withPlatingSignificance(double scan, double pixel) {
        return new SwaxsOptions(ranges, collectorTransmission, electrodeRange, electrodeThreshold, backgroundBox, waxsFitLo,
                waxsFitHi, fitPixels, powerLawRange, scan, pixel, columnBackground);
    }

    public SwaxsOptions withColumnBackground(boolean b) {
        return new SwaxsOptions(ranges, collectorTransmission, electrodeRange, electrodeThreshold, backgroundBox, waxsFitLo,
                waxsFitHi, fitPixels, powerLawRange, platingSignificance, platingPixelSignificance, b);
    }

    /** The range named {@code name}, or null. */
    public QRange range(String name) {
        for (QRange r : ranges) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
