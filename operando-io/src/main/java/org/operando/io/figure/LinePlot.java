package org.operando.io.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.operando.data.Curve;

/**
 * Line and scatter plots (XChart) with titled axes that carry units, e.g. "q (Å⁻¹)" against "I (a.u.)".
 * Non-finite points are dropped; on log axes, non-positive points are dropped.
 */
public final class LinePlot {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private boolean logY;
    private int width = 800;
    private int height = 500;
    private Double xMin;
    private Double xMax;
    private Double yMin;
    private Double yMax;
    private boolean legend = true;

    private record Series(String name, double[] x, double[] y, double[] err, boolean scatter, Color color) { }

    /**
     * @param xLabel axis title with unit, e.g. {@code Unit.Q_INV_ANGSTROM.label("q")}
     * @param yLabel axis title with unit
     */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title == null ? "" : title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** A plot whose x axis is the curve's axis and whose y axis is the curve's quantity and unit. */
    public static LinePlot of(String title, Curve c) {
        return new LinePlot(title, c.axis().label(), c.unit().label(c.quantity())).line(c.quantity(), c);
    }

    public LinePlot line(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y, null, false, null));
        return this;
    }

    public LinePlot line(String name, Curve c) {
        return line(name, c.axis().values(), c.values());
    }

    /** A line with a chosen colour. */
    public LinePlot line(String name, double[] x, double[] y, Color color) {
        series.add(new Series(name, x, y, null, false, color));
        return this;
    }

    /** Points with symmetric error bars (err may be null). */
    public LinePlot points(String name, double[] x, double[] y, double[] err) {
        series.add(new Series(name, x, y, err, true, null));
        return this;
    }

    public LinePlot logX(boolean b) {
        this.logX = b;
        return this;
    }

    public LinePlot logY(boolean b) {
        this.logY = b;
        return this;
    }

    public LinePlot size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    public LinePlot xRange(double min, double max) {
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    public LinePlot yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    public LinePlot legend(boolean show) {
        this.legend = show;
        return this;
    }

    public int seriesCount() {
        return series.size();
    }

    /** Renders the chart. */
    public BufferedImage render() {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        org.knowm.xchart.style.XYStyler st = chart.getStyler();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setLegendVisible(legend && series.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setMarkerSize(5);
        if (xMin != null) {
            st.setXAxisMin(xMin);
            st.setXAxisMax(xMax);
        }
        if (yMin != null) {
            st.setYAxisMin(yMin);
            st.setYAxisMax(yMax);
        }
        int added = 0;
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            for (int i = 0; i < Math.min(s.x.length, s.y.length); i++) {
                double x = s.x[i];
                double y = s.y[i];
                if (!Double.isFinite(x) || !Double.isFinite(y) || (logX && x <= 0) || (logY && y <= 0)) {
                    continue;
                }
                xs.add(x);
                ys.add(y);
                es.add(s.err == null || !Double.isFinite(s.err[i]) ? 0.0 : s.err[i]);
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = s.name;
            while (chart.getSeriesMap().containsKey(name)) {
                name = name + " ";
            }
            XYSeries xy = s.err == null ? chart.addSeries(name, xs, ys) : chart.addSeries(name, xs, ys, es);
            if (s.scatter) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xy.setMarker(SeriesMarkers.CIRCLE);
            } else {
                xy.setMarker(SeriesMarkers.NONE);
                xy.setLineStyle(new BasicStroke(1.6f));
            }
            if (s.color != null) {
                xy.setLineColor(s.color);
                xy.setMarkerColor(s.color);
            }
            added++;
        }
        if (added == 0) {
            chart.addSeries("(no finite data)", new double[] {0, 1}, new double[] {0, 0}).setMarker(SeriesMarkers.NONE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    public void writePng(Path path) throws IOException {
        Png.write(render(), path);
    }
}
