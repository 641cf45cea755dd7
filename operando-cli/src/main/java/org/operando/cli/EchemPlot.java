package org.operando.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.operando.echem.CycleMetrics;
import org.operando.echem.DqDv;
import org.operando.echem.EchemRecord;
import org.operando.io.figure.LinePlot;
import org.operando.io.figure.Png;
import org.operando.util.InvalidInputException;

/**
 * The {@code echem plot} figure (org.operando.io.figure): voltage vs time, voltage vs capacity per half-cycle,
 * dQ/dV per half-cycle (discharge negative, the usual convention), stacked in one PNG. Axis titles carry units.
 */
final class EchemPlot {
    private EchemPlot() { }

    static final int WIDTH = 1000;
    static final int HEIGHT = 400;
    private static final int MAX_POINTS = 4000;

    static void write(EchemRecord r, Path output, Double massMg, double binV, double smoothV, int maxHalf)
            throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(voltageVsTime(r).size(WIDTH, HEIGHT).render());
        if (r.hasCurrent() || r.chargeFromFile()) {
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
            panels.add(voltageVsCapacity(r, shown, massMg).size(WIDTH, HEIGHT).render());
            panels.add(dqdv(r, shown, massMg, binV, smoothV).size(WIDTH, HEIGHT).render());
        }
        Png.write(Png.stack(panels, true), output);
    }

    private static String name(EchemRecord r) {
        return Path.of(r.source()).getFileName().toString();
    }

    private static LinePlot voltageVsTime(EchemRecord r) {
        int n = r.size();
        int step = Math.max(1, n / MAX_POINTS);
        int m = (n + step - 1) / step;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int k = 0, j = 0; k < n && j < m; k += step, j++) {
            x[j] = r.time()[k] / 3600;
            y[j] = r.voltage()[k];
        }
        return new LinePlot(name(r) + ": voltage vs time", "t (h)", "E (V)").line("E", x, y).legend(false);
    }

    private static LinePlot voltageVsCapacity(EchemRecord r, List<CycleMetrics.HalfCycle> hs, Double massMg) {
        String unit = massMg != null ? "mAh/g" : "mAh";
        LinePlot p = new LinePlot("voltage vs capacity (per half-cycle)", "capacity (" + unit + ")", "E (V)");
        double[] q = r.charge();
        for (CycleMetrics.HalfCycle h : hs) {
            int a = h.firstPoint() > 0 ? h.firstPoint() - 1 : 0;
            int n = h.lastPoint() - a + 1;
            int step = Math.max(1, n / MAX_POINTS);
            int m = (n + step - 1) / step;
            double[] x = new double[m];
            double[] y = new double[m];
            for (int k = 0, j = 0; j < m; k += step, j++) {
                double cap = Math.abs(q[a + k] - q[a]);
                x[j] = massMg != null ? CycleMetrics.specificCapacity(cap, massMg) : cap;
                y[j] = r.voltage()[a + k];
            }
            p.line((h.index() + 1) + " " + h.direction(), x, y);
        }
        return p;
    }

    private static LinePlot dqdv(EchemRecord r, List<CycleMetrics.HalfCycle> hs, Double massMg, double binV,
                                 double smoothV) {
        String unit = massMg != null ? "mAh g⁻¹ V⁻¹" : "mAh/V";
        LinePlot p = new LinePlot("dQ/dV (isotonic profile, " + fmt(binV * 1000) + " mV bins, σ = "
                + fmt(smoothV * 1000) + " mV; discharge < 0)", "E (V)", "dQ/dV (" + unit + ")");
        for (CycleMetrics.HalfCycle h : hs) {
            DqDv.Result d;
            try {
                d = DqDv.of(r, h, binV, smoothV, 0.05);
            } catch (InvalidInputException e) {
                continue; // no voltage change in this half-cycle
            }
            double[] y = d.dqdvMAhPerV().clone();
            for (int k = 0; k < y.length; k++) {
                y[k] *= d.sign();
                if (massMg != null) {
                    y[k] = y[k] / (massMg * 1e-3);
                }
            }
            p.line((h.index() + 1) + " " + h.direction(), d.voltageV(), y);
        }
        return p;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
