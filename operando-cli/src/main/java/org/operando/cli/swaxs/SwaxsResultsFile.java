package org.operando.cli.swaxs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.io.nexus.NexusWriter;
import org.operando.swaxs.QRange;
import org.operando.swaxs.SwaxsOptions;
import org.operando.swaxs.SwaxsResult;
import org.operando.swaxs.SwaxsResult.ScanResult;

/**
 * {@code results.h5}: the SWAXS analysis as NeXus. {@code /entry/masks} (collector, electrode, background),
 * {@code /entry/<scan>/} per scan (q-region maps, ΔI/I maps, electrode-average curves, fit results with units,
 * plating and d002 maps), {@code /entry/timeseries} (per-scan scalars against time) and {@code /entry/process}
 * (the options used).
 */
final class SwaxsResultsFile {
    private SwaxsResultsFile() { }

    static void write(Path file, SwaxsResult r, List<ScanElectrochemistry> ec, SwaxsOptions o, int nx, int ny,
                      double stepX, double stepY) throws IOException {
        NexusWriter.write(file, root -> {
            NexusWriter.Group entry = root.entry("entry");
            entry.attr("title", "operando scanning SWAXS analysis");
            NexusWriter.Group masks = entry.group("masks", "NXcollection");
            masks.addMap("collector", mask(r.collector(), nx, ny, stepX, stepY, "current collector"));
            masks.addMap("electrode", mask(r.electrode(), nx, ny, stepX, stepY, "electrode"));
            masks.addMap("background", mask(r.background(), nx, ny, stepX, stepY, "electrolyte background"));
            masks.addMap("electrode_intensity", r.electrodeMap());
            masks.dataset("electrode_threshold", r.electrodeThreshold());
            for (int s = 0; s < r.scans().size(); s++) {
                ScanResult sr = r.scans().get(s);
                NexusWriter.Group g = entry.group(safe(sr.name()), "NXprocess");
                g.attr("scan_index", s);
                ScanElectrochemistry e = ec.get(s);
                g.dataset("time", e.timeS(), Unit.SECOND);
                g.dataset("voltage", e.voltageV(), Unit.VOLT);
                for (Map.Entry<String, Map2D> m : sr.maps().entrySet()) {
                    g.addMap("I_" + m.getKey(), m.getValue());
                }
                for (Map.Entry<String, Map2D> m : sr.differences().entrySet()) {
                    g.addMap("delta_" + m.getKey(), m.getValue());
                }
                g.addCurve("saxs_mean", sr.saxsMean());
                if (sr.waxsMean() != null) {
                    g.addCurve("waxs_mean", sr.waxsMean());
                }
                if (sr.waxsFit() != null) {
                    NexusWriter.Group f = g.group("waxs_fit", "NXparameters");
                    f.dataset("q002", sr.waxsFit().q002(), Unit.Q_INV_ANGSTROM);
                    f.dataset("q002_error", sr.waxsFit().q002Error(), Unit.Q_INV_ANGSTROM);
                    f.dataset("d002", sr.waxsFit().d002(), Unit.ANGSTROM);
                    f.dataset("d002_error", sr.waxsFit().d002Error(), Unit.ANGSTROM);
                    f.dataset("fwhm002", sr.waxsFit().fwhm002(), Unit.Q_INV_ANGSTROM);
                    f.dataset("metal_height", sr.waxsFit().metalHeight());
                    f.dataset("pseudo_metal_height", sr.waxsFit().pseudoHeight());
                    f.dataset("pseudo_metal_height_error", sr.waxsFit().pseudoHeightError());
                    f.dataset("reduced_chi2", sr.waxsFit().reducedChi2());
                    f.dataset("parameters", sr.waxsFit().parameters());
                    f.attr("model", "eq. 4: Gaussians (002, metallic Na, pseudo-metallic Na, binder at 1.45 1/angstrom)"
                            + " on a linear background, plus the displaced-electrolyte band (fixed centre and width, free signed height)"
                            + " when the electrolyte curve has one; parameters = [h, q, fwhm] per peak, then b0, b1");
                }
                NexusWriter.Group pl = g.group("power_law", "NXparameters");
                pl.dataset("alpha", sr.powerLaw().alpha());
                pl.dataset("alpha_error", sr.powerLaw().alphaError());
                pl.dataset("A", sr.powerLaw().amplitude());
                if (sr.platingMap() != null) {
                    g.addMap("metal_significance", sr.platingMap());
                }
                if (sr.d002Map() != null) {
                    g.addMap("d002", sr.d002Map());
                    g.addMap("pseudo_metal_height", sr.pseudoMap());
                }
                g.addMap("alpha", sr.alphaMap());
                g.dataset("plating", sr.plating() ? 1 : 0);
            }
            NexusWriter.Group p = entry.group("process", "NXprocess");
            p.attr("program", "operando swaxs");
            StringBuilder ranges = new StringBuilder();
            for (QRange q : o.ranges()) {
                ranges.append(q.name()).append('=').append(q.lo()).append(':').append(q.hi()).append(' ');
            }
            p.dataset("q_ranges", ranges.toString().trim());
            p.dataset("collector_transmission", o.collectorTransmission());
            p.dataset("electrode_range", o.electrodeRange().lo() + ":" + o.electrodeRange().hi());
            p.dataset("plating_significance", o.platingSignificance());
            p.dataset("plating_onset_scan", r.platingOnsetScan() < 0 ? "none" : r.scans().get(r.platingOnsetScan()).name());
            p.dataset("plating_distance_to_collector", r.platingDistanceToCollector(), Unit.MICROMETER);
        });
    }

    private static Map2D mask(boolean[] m, int nx, int ny, double sx, double sy, String what) {
        float[] v = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i] ? 1 : 0;
        }
        return Map2D.of(nx, ny, v, sx, sy, what, Unit.DIMENSIONLESS);
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9_.-]", "_");
        return Character.isLetter(t.charAt(0)) || t.charAt(0) == '_' ? t : "scan_" + t;
    }
}
