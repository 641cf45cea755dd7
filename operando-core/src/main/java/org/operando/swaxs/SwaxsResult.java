package org.operando.swaxs;

import java.util.List;
import java.util.Map;
import org.operando.data.Curve;
import org.operando.data.Map2D;
import org.operando.fit.PowerLaw;

/**
 * Everything the scanning SWAXS analysis produces.
 *
 * @param collector       current-collector mask (true = collector)
 * @param electrode       electrode mask (true = electrode)
 * @param interior        the electrode without its rim towards the electrolyte (averages and error bars use it)
 * @param background      electrolyte-only background region (true = used)
 * @param electrodeThreshold threshold used on the electrode-range intensity
 * @param electrodeMap    pristine mean intensity in the electrode range (after transmission correction)
 * @param scans           per-scan results, pristine first
 * @param platingOnsetScan index of the first scan with significant metallic sodium, or −1
 * @param platingCentroid {x, y} in µm of the plating region at onset (NaN when no plating)
 * @param platingDistanceToCollector distance (µm) from the plating centroid to the collector interface (NaN when none)
 */
public record SwaxsResult(boolean[] collector, boolean[] electrode, boolean[] interior, boolean[] background, double electrodeThreshold,
                          Map2D electrodeMap, List<ScanResult> scans, int platingOnsetScan, double[] platingCentroid,
                          double platingDistanceToCollector) {

    /**
     * Results of one scan.
     *
     * @param maps             mean-intensity map per q range name (transmission-corrected, background-subtracted)
     * @param differences      ΔI/I map per q range name (NaN outside the electrode); empty for the pristine scan
     * @param meanDifference   electrode mean of ΔI/I per range
     * @param stdDifference    error bar per range: std over electrode pixels of the first difference map
     * @param saxsMean         electrode-average SAXS curve
     * @param waxsMean         electrode-average WAXS curve (null without WAXS)
     * @param waxsFit          eq. 4 fit of the electrode-average WAXS curve (null without WAXS)
     * @param powerLaw         low-q power law of the electrode-average SAXS curve
     * @param d002Map          per-pixel d002 (Å) from the per-pixel fit (null when not fitted)
     * @param pseudoMap        per-pixel pseudo-metal peak height (null when not fitted)
     * @param alphaMap         per-pixel power-law exponent
     * @param platingMap       per-pixel significance (σ) of the 2.07 Å⁻¹ reflection
     * @param platingSignificance electrode-average significance
     * @param plating          whether this scan shows plating
     * @param meanTransmission mean transmission over the electrode
     */
    public record ScanResult(String name, double startTime, double endTime, Map<String, Map2D> maps,
                             Map<String, Map2D> differences, Map<String, Double> meanDifference,
                             Map<String, Double> stdDifference, Curve saxsMean, Curve waxsMean,
                             WaxsModel.Result waxsFit, PowerLaw powerLaw, Map2D d002Map, Map2D pseudoMap,
                             Map2D alphaMap, Map2D platingMap, double platingSignificance, boolean plating,
                             double meanTransmission) {
        public double midTime() {
            return (startTime + endTime) / 2;
        }
    }
}
