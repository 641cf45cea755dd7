package org.operando.sim.swaxs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the potentiostat log of the simulated experiment as a BioLogic EC-Lab ASCII export (.mpt): the
 * "EC-Lab ASCII FILE" / "Nb header lines : N" preamble, the settings block with "Acquisition started on :
 * MM/DD/YYYY HH:MM:SS.sss", the technique parameter table, then tab-separated data under a column-header line
 * (mode, ox/red, error, control changes, Ns changes, counter inc., Ns, time/s, control/mA, Ewe/V, I/mA,
 * dq/mA.h, (Q-Qo)/mA.h, cycle number). N counts every header line including the column-header line.
 * Decimal points, no thousands separators. The technique is an OCV rest (Ns 0), a constant current (Ns 1)
 * and an OCV rest (Ns 2): EC-Lab mode 3 = rest, 1 = constant current.
 */
public final class MptWriter {
    private MptWriter() { }

    public static final String[] COLUMNS = {"mode", "ox/red", "error", "control changes", "Ns changes",
        "counter inc.", "Ns", "time/s", "control/mA", "Ewe/V", "I/mA", "dq/mA.h", "(Q-Qo)/mA.h", "cycle number"};

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * The .mpt text. Rows every {@code config.ecInterval()} s from the acquisition start (t = −restBefore) to
     * {@link SwaxsConfig#ecEnd()}, plus a row exactly at each step change. Ewe carries seeded Gaussian noise of
     * 0.3 mV and I of 0.05 µA (the noiseless truth is in truth.json).
     */
    public static String render(SwaxsConfig config, SodiationModel model, String fileName) {
        List<Double> times = new ArrayList<>();
        double t0 = -config.restBefore();
        double end = config.ecEnd();
        for (long k = 0; ; k++) {
            double t = t0 + k * config.ecInterval();
            if (t > end + 1e-9) {
                break;
            }
            times.add(t);
        }
        // exact rows at the step changes (EC-Lab records a point when the control changes)
        addSorted(times, 0.0);
        addSorted(times, config.currentOff());

        Rng rng = Rng.forKeys(config.seed(), 0x6d7074L);
        StringBuilder data = new StringBuilder();
        double prevQ = 0;
        int prevNs = -1;
        for (double t : times) {
            int ns = t < 0 ? 0 : (t < config.currentOff() ? 1 : 2);
            boolean cc = ns == 1;
            double control = cc ? -config.currentMa() : 0;
            double i = model.current(t) + (cc ? 5e-5 * rng.nextGaussian() : 0);
            double ewe = model.voltage(t) + 3e-4 * rng.nextGaussian();
            double q = model.charge(t) + 0.0; // no negative zero
            double dq = q - prevQ + 0.0;
            prevQ = q;
            boolean nsChange = prevNs >= 0 && ns != prevNs;
            prevNs = ns;
            data.append(cc ? 1 : 3).append('\t')
                    .append(cc ? 0 : 1).append('\t')
                    .append(0).append('\t')
                    .append(nsChange ? 1 : 0).append('\t')
                    .append(nsChange ? 1 : 0).append('\t')
                    .append(0).append('\t')
                    .append(ns).append('\t')
                    .append(fmt("%.4f", t - t0)).append('\t')
                    .append(fmt("%.6f", control)).append('\t')
                    .append(fmt("%.7f", ewe)).append('\t')
                    .append(fmt("%.7e", i)).append('\t')
                    .append(fmt("%.7e", dq)).append('\t')
                    .append(fmt("%.7e", q)).append('\t')
                    .append(fmt("%.15E", 0.0)).append('\n');
        }

        List<String> h = new ArrayList<>();
        h.add("EC-Lab ASCII FILE");
        h.add("Nb header lines : @@");
        h.add("");
        h.add("Galvanostatic Cycling with Potential Limitation");
        h.add("");
        h.add("Run on channel : 1 (SN 0001)");
        h.add("User : operando simulate swaxs");
        h.add("CE vs. WE compliance from -10 V to 10 V");
        h.add("Electrode connection : standard");
        h.add("Potential control : Ewe");
        h.add("Ewe ctrl range : min = -2.50 V, max = 5.00 V");
        h.add("Safety Limits :");
        h.add("\tDo not start on E overload");
        h.add("Acquisition started on : " + STARTED.format(config.instant(-config.restBefore())));
        h.add("Loaded Setting File : NONE");
        h.add("Saved on :");
        h.add("\tFile : " + fileName.replace(".mpt", ".mpr"));
        h.add("\tDirectory : .\\");
        h.add("\tHost : 127.0.0.1");
        h.add("Device : SP-300 (SN 0001) (simulated)");
        h.add("Address : USB");
        h.add("EC-Lab for windows v11.43 (software)");
        h.add("Internet server v11.40 (firmware)");
        h.add("Command interpretor v11.43 (firmware)");
        h.add("Electrode material : hard carbon (85 wt% HC, 10 wt% PVDF, 5 wt% carbon black)");
        h.add("Initial state : pristine");
        h.add("Electrolyte : 1 M NaPF6 in EC:PC 1:1 (wt)");
        h.add("Comments : operando scanning SWAXS digital twin, seed " + config.seed()
                + "; clock = UTC; sodiation current " + fmt("%.4f", config.currentMa()) + " mA");
        h.add("Mass of active material : " + fmt("%.3f", SodiationModel.hardCarbonMassMg(config.cell())) + " mg");
        h.add(" at x = 0.000");
        h.add("Molecular weight of active material (at x = 0) : 12.011 g/mol");
        h.add("Atomic weight of intercalated ion : 22.990 g/mol");
        h.add("Acquisition started at : xo = 0.000");
        h.add("Number of e- transfered per intercalated ion : 1");
        h.add("for DX = 1, DQ = " + fmt("%.3f", model.capacityMah()) + " mA.h");
        h.add("Battery capacity : " + fmt("%.4f", model.capacityMah()) + " mA.h");
        h.add("Electrode surface area : 0.017 cm²");
        h.add("Characteristic mass : " + fmt("%.3f", SodiationModel.hardCarbonMassMg(config.cell())) + " mg");
        h.add("Cycle Definition : Charge/Discharge alternance");
        h.add("Do not turn to OCV between techniques");
        h.add("");
        String cur = fmt("%.3f", config.currentMa() * 1e3);
        h.add(row("Ns", "0", "1", "2"));
        h.add(row("Set I/C", "I", "I", "I"));
        h.add(row("Is", "0.000", "-" + cur, "0.000"));
        h.add(row("unit Is", "mA", "µA", "mA"));
        h.add(row("vs.", "<None>", "<None>", "<None>"));
        h.add(row("N", "1.00", "1.00", "1.00"));
        h.add(row("I sign", "> 0", "< 0", "> 0"));
        h.add(row("t1 (h:m:s)", hms(config.restBefore()), hms(config.currentOff()), hms(end - config.currentOff())));
        h.add(row("I range", "100 µA", "100 µA", "100 µA"));
        h.add(row("Bandwidth", "5", "5", "5"));
        h.add(row("dE1 (mV)", "0.00", "0.00", "0.00"));
        h.add(row("dt1 (s)", fmt("%.4f", config.ecInterval()), fmt("%.4f", config.ecInterval()),
                fmt("%.4f", config.ecInterval())));
        h.add(row("EM (V)", "pass", "-1.000", "pass"));
        h.add(row("E range min (V)", "-2.500", "-2.500", "-2.500"));
        h.add(row("E range max (V)", "5.000", "5.000", "5.000"));
        h.add(row("goto Ns'", "0", "0", "0"));
        h.add(row("nc cycles", "0", "0", "0"));
        h.add(String.join("\t", COLUMNS) + "\t");
        String header = String.join("\n", h).replace("@@", Integer.toString(h.size())) + "\n";
        return header + data;
    }

    private static void addSorted(List<Double> times, double t) {
        for (int i = 0; i < times.size(); i++) {
            double v = times.get(i);
            if (Math.abs(v - t) < 1e-9) {
                return;
            }
            if (v > t) {
                times.add(i, t);
                return;
            }
        }
    }

    private static String row(String key, String... values) {
        StringBuilder sb = new StringBuilder(pad(key));
        for (String v : values) {
            sb.append(pad(v));
        }
        return sb.toString().stripTrailing();
    }

    private static String pad(String s) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < 20) {
            sb.append(' ');
        }
        return sb.toString();
    }

    private static String hms(double seconds) {
        long ms = Math.round(seconds * 1e4);
        long h = ms / 36_000_000L;
        long m = (ms / 600_000L) % 60;
        double s = (ms % 600_000L) / 1e4;
        return h + ":" + String.format(Locale.ROOT, "%02d", m) + ":" + fmt("%.4f", s);
    }

    static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }

    /** Absolute start of the record (for tests and truth.json). */
    public static Instant acquisitionStart(SwaxsConfig config) {
        return config.instant(-config.restBefore());
    }
}
