package org.operando.cli.saxstomo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.operando.cli.report.HtmlReport;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.Frame;
import org.operando.data.LargeFloatArray;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.data.Volume;
import org.operando.io.AtomicOutput;
import org.operando.io.figure.LinePlot;
import org.operando.io.figure.MapFigure;
import org.operando.io.nexus.NexusWriter;
import org.operando.io.tiff.SampleType;
import org.operando.io.tiff.TiffWriter;
import org.operando.tomo.VolumeTools;

/**
 * Writes the SAXS-tomography results of all electrodes into a (temporary) folder: results.h5 (one NXentry per
 * electrode), summary.json, PNG figures and report.html.
 */
final class SaxsTomoOutputs {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private SaxsTomoOutputs() { }

    /** A NeXus-safe name for an electrode. */
    static String entryName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_' ? "e_" + s : s;
    }

    static void write(Path dir, List<SaxsTomoAnalysis.Electrode> es, SaxsTomoCommand.Settings s, double seconds)
            throws IOException {
        // one histogram range for all electrodes, so that they overlay
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SaxsTomoAnalysis.Electrode e : es) {
            lo = Math.min(lo, e.regionValues()[0]);
            hi = Math.max(hi, e.regionValues()[e.regionValues().length - 1]);
        }
        double pad = 0.05 * (hi - lo + 1e-30);
        lo -= pad;
        hi += pad;
        List<VolumeTools.Histogram> hists = new ArrayList<>();
        for (SaxsTomoAnalysis.Electrode e : es) {
            hists.add(VolumeTools.histogram(e.analysis().region(), e.statMask(), s.histBins(), lo, hi));
        }
        writeNexus(dir.resolve("results.h5"), es, hists, s);
        HtmlReport report = new HtmlReport("operando saxstomo: SAXS tomography of " + es.size() + " electrode"
                + (es.size() == 1 ? "" : "s"));
        report.section("SAXS tomography");
        report.paragraph(String.format(Locale.ROOT, "%d q-bins %.3g-%.3g Å⁻¹; reconstruction %s; electrode mask from the"
                        + " mean intensity over %.3g-%.3g Å⁻¹ (%s); micropore region %.3g-%.3g Å⁻¹, %d×%d×%d mean filter;"
                        + " statistics in the mask eroded in-plane by %d and in height by %d voxel%s. Analysis time %.1f s.",
                s.qEdges().length - 1, s.qEdges()[0], s.qEdges()[s.qEdges().length - 1], s.describe(), s.maskQ()[0],
                s.maskQ()[1], Double.isNaN(s.maskThreshold()) ? "Otsu threshold per electrode"
                        : "threshold " + s.maskThreshold(), s.regionQ()[0], s.regionQ()[1], s.meanFilter(),
                s.meanFilter(), s.meanFilter(), s.erode(), s.erodeZ(), s.erodeZ() == 1 ? "" : "s", seconds));
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> summary = new ArrayList<>();
        for (SaxsTomoAnalysis.Electrode e : es) {
            VolumeTools.Stats st = e.stats();
            rows.add(List.of(e.name(), Long.toString(e.maskVoxels()), Long.toString(st.count()), fmt(e.analysis().threshold()),
                    fmt(st.mean()), fmt(st.std()), fmt(st.median()), fmt(st.p05()) + " / " + fmt(st.p95()),
                    String.format(Locale.ROOT, "%.2f", e.centre())));
            summary.add(summary(e));
        }
        String u = es.get(0).unitLabel();
        report.table(List.of("electrode", "voxels in mask", "voxels in statistics", "mask threshold (" + u + ")",
                "mean (" + u + ")", "std (" + u + ")", "median (" + u + ")", "p5 / p95 (" + u + ")", "axis (px)"), rows);
        // figures
        String hist = "histograms.png";
        LinePlot hp = new LinePlot("Micropore-region intensity (" + fmtQ(s.regionQ()) + ") in the electrode masks",
                "micropore-region intensity (" + u + ")", "fraction of voxels per bin");
        for (int i = 0; i < es.size(); i++) {
            VolumeTools.Histogram h = hists.get(i);
            int nb = h.counts().length;
            double[] x = new double[2 * nb];
            double[] y = new double[2 * nb];
            double w = (h.hi() - h.lo()) / nb;
            long total = 0;
            for (long c : h.counts()) {
                total += c;
            }
            for (int b = 0; b < nb; b++) {
                x[2 * b] = h.lo() + b * w;
                x[2 * b + 1] = h.lo() + (b + 1) * w;
                y[2 * b] = (double) h.counts()[b] / Math.max(1, total);
                y[2 * b + 1] = y[2 * b];
            }
            hp.line(es.get(i).name(), x, y, COLORS[i % COLORS.length]);
        }
        double step = niceStep((hi - lo) / 6);
        hp.xRange(Math.floor(lo / step) * step, Math.ceil(hi / step) * step).writePng(dir.resolve(hist));
        report.figure(hist, "Histograms of the micropore-region intensity (mean filtered) inside each electrode mask.");
        String curves = "mean_curves.png";
        LinePlot cp = new LinePlot("Mean voxel scattering curve in the electrode mask", Unit.Q_INV_ANGSTROM.label("q"),
                "dΣ/dΩ (" + u + ")").logX(true).logY(true);
        for (int i = 0; i < es.size(); i++) {
            SaxsTomoAnalysis.Electrode e = es.get(i);
            double[] y = e.meanCurve().clone();
            for (int k = 0; k < y.length; k++) {
                y[k] = Math.max(y[k], 1e-6);
            }
            cp.line(e.name(), e.volume().axis().values(), y, COLORS[i % COLORS.length]);
        }
        cp.writePng(dir.resolve(curves));
        report.figure(curves, "Mean reconstructed voxel curve inside each electrode mask.");
        for (SaxsTomoAnalysis.Electrode e : es) {
            String base = entryName(e.name());
            Volume region = e.analysis().region();
            double[] range = {e.regionValues()[0], e.regionValues()[e.regionValues().length - 1]};
            for (VolumeTools.Plane p : new VolumeTools.Plane[] {VolumeTools.Plane.XY, VolumeTools.Plane.XZ}) {
                Map2D m = p == VolumeTools.Plane.XY ? VolumeTools.centralSlice(region, p)
                        : heightUp(VolumeTools.centralSlice(region, p));
                String name = base + "_micropore_" + p.name().toLowerCase(Locale.ROOT) + ".png";
                MapFigure.of(m).title(e.name() + ": micropore region " + fmtQ(s.regionQ()) + ", "
                                + (p == VolumeTools.Plane.XY ? "horizontal slice through the centre"
                                : "vertical slice (x, height up) through the centre"))
                        .valueLabel("micropore-region dΣ/dΩ", e.absolute() ? Unit.INV_CENTIMETER : Unit.ARBITRARY)
                        .range(Math.min(0, range[0]), range[1]).writePng(dir.resolve(name));
                report.figure(name, e.name() + ": " + p.name() + " slice of the micropore-region volume (µm axes;"
                        + " per sr).");
            }
            // 3D-ready: the micropore volume as a float32 TIFF stack (one slice per page, base first) for ImageJ/Fiji
            String tif = base + "_micropore.tif";
            List<Frame> pages = new ArrayList<>();
            for (int z = 0; z < region.nz(); z++) {
                pages.add(new Frame(region.nx(), region.ny(), region.sliceZ(z)));
            }
            TiffWriter.write(dir.resolve(tif), pages, SampleType.FLOAT32, String.format(Locale.ROOT,
                    "operando saxstomo: %s micropore-region (%s) dΣ/dΩ in %s, voxel %.4g um, slice 0 = base",
                    e.name(), fmtQ(s.regionQ()), e.absolute() ? "cm^-1 sr^-1" : "a.u.", e.data().stepXUm()));
            report.link(tif, tif + " (micropore volume, float32 TIFF stack for 3D viewers)");
            Map2D mk = VolumeTools.centralSlice(e.analysis().maskIntensity(), VolumeTools.Plane.XY);
            String name = base + "_mask_intensity_xy.png";
            MapFigure.of(mk).title(e.name() + ": mean intensity " + fmtQ(s.maskQ()) + " (mask threshold "
                            + fmt(e.analysis().threshold()) + ")")
                    .valueLabel("dΣ/dΩ " + fmtQ(s.maskQ()), e.absolute() ? Unit.INV_CENTIMETER : Unit.ARBITRARY)
                    .percentiles(0.5, 99.5).writePng(dir.resolve(name));
            report.figure(name, e.name() + ": horizontal slice of the mask intensity.");
        }
        report.link("results.h5", "results.h5 (NeXus: per electrode volumes per q-bin, mask, micropore volume,"
                + " histogram, mean curve)");
        report.link("summary.json", "summary.json");
        report.write(dir.resolve("report.html"));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("program", "operando saxstomo");
        root.put("q_bins", s.qEdges().length - 1);
        root.put("q_min_inv_angstrom", s.qEdges()[0]);
        root.put("q_max_inv_angstrom", s.qEdges()[s.qEdges().length - 1]);
        root.put("mask_q_inv_angstrom", s.maskQ());
        root.put("micropore_q_inv_angstrom", s.regionQ());
        root.put("reconstruction", s.describe());
        root.put("mean_filter", s.meanFilter());
        root.put("erosion_in_plane_voxels", s.erode());
        root.put("erosion_in_height_voxels", s.erodeZ());
        root.put("intensity_unit", es.get(0).absolute() ? "cm^-1 sr^-1" : "arbitrary (no flux known)");
        root.put("histogram_range", new double[] {lo, hi});
        root.put("electrodes", summary);
        root.put("seconds", Math.round(seconds * 100) / 100.0);
        AtomicOutput.writeString(dir.resolve("summary.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
    }

    private static Map<String, Object> summary(SaxsTomoAnalysis.Electrode e) {
        VolumeTools.Stats st = e.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("input", e.data().dir().toString());
        m.put("projections", e.data().anglesDeg().length);
        m.put("rows", e.data().rows());
        m.put("translations", e.data().n());
        m.put("voxel_um", e.data().stepXUm());
        m.put("rotation_axis_px", e.centre());
        m.put("mask_threshold", e.analysis().threshold());
        m.put("voxels_in_mask", e.maskVoxels());
        m.put("voxels_in_statistics", st.count());
        m.put("mask_volume_mm3", e.maskVoxels() * Math.pow(e.data().stepXUm() * 1e-3, 2) * e.data().stepYUm() * 1e-3);
        Map<String, Object> mp = new LinkedHashMap<>();
        mp.put("mean", st.mean());
        mp.put("std", st.std());
        mp.put("min", st.min());
        mp.put("p05", st.p05());
        mp.put("p25", e.percentile(25));
        mp.put("median", st.median());
        mp.put("p75", e.percentile(75));
        mp.put("p95", st.p95());
        mp.put("max", st.max());
        m.put("micropore_intensity", mp);
        m.put("intensity_unit", e.absolute() ? "cm^-1 sr^-1" : "arbitrary");
        return m;
    }

    private static void writeNexus(Path file, List<SaxsTomoAnalysis.Electrode> es, List<VolumeTools.Histogram> hists,
                                   SaxsTomoCommand.Settings s) throws IOException {
        NexusWriter.write(file, root -> {
            for (int i = 0; i < es.size(); i++) {
                SaxsTomoAnalysis.Electrode e = es.get(i);
                Unit unit = e.absolute() ? Unit.INV_CENTIMETER : Unit.ARBITRARY;
                NexusWriter.Group entry = root.entry(entryName(e.name()));
                entry.dataset("title", "SAXS tomography of " + e.name() + " (" + s.describe() + ")");
                entry.dataset("program_name", "operando saxstomo");
                entry.dataset("input", e.data().dir().toString());
                entry.dataset("intensity_note", e.absolute()
                        ? "dΣ/dΩ in cm^-1 sr^-1 (the units attribute reads 1/cm, per steradian)"
                        : "relative intensities (no incident flux known)");
                entry.addCurveVolume("volume", e.volume());
                entry.addVolume("micropore", e.analysis().region());
                entry.addVolume("mask_intensity", e.analysis().maskIntensity());
                entry.addVolume("electrode_mask", maskVolume(e.analysis().mask(), e.analysis().region()))
                        .attr("threshold", e.analysis().threshold());
                VolumeTools.Histogram h = hists.get(i);
                NexusWriter.Group hg = entry.data("histogram");
                hg.dataset("counts", h.counts()).attr("long_name", "voxels per bin");
                double[] centres = new double[h.counts().length];
                for (int b = 0; b < centres.length; b++) {
                    centres[b] = h.binCentre(b);
                }
                hg.axis(new Axis("micropore_intensity", unit, centres), 0);
                hg.attr("signal", "counts").attr("axes", new String[] {"micropore_intensity"});
                entry.addCurve("mean_curve", new Curve(e.volume().axis(), e.meanCurve(), e.meanCurveStd(),
                        "mean dΣ/dΩ in the mask (error = spread)", unit));
                NexusWriter.Group geo = entry.group("geometry", "NXcollection");
                geo.dataset("angles_deg", e.data().anglesDeg()).attr("units", "deg");
                geo.dataset("rotation_axis", e.centre()).attr("units", "pixel");
                geo.dataset("shift_x", e.dx()).attr("units", "pixel");
                geo.dataset("shift_y", e.dy()).attr("units", "pixel");
                geo.dataset("step_x", e.data().stepXUm()).attr("units", "um");
                geo.dataset("step_y", e.data().stepYUm()).attr("units", "um");
                VolumeTools.Stats st = e.stats();
                NexusWriter.Group sg = entry.group("statistics", "NXcollection");
                sg.dataset("voxels_in_mask", e.maskVoxels());
                sg.dataset("voxels_in_statistics", st.count());
                sg.dataset("mean", st.mean()).units(unit);
                sg.dataset("std", st.std()).units(unit);
                sg.dataset("median", st.median()).units(unit);
                sg.dataset("p05", st.p05()).units(unit);
                sg.dataset("p95", st.p95()).units(unit);
            }
        });
    }

    /** A vertical slice (rows = height from the base) flipped so that height runs upwards in the figure. */
    static Map2D heightUp(Map2D m) {
        float[] v = m.values();
        float[] f = new float[v.length];
        for (int r = 0; r < m.ny(); r++) {
            System.arraycopy(v, r * m.nx(), f, (m.ny() - 1 - r) * m.nx(), m.nx());
        }
        return new Map2D(m.nx(), m.ny(), f, m.pixelSizeX(), m.pixelSizeY(), m.originX(), m.originY(), m.lengthUnit(),
                m.quantity(), m.unit());
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static Volume maskVolume(boolean[] mask, Volume like) {
        float[] v = new float[mask.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = mask[i] ? 1 : 0;
        }
        LargeFloatArray d = new LargeFloatArray(v.length);
        d.write(0, v, 0, v.length);
        return new Volume(like.nx(), like.ny(), like.nz(), d, like.voxelSize(), like.origin(), like.lengthUnit(),
                "electrode mask (1 = electrode)", Unit.DIMENSIONLESS);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String fmtQ(double[] r) {
        return String.format(Locale.ROOT, "%.3g-%.3g Å⁻¹", r[0], r[1]);
    }
}
