package org.operando.io.echem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes EC-Lab ASCII exports with the structure of the real files and of the digital twin's writer
 * (operando-sim MptWriter): "EC-Lab ASCII FILE", "Nb header lines : N" (N counts every header line including
 * the column-header line), settings with "Acquisition started on : MM/DD/YYYY HH:MM:SS.sss", a technique table,
 * the tab-separated column header (with a trailing tab), then data rows. Profile: rest 600 s, constant current
 * −0.1 mA for 7200 s with Ewe = 1.0 − 0.9·t'/7200 V, rest 600 s; a row every 10 s.
 */
final class MptFixture {
    private MptFixture() { }

    static final String[] COLUMNS = {"mode", "ox/red", "error", "control changes", "Ns changes", "counter inc.", "Ns",
        "time/s", "control/mA", "Ewe/V", "I/mA", "dq/mA.h", "(Q-Qo)/mA.h", "cycle number"};

    static double voltage(double t) {
        if (t < 600) {
            return 1.0;
        }
        if (t <= 7800) {
            return 1.0 - 0.9 * (t - 600) / 7200;
        }
        return 0.1 + 0.05 * (1 - Math.exp(-(t - 7800) / 100));
    }

    static String render(boolean decimalComma) {
        StringBuilder data = new StringBuilder();
        double prevQ = 0;
        List<Double> times = new ArrayList<>();
        for (int k = 0; k <= 840; k++) {
            times.add(k * 10.0);
        }
        for (double t : times) {
            int ns = t < 600 ? 0 : t < 7800 ? 1 : 2;
            boolean cc = ns == 1;
            double i = cc ? -0.1 : 0;
            double q = -0.1 * (Math.min(Math.max(t - 600, 0), 7200)) / 3600;
            double dq = q - prevQ;
            prevQ = q;
            data.append(cc ? 1 : 3).append('\t').append(cc ? 0 : 1).append("\t0\t0\t0\t0\t").append(ns).append('\t')
                    .append(f("%.4f", t, decimalComma)).append('\t').append(f("%.6f", cc ? -0.1 : 0, decimalComma))
                    .append('\t').append(f("%.7f", voltage(t), decimalComma)).append('\t')
                    .append(f("%.7e", i, decimalComma)).append('\t').append(f("%.7e", dq, decimalComma)).append('\t')
                    .append(f("%.7e", q, decimalComma)).append('\t').append(f("%.15E", 0.0, decimalComma))
                    .append("\r\n");
        }
        List<String> h = new ArrayList<>();
        h.add("EC-Lab ASCII FILE");
        h.add("Nb header lines : @@");
        h.add("");
        h.add("Galvanostatic Cycling with Potential Limitation");
        h.add("");
        h.add("Run on channel : 1 (SN 0001)");
        h.add("Acquisition started on : 03/15/2026 10:00:00.000");
        h.add("Electrode material : hard carbon");
        h.add("Mass of active material : 0.250 mg");
        h.add("");
        h.add("Ns                  0                   1                   2");
        h.add("Is                  0.000               -100.000            0.000");
        h.add(String.join("\t", COLUMNS) + "\t");
        return String.join("\r\n", h).replace("@@", Integer.toString(h.size())) + "\r\n" + data;
    }

    private static String f(String pattern, double v, boolean comma) {
        String s = String.format(Locale.ROOT, pattern, v);
        return comma ? s.replace('.', ',') : s;
    }
}
