package org.operando.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.operando.echem.CycleMetrics;
import org.operando.echem.DqDv;
import org.operando.echem.EchemRecord;
import org.operando.io.AtomicOutput;
import org.operando.util.InvalidInputException;

/**
 * The {@code echem plot} figure, drawn with XChart: voltage vs time, voltage vs capacity per half-cycle, dQ/dV
 * per half-cycle (discharge negative, the usual convention), stacked in one PNG. Axis titles carry units.
 */
final class EchemPlot {
    private EchemPlot() { }

    static final int WIDTH = 1000;
    static final int HEIGHT = 380;
    private static final int MAX_POINTS = 4000;

    static void write(EchemRecord r, Path output, Double massMg, double binV, double smoothV, int maxHalf)
            throws IOException {
        List<XYChart> charts = new ArrayList<>();
        charts.add(voltageVsTime(r));
        boolean canCapacity = r.hasCurrent() || r.chargeFromFile();
        if (canCapacity) {
            List<CycleMetrics.HalfCycle> hs = CycleMetrics.halfCycles(r);
            double capMax = 0;
            for (CycleMetrics.HalfCycle h : hs) {
                capMax = Math.max(capMax, h.capacityMAh());
            }
            List<CycleMetrics.HalfCycle> shown = new ArrayList<>();
            for (CycleMetrics.HalfCycle h : hs) {
                if (h.sign() != 0 && h.capacityMAh() > 0.01 * capMax && shown.size() < maxHalf) {
                    shown.add(h);
                }
            }
            charts.add(voltageVsCapacity(r, shown, massMg));
            charts.add(dqdv(r, shown, massMg, binV, smoothV));
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int k = 0; k < charts.size(); k++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(k)), 0, k * HEIGHT, null);
        }
        g.dispose();
        AtomicOutput.write(output, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setMarkerSize(0);
        return c;
    }

    private static XYChart voltageVsTime(EchemRecord r) {
        XYChart c = chart(name(r) + ": voltage vs time", "t (h)", "E (V)");
        int n = r.size();
        int step = Math.max(1, n / MAX_POINTS);
        int m = (n + step - 1) / step;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int k = 0, j = 0; k < n && j < m; k += step, j++) {
            x[j] = r.time()[k] / 3600;
            y[j] = r.voltage()[k];
        }
        XYSeries s = c.addSeries("E", x, y);
        s.setMarker(SeriesMarkers.NONE);
        c.getStyler().setLegendVisible(false);
        return c;
    }

    private static String name(EchemRecord r) {
        return Path.of(r.source()).getFileName().toString();
    }

    private static XYChart voltageVsCapacity(EchemRecord r, List<CycleMetrics.HalfCycle> hs, Double massMg) {
        String unit = massMg != null ? "mAh/g" : "mAh";
        XYChart c = chart("voltage vs capacity (per half-cycle)", "capacity (" + unit + ")", "E (V)");
        double[] q = r.charge();
        for (CycleMetrics.HalfCycle h : hs) {
            int a = h.firstPoint() > 0 ? h.firstPoint() - 1 : 0;
            int b = h.lastPoint();
            int n = b - a + 1;
            int step = Math.max(1, n / MAX_POINTS);
            int m = (n + step - 1) / step;
            double[] x = new double[m];
            double[] y = new double[m];
            for (int k = 0, j = 0; j < m; k += step, j++) {
                double cap = Math.abs(q[a + k] - q[a]);
                x[j] = massMg != null ? CycleMetrics.specificCapacity(cap, massMg) : cap;
                y[j] = r.voltage()[a + k];
            }
            XYSeries s = c.addSeries((h.index() + 1) + " " + h.direction(), x, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    private static XYChart dqdv(EchemRecord r, List<CycleMetrics.HalfCycle> hs, Double massMg, double binV,
                                double smoothV) {
        String unit = massMg != null ? "mAh g⁻¹ V⁻¹" : "mAh/V";
        XYChart c = chart("dQ/dV (isotonic profile, " + fmt(binV * 1000) + " mV bins, σ = " + fmt(smoothV * 1000)
                + " mV; discharge < 0)", "E (V)", "dQ/dV (" + unit + ")");
        int added = 0;
        for (CycleMetrics.HalfCycle h : hs) {
            DqDv.Result d;
            try {
                d = DqDv.of(r, h, binV, smoothV, 0.05);
            } catch (InvalidInputException e) {
                continue;
            }
            double[] y = d.dqdvMAhPerV().clone();
            for (int k = 0; k < y.length; k++) {
                y[k] *= d.sign();
                if (massMg != null) {
                    y[k] = y[k] / (massMg * 1e-3);
                }
            }
            XYSeries s = c.addSeries((h.index() + 1) + " " + h.direction(), d.voltageV(), y);
            s.setMarker(SeriesMarkers.NONE);
            added++;
        }
        if (added == 0) {
            XYSeries s = c.addSeries("no half-cycle with a voltage change", new double[] {0}, new double[] {0});
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
