package org.operando.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.operando.data.Axis;
import org.operando.data.CurveSet;
import org.operando.data.Unit;
import org.operando.segment.Masks;
import org.operando.stats.Stats;
import org.operando.util.InvalidInputException;
import org.operando.util.ProgressListener;

import static org.operando.testing.SyntheticSwaxsRaster.*;

/** The SWAXS analysis on {@link org.operando.testing.SyntheticSwaxsRaster}, whose truth is known. */
class SwaxsAnalysisTest {
    @Test
    void recoversMasksDifferencesD002AndPlating() {
        SwaxsResult res = new SwaxsAnalysis(SwaxsOptions.defaults()).run(scans(1), ProgressListener.NONE);
        boolean[] trueEl = new boolean[NX * NY];
        boolean[] trueCc = new boolean[NX * NY];
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                trueEl[y * NX + x] = electrode(x, y);
                trueCc[y * NX + x] = collector(y);
            }
        }
        assertThat(Masks.iou(res.electrode(), trueEl)).isEqualTo(1.0);
        assertThat(Masks.iou(res.collector(), trueCc)).isEqualTo(1.0);
        // background region: electrolyte above the electrode only
        for (int i = 0; i < NX * NY; i++) {
            if (res.background()[i]) {
                assertThat(i / NX).isLessThan(3);
            }
        }
        for (int s = 1; s < 5; s++) {
            SwaxsResult.ScanResult sr = res.scans().get(s);
            // micropore difference map against the true change: (1 − f)² − 1
            float[] truth = new float[NX * NY];
            for (int i = 0; i < truth.length; i++) {
                double f = fill(s, i / NX);
                truth[i] = (float) ((1 - f) * (1 - f) - 1);
            }
            double r = Stats.pearson(sr.differences().get("micropore").values(), truth, res.electrode());
            assertThat(r).as("Pearson r, scan " + s).isGreaterThan(0.95);
            assertThat(sr.waxsFit().d002()).as("d002 scan " + s).isCloseTo(2 * Math.PI / q002(s), within(0.01));
        }
        assertThat(res.platingOnsetScan()).isEqualTo(3);
        assertThat(res.scans().get(2).plating()).isFalse();
        // truth: centre of pixels x = 6..8 on line 9 -> (187.5, 142.5) µm; the collector edge is at y = 150 µm
        assertThat(res.platingCentroid()[0]).isCloseTo(187.5, within(25.0));
        assertThat(res.platingCentroid()[1]).isCloseTo(142.5, within(15.0));
        assertThat(res.platingDistanceToCollector()).isCloseTo(7.5, within(15.0));
        // error bars: std over electrode pixels of the first difference map
        assertThat(res.scans().get(3).stdDifference().get("micropore"))
                .isEqualTo(res.scans().get(1).stdDifference().get("micropore"));
    }

    @Test
    void fixedElectrodeThresholdChangesTheMask() {
        SwaxsOptions o = SwaxsOptions.defaults().withFitPixels(false);
        SwaxsResult auto = new SwaxsAnalysis(o).run(scans(2), ProgressListener.NONE);
        assertThat(Masks.count(auto.electrode())).isEqualTo(60);
        // a threshold above every electrode point leaves nothing: refused, naming the option
        assertThatThrownBy(() -> new SwaxsAnalysis(o.withElectrodeThreshold(1e9)).run(scans(2), ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--electrode-threshold");
        // a threshold below the electrolyte level makes every non-collector point "electrode": no background is left
        assertThatThrownBy(() -> new SwaxsAnalysis(o.withElectrodeThreshold(-1e9)
                .withBackgroundBox(new int[] {0, 0, 15, 1})).run(scans(2), ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--background-box");
        // a given background box is used as given
        SwaxsResult boxed = new SwaxsAnalysis(o.withBackgroundBox(new int[] {0, 0, 15, 1})).run(scans(2), ProgressListener.NONE);
        assertThat(Masks.count(boxed.background())).isEqualTo(32);
    }

    @Test
    void differentRasterIsRefused() {
        List<SwaxsScan> s = scans(3);
        SwaxsScan a = s.get(1);
        CurveSet small = CurveSet.allocate(SAXS_Q, 4, false, "I", Unit.COUNTS);
        s.set(1, new SwaxsScan("op1", 2, 2, 25, 15, small, null, new float[4], 0, 1));
        assertThatThrownBy(() -> new SwaxsAnalysis(SwaxsOptions.defaults()).run(s, ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("op1").hasMessageContaining("raster");
        assertThat(a).isNotNull();
    }
}
