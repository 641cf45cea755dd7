package org.operando.cli.swaxs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.operando.cli.report.HtmlReport;
import org.operando.data.Curve;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.io.AtomicOutput;
import org.operando.io.figure.ColorMap;
import org.operando.io.figure.LinePlot;
import org.operando.io.figure.MapFigure;
import org.operando.io.figure.Png;
import org.operando.swaxs.QRange;
import org.operando.swaxs.SwaxsOptions;
import org.operando.swaxs.SwaxsResult;
import org.operando.swaxs.SwaxsResult.ScanResult;

/**
 * Writes the results of the scanning SWAXS analysis: figures (PNG), {@code timeseries.csv}, {@code summary.json}
 * and a section of the HTML report. Every file is written atomically.
 */
public final class SwaxsOutputs {
    private static final Color[] PALETTE = {
            new Color(0, 0, 0), new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
            new Color(94, 201, 98), new Color(253, 231, 37), new Color(230, 120, 20), new Color(200, 30, 30),
            new Color(120, 60, 20), new Color(150, 150, 150)};

    private SwaxsOutputs() { }

    static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Per-scan table rows and the series summary, as written to summary.json. */
    public static ObjectNode summary(SwaxsResult r, List<ScanElectrochemistry> ec) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        ArrayNode scans = root.putArray("scans");
        for (int s = 0; s < r.scans().size(); s++) {
            ScanResult sr = r.scans().get(s);
            ScanElectrochemistry e = ec.get(s);
            ObjectNode o = scans.addObject();
            o.put("scan", sr.name());
            num(o, "time_s", e.timeS());
            num(o, "voltage_V", e.voltageV());
            num(o, "charge_mAh", e.chargeMah());
            o.put("rest", e.rest());
            num(o, "d002_A", sr.waxsFit() == null ? Double.NaN : sr.waxsFit().d002());
            num(o, "d002_err_A", sr.waxsFit() == null ? Double.NaN : sr.waxsFit().d002Error());
            num(o, "q002_invA", sr.waxsFit() == null ? Double.NaN : sr.waxsFit().q002());
            num(o, "delta_micropore", diff(sr, "micropore"));
            num(o, "delta_micropore_std", std(sr, "micropore"));
            num(o, "delta_particle", diff(sr, "particle"));
            num(o, "delta_particle_std", std(sr, "particle"));
            num(o, "delta_002", diff(sr, "002"));
            num(o, "delta_pseudo_metal", diff(sr, "pseudo_metal"));
            num(o, "pseudo_metal", sr.waxsFit() == null ? Double.NaN : sr.waxsFit().pseudoHeight());
            num(o, "pseudo_metal_err", sr.waxsFit() == null ? Double.NaN : sr.waxsFit().pseudoHeightError());
            num(o, "metal_peak_significance", sr.platingSignificance());
            o.put("plating", sr.plating());
            num(o, "power_law_alpha", sr.powerLaw().alpha());
            num(o, "power_law_alpha_err", sr.powerLaw().alphaError());
            num(o, "power_law_A", sr.powerLaw().amplitude());
            num(o, "mean_transmission", sr.meanTransmission());
        }
        if (r.platingOnsetScan() >= 0) {
            root.put("plating_onset_scan", r.scans().get(r.platingOnsetScan()).name());
        } else {
            root.putNull("plating_onset_scan");
        }
        num(root, "plating_distance_to_collector_um", r.platingDistanceToCollector());
        ArrayNode c = root.putArray("plating_centroid_um");
        num(c, r.platingCentroid()[0]);
        num(c, r.platingCentroid()[1]);
        root.put("electrode_pixels", count(r.electrode()));
        root.put("collector_pixels", count(r.collector()));
        root.put("background_pixels", count(r.background()));
        num(root, "electrode_threshold", r.electrodeThreshold());
        return root;
    }

    private static double diff(ScanResult sr, String range) {
        Double d = sr.meanDifference().get(range);
        return d == null ? Double.NaN : d;
    }

    private static double std(ScanResult sr, String range) {
        Double d = sr.stdDifference().get(range);
        return d == null ? Double.NaN : d;
    }

    private static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    private static void num(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    /** Writes summary.json and timeseries.csv. */
    public static void writeTables(Path out, SwaxsResult r, List<ScanElectrochemistry> ec) throws IOException {
        ObjectNode summary = summary(r, ec);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicOutput.writeString(out.resolve("summary.json"), om.writeValueAsString(summary) + "\n");
        StringBuilder csv = new StringBuilder();
        List<String> cols = new ArrayList<>();
        summary.withArray("scans").get(0).fieldNames().forEachRemaining(cols::add);
        csv.append("# operando swaxs: one row per scan; units in column names (s, V, mAh, Å, Å⁻¹); delta_* = ΔI/I (eq. 5)\n");
        csv.append(String.join(",", cols)).append('\n');
        for (var row : summary.withArray("scans")) {
            List<String> v = new ArrayList<>();
            for (String c : cols) {
                var n = row.get(c);
                v.add(n == null || n.isNull() ? "" : n.asText());
            }
            csv.append(String.join(",", v)).append('\n');
        }
        AtomicOutput.writeString(out.resolve("timeseries.csv"), csv.toString());
    }

    /** Writes the figures and adds the report section. */
    public static void writeFigures(Path out, SwaxsResult r, List<ScanElectrochemistry> ec, double[] echemTimeS,
                                    double[] echemVoltage, SwaxsOptions options, HtmlReport report) throws IOException {
        List<ScanResult> scans = r.scans();
        // masks as "excluded" arrays: collector for intensity images; non-electrode for difference maps
        boolean[] notElectrode = new boolean[r.electrode().length];
        for (int i = 0; i < notElectrode.length; i++) {
            notElectrode[i] = !r.electrode()[i];
        }

        // 1. averaged intensity in the imaging region, per scan
        String imaging = options.range("imaging") != null ? "imaging" : options.ranges().get(0).name();
        List<BufferedImage> imgs = new ArrayList<>();
        double[] range = MapFigure.of(scans.get(0).maps().get(imaging)).mask(r.collector()).colorRange();
        for (ScanResult sr : scans) {
            Map2D m = sr.maps().get(imaging);
            imgs.add(MapFigure.of(m).mask(r.collector()).range(range[0], range[1]).title(sr.name() + ": " + rangeLabel(options, imaging))
                    .size(360).render());
        }
        Png.write(Png.grid(imgs, 3), out.resolve("intensity_" + imaging + ".png"));

        // 2. difference maps per q range
        List<String> diffFigs = new ArrayList<>();
        for (QRange q : options.ranges()) {
            List<BufferedImage> d = new ArrayList<>();
            double lim = 0;
            for (ScanResult sr : scans.subList(1, scans.size())) {
                double[] cr = MapFigure.of(sr.differences().get(q.name())).mask(notElectrode).percentiles(1, 99).colorRange();
                lim = Math.max(lim, Math.max(Math.abs(cr[0]), Math.abs(cr[1])));
            }
            if (!(lim > 0)) {
                lim = 1;
            }
            for (ScanResult sr : scans.subList(1, scans.size())) {
                d.add(MapFigure.of(sr.differences().get(q.name())).mask(notElectrode).colorMap(ColorMap.DIVERGING)
                        .range(-lim, lim).valueLabel("ΔI/I", Unit.RELATIVE)
                        .title(sr.name() + ": ΔI/I " + rangeLabel(options, q.name())).size(360).render());
            }
            if (!d.isEmpty()) {
                String f = "difference_" + q.name() + ".png";
                Png.write(Png.grid(d, 3), out.resolve(f));
                diffFigs.add(f);
            }
        }

        // 3. overlay: voltage above; normalized electrode-mean changes and d002 against time
        double[] t = new double[scans.size()];
        for (int s = 0; s < t.length; s++) {
            t[s] = ec.get(s).timeS() / 60.0;
        }
        boolean haveTime = java.util.Arrays.stream(t).allMatch(Double::isFinite);
        if (!haveTime) {
            for (int s = 0; s < t.length; s++) {
                t[s] = s;
            }
        }
        String xLabel = haveTime ? "t (min)" : "scan index";
        List<BufferedImage> panels = new ArrayList<>();
        if (echemTimeS != null && echemTimeS.length > 0 && haveTime) {
            double[] tm = new double[echemTimeS.length];
            for (int i = 0; i < tm.length; i++) {
                tm[i] = echemTimeS[i] / 60.0;
            }
            LinePlot v = new LinePlot("Voltage profile with scans", xLabel, Unit.VOLT.label("E")).line("E_we", tm, echemVoltage)
                    .size(900, 260);
            double[] sv = new double[scans.size()];
            for (int s = 0; s < sv.length; s++) {
                sv[s] = ec.get(s).voltageV();
            }
            v.points("scans", t, sv, null);
            panels.add(v.render());
        }
        LinePlot ch = new LinePlot("Electrode-average changes (error bars: std over the first difference map)", xLabel,
                "ΔI/I").size(900, 360);
        for (QRange q : options.ranges()) {
            double[] y = new double[scans.size()];
            double[] e = new double[scans.size()];
            for (int s = 0; s < scans.size(); s++) {
                y[s] = s == 0 ? 0 : diff(scans.get(s), q.name());
                e[s] = s == 0 ? 0 : std(scans.get(s), q.name());
            }
            ch.points(rangeLabel(options, q.name()), t, y, e);
        }
        panels.add(ch.render());
        double[] d002 = new double[scans.size()];
        double[] d002e = new double[scans.size()];
        for (int s = 0; s < scans.size(); s++) {
            d002[s] = scans.get(s).waxsFit() == null ? Double.NaN : scans.get(s).waxsFit().d002();
            d002e[s] = scans.get(s).waxsFit() == null ? Double.NaN : scans.get(s).waxsFit().d002Error();
        }
        panels.add(new LinePlot("Interlayer spacing d002 = 2π/q002", xLabel, Unit.ANGSTROM.label("d002"))
                .points("d002", t, d002, d002e).size(900, 260).render());
        Png.write(Png.stack(panels, true), out.resolve("timeseries.png"));

        // 4. electrode-average SAXS and WAXS curves per scan
        LinePlot saxsPlot = new LinePlot("Electrode-average SAXS", Unit.Q_INV_ANGSTROM.label("q"), "I (a.u.)")
                .logX(true).logY(true).size(800, 500);
        LinePlot waxsPlot = new LinePlot("Electrode-average WAXS (offset for clarity)", Unit.Q_INV_ANGSTROM.label("q"),
                "I (a.u.)").size(800, 600);
        double offset = 0;
        for (int s = 0; s < scans.size(); s++) {
            ScanResult sr = scans.get(s);
            Curve c = sr.saxsMean();
            saxsPlot.line(sr.name(), c.axis().values(), c.values(), colour(s));
            if (sr.waxsMean() != null) {
                Curve w = sr.waxsMean();
                double[] y = w.values().clone();
                double max = 0;
                for (int i = 0; i < y.length; i++) {
                    if (Double.isFinite(y[i])) {
                        max = Math.max(max, Math.abs(y[i]));
                    }
                }
                if (s == 0) {
                    offset = 0.25 * max;
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] += s * offset;
                }
                waxsPlot.line(sr.name(), w.axis().values(), y, colour(s));
                if (sr.waxsFit() != null) {
                    double[] q = w.axis().values();
                    double[] model = new double[q.length];
                    for (int i = 0; i < q.length; i++) {
                        model[i] = q[i] >= options.waxsFitLo() && q[i] <= options.waxsFitHi()
                                ? sr.waxsFit().value(q[i]) + s * offset : Double.NaN;
                    }
                    waxsPlot.line(sr.name() + " fit", q, model, Color.GRAY);
                }
            }
        }
        saxsPlot.writePng(out.resolve("saxs_curves.png"));
        boolean haveWaxs = scans.get(0).waxsMean() != null;
        if (haveWaxs) {
            waxsPlot.legend(false).writePng(out.resolve("waxs_curves.png"));
        }

        // 5. plating maps
        List<BufferedImage> pl = new ArrayList<>();
        for (ScanResult sr : scans) {
            if (sr.platingMap() != null) {
                pl.add(MapFigure.of(sr.platingMap()).mask(r.collector()).colorMap(ColorMap.MAGMA).range(0, 15)
                        .valueLabel("Na(110) significance", Unit.DIMENSIONLESS)
                        .title(sr.name() + (sr.plating() ? ": plating" : "")).size(360).render());
            }
        }
        if (!pl.isEmpty()) {
            Png.write(Png.grid(pl, 3), out.resolve("plating_maps.png"));
        }

        // 6. per-pixel scatter: micropore ΔI/I vs pseudo-metal ΔI/I
        boolean scatter = options.range("micropore") != null && options.range("pseudo_metal") != null && scans.size() > 1;
        if (scatter) {
            LinePlot sc = new LinePlot("Per-pixel micropore vs pseudo-metal change", "ΔI/I micropore",
                    "ΔI/I pseudo-metallic Na").size(700, 600);
            for (int s = 1; s < scans.size(); s++) {
                float[] a = scans.get(s).differences().get("micropore").values();
                float[] b = scans.get(s).differences().get("pseudo_metal").values();
                List<double[]> pts = new ArrayList<>();
                for (int i = 0; i < a.length; i++) {
                    if (r.electrode()[i] && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                        pts.add(new double[] {a[i], b[i]});
                    }
                }
                double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
                sc.points(scans.get(s).name(), x, y, null);
            }
            sc.writePng(out.resolve("scatter_micropore_pseudometal.png"));
        }

        // report section
        report.section("Operando scanning SWAXS");
        report.paragraph(String.format(Locale.ROOT, "%d scans of a %d-point raster; electrode %d points (threshold "
                        + "%.4g on the %s intensity; Otsu on its logarithm unless set), current collector %d points (transmission < %s), background %d points.",
                scans.size(), r.electrode().length, count(r.electrode()), r.electrodeThreshold(),
                options.electrodeRange(), count(r.collector()), options.collectorTransmission(), count(r.background())));
        if (r.platingOnsetScan() >= 0) {
            report.paragraph(String.format(Locale.ROOT, "Metallic sodium (2.07 Å⁻¹) first exceeds %.0fσ in scan %s; the "
                            + "plating region lies %.0f µm from the current collector.", options.platingSignificance(),
                    scans.get(r.platingOnsetScan()).name(), r.platingDistanceToCollector()));
        } else {
            report.paragraph("No significant metallic-sodium reflection in any scan.");
        }
        report.figure("timeseries.png", "Voltage profile, electrode-average ΔI/I per q region and d002 against time");
        report.figure("intensity_" + imaging + ".png", "Mean intensity " + rangeLabel(options, imaging) + " per scan; collector white");
        for (String f : diffFigs) {
            report.figure(f, "Difference maps ΔI/I (eq. 5); outside the electrode white");
        }
        report.figure("saxs_curves.png", "Electrode-average SAXS curves");
        if (haveWaxs) {
            report.figure("waxs_curves.png", "Electrode-average WAXS curves with the eq. 4 model (grey)");
        }
        if (!pl.isEmpty()) {
            report.figure("plating_maps.png", "Significance of the metallic-sodium reflection per pixel");
        }
        if (scatter) {
            report.figure("scatter_micropore_pseudometal.png", "Per-pixel micropore against pseudo-metallic change");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < scans.size(); s++) {
            ScanResult sr = scans.get(s);
            ScanElectrochemistry e = ec.get(s);
            rows.add(List.of(sr.name(), fmt(e.timeS() / 60, "%.1f"), fmt(e.voltageV(), "%.3f"),
                    fmt(sr.waxsFit() == null ? Double.NaN : sr.waxsFit().d002(), "%.4f"),
                    fmt(diff(sr, "micropore"), "%+.3f"), fmt(diff(sr, "particle"), "%+.3f"),
                    fmt(sr.platingSignificance(), "%.1f"), sr.plating() ? "yes" : "no"));
        }
        report.table(List.of("scan", "t (min)", "E (V)", "d002 (Å)", "ΔI/I micropore", "ΔI/I particle",
                "Na(110) σ", "plating"), rows);
        report.link("summary.json", "summary.json");
        report.link("timeseries.csv", "timeseries.csv");
    }

    private static String fmt(double v, String f) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, f, v) : "–";
    }

    private static String rangeLabel(SwaxsOptions o, String name) {
        QRange q = o.range(name);
        return q == null ? name : q.name() + " " + plain(q.lo()) + "–" + plain(q.hi()) + " Å⁻¹";
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
