package org.operando.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.operando.echem.ActiveMass;
import org.operando.echem.CycleMetrics;
import org.operando.echem.DqDv;
import org.operando.echem.EchemRecord;
import org.operando.echem.EchemSync;
import org.operando.echem.Onset;
import org.operando.echem.ProfileSegmentation;
import org.operando.io.AtomicOutput;
import org.operando.io.echem.ColumnMapping;
import org.operando.io.echem.EchemReaders;
import org.operando.util.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operando echem}: potentiostat/cycler files — summary, plot, export, sync. */
@Command(name = "echem", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Electrochemistry: read BioLogic .mpr/.mpt, Neware CSV, Maccor text or delimited text logs;"
                + " cycle metrics, plots, a uniform CSV export, and placing scans on the voltage curve.",
        subcommands = {EchemCommand.Summary.class, EchemCommand.Plot.class, EchemCommand.Export.class,
            EchemCommand.Sync.class, EchemCommand.OnsetCmd.class})
public final class EchemCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Input file and how to read it; shared by every subcommand. */
    static final class Input {
        @Parameters(index = "0", paramLabel = "FILE", description = "Potentiostat file: .mpr, .mpt, Neware .csv,"
                + " Maccor .txt, or CSV/TSV/text with a header naming the columns.")
        Path file;

        @Option(names = "--format", paramLabel = "FMT", description = "File format: auto, mpr, mpt, neware, maccor"
                + " or text (default: auto, from the file's first bytes).")
        String format = "auto";

        @Option(names = "--column", paramLabel = "QUANTITY=COLUMN[:UNIT]", description = "For delimited text: which"
                + " column is time, voltage, current, charge, cycle, halfcycle or step, by header text or #N"
                + " (1-based), with an optional unit (s/min/h, V/mV, A/mA/uA, Ah/mAh/C). Repeatable, e.g."
                + " --column 'time=t [h]:h' --column current=#3:A.")
        Map<String, String> columns = new LinkedHashMap<>();

        @Option(names = "--quiet", description = "Do not print the reader's warnings on stderr.")
        boolean quiet;

        EchemRecord read(PrintWriter err) throws IOException {
            EchemReaders.Format f;
            try {
                f = EchemReaders.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--format " + format + ": expected auto, mpr, mpt, neware, maccor or text");
            }
            EchemRecord r = EchemReaders.read(file, f, ColumnMapping.of(columns));
            if (!quiet) {
                for (String w : r.warnings()) {
                    err.println("operando: warning: " + w);
                }
                err.flush();
            }
            return r;
        }
    }

    static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    // ------------------------------------------------------------------------------------------ summary
    @Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Table of cycles (charge and discharge capacity, coulombic efficiency) and half-cycles"
                    + " (capacity, mean current, C-rate, voltages). Capacities in mAh, and in mAh/g with --mass.")
    static final class Summary implements Callable<Integer> {
        @Mixin
        Input in;

        @Option(names = "--mass", paramLabel = "MG", description = "Active material mass in mg (gives mAh/g).")
        Double massMg;

        @Option(names = "--theoretical", paramLabel = "MAH_G", description = "Theoretical specific capacity in mAh/g"
                + " (with --mass gives the C-rate of every half-cycle).")
        Double theoretical;

        @Option(names = "--electrode-volume", paramLabel = "MM3", description = "Instead of --mass: estimate the"
                + " active mass from the electrode volume in mm³, --porosity and the --component list.")
        Double electrodeVolume;

        @Option(names = "--porosity", paramLabel = "P", description = "Electrode porosity (0 ≤ P < 1) for"
                + " --electrode-volume (default: ${DEFAULT-VALUE}).")
        double porosity = 0;

        @Option(names = "--component", paramLabel = "NAME=WFRAC:DENSITY[:active]", description = "Electrode"
                + " component for --electrode-volume: mass fraction, density in g/cm³, ':active' for the active"
                + " material. Repeatable, e.g. --component Si=0.8:2.33:active --component PVDF=0.2:1.78.")
        Map<String, String> components = new LinkedHashMap<>();

        @Option(names = "--segments", description = "Also split every half-cycle into sloping and plateau regions"
                + " (|dV/du| below 0.5 V per full capacity is plateau, over ±2 %% of capacity).")
        boolean segments;

        @Option(names = "--peaks", description = "Also list dQ/dV peak positions of every half-cycle (5 mV bins,"
                + " σ = 10 mV, prominence ≥ 5 %%).")
        boolean peaks;

        @Option(names = "--json", description = "Write JSON instead of the text table.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ActiveMass.Estimate estimate = null;
            if (electrodeVolume != null) {
                InvalidInputException.require(massMg == null, "give either --mass or --electrode-volume, not both");
                estimate = ActiveMass.estimate(electrodeVolume, porosity, parseComponents(components));
                massMg = estimate.activeMassMg();
            } else {
                InvalidInputException.require(components.isEmpty(), "--component needs --electrode-volume");
            }
            if (theoretical != null && massMg == null) {
                throw new InvalidInputException("--theoretical needs --mass (the C-rate is |I| / (capacity × mass))");
            }
            if (massMg != null) {
                CycleMetrics.specificCapacity(1, massMg); // validates
            }
            if (theoretical != null) {
                CycleMetrics.cRate(1, theoretical, massMg);
            }
            EchemRecord r = in.read(err);
            List<CycleMetrics.HalfCycle> hs = CycleMetrics.halfCycles(r);
            List<CycleMetrics.Cycle> cs = CycleMetrics.cycles(r);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", r.source());
            doc.put("points", r.size());
            doc.put("start", r.start().map(LocalDateTime::toString).orElse(null));
            doc.put("duration_s", r.time()[r.size() - 1]);
            doc.put("charge_source", r.chargeFromFile() ? "file" : "integrated current");
            doc.put("active_mass_mg", massMg);
            if (estimate != null) {
                doc.put("active_mass_estimate", Map.of("electrode_volume_mm3", electrodeVolume, "porosity", porosity,
                        "composite_density_g_cm3", estimate.compositeDensityGPerCm3(),
                        "electrode_mass_mg", estimate.electrodeMassMg()));
            }
            doc.put("theoretical_mAh_g", theoretical);
            List<Map<String, Object>> cycles = new ArrayList<>();
            for (CycleMetrics.Cycle c : cs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cycle", c.cycle() + 1);
                m.put("charge_mAh", c.chargeMAh());
                m.put("discharge_mAh", c.dischargeMAh());
                if (massMg != null) {
                    m.put("charge_mAh_g", CycleMetrics.specificCapacity(c.chargeMAh(), massMg));
                    m.put("discharge_mAh_g", CycleMetrics.specificCapacity(c.dischargeMAh(), massMg));
                }
                m.put("coulombic_efficiency", Double.isNaN(c.coulombicEfficiency()) ? null : c.coulombicEfficiency());
                cycles.add(m);
            }
            List<Map<String, Object>> halves = new ArrayList<>();
            for (CycleMetrics.HalfCycle h : hs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("half_cycle", h.index() + 1);
                m.put("cycle", h.cycle() + 1);
                m.put("direction", h.direction());
                m.put("start_s", h.startS());
                m.put("end_s", h.endS());
                m.put("capacity_mAh", h.capacityMAh());
                if (massMg != null) {
                    m.put("capacity_mAh_g", CycleMetrics.specificCapacity(h.capacityMAh(), massMg));
                }
                m.put("mean_current_mA", Double.isNaN(h.meanCurrentMA()) ? null : h.meanCurrentMA());
                if (theoretical != null && !Double.isNaN(h.meanCurrentMA())) {
                    m.put("c_rate_per_h", CycleMetrics.cRate(h.meanCurrentMA(), theoretical, massMg));
                }
                m.put("start_V", h.startV());
                m.put("end_V", h.endV());
                int a = h.firstPoint() > 0 ? h.firstPoint() - 1 : 0;
                double[] hv = java.util.Arrays.copyOfRange(r.voltage(), a, h.lastPoint() + 1);
                double[] hq = java.util.Arrays.copyOfRange(r.charge(), a, h.lastPoint() + 1);
                if (segments && h.sign() != 0) {
                    List<Map<String, Object>> segs = new ArrayList<>();
                    try {
                        for (ProfileSegmentation.Segment sg : ProfileSegmentation.segment(hv, hq)) {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("kind", sg.kind().name().toLowerCase(Locale.ROOT));
                            x.put("capacity_mAh", sg.capacityMAh());
                            x.put("from_fraction", sg.startFraction());
                            x.put("to_fraction", sg.endFraction());
                            x.put("from_V", sg.startV());
                            x.put("to_V", sg.endV());
                            segs.add(x);
                        }
                    } catch (InvalidInputException e) {
                        // no voltage change: no segments
                    }
                    m.put("segments", segs);
                }
                if (peaks && h.sign() != 0) {
                    List<Double> pv = new ArrayList<>();
                    try {
                        for (DqDv.Peak pk : DqDv.compute(hv, hq, 0.005, 0.01, 0.05).peaks()) {
                            pv.add(pk.voltageV());
                        }
                    } catch (InvalidInputException e) {
                        // no voltage change: no peaks
                    }
                    m.put("dqdv_peaks_V", pv);
                }
                halves.add(m);
            }
            doc.put("cycles", cycles);
            doc.put("half_cycles", halves);
            doc.put("warnings", r.warnings());
            if (json) {
                ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(om.writeValueAsString(doc));
                out.flush();
                return 0;
            }
            out.println("# " + r.source() + ": " + r.size() + " points, " + f("%.4f", r.time()[r.size() - 1] / 3600)
                    + " h" + r.start().map(s -> ", started " + s).orElse("") + "; charge from "
                    + doc.get("charge_source"));
            boolean sp = massMg != null;
            out.println("cycle\tcharge_mAh\tdischarge_mAh" + (sp ? "\tcharge_mAh_g\tdischarge_mAh_g" : "") + "\tCE");
            for (Map<String, Object> m : cycles) {
                out.println(m.get("cycle") + "\t" + f("%.6f", m.get("charge_mAh")) + "\t" + f("%.6f", m.get("discharge_mAh"))
                        + (sp ? "\t" + f("%.2f", m.get("charge_mAh_g")) + "\t" + f("%.2f", m.get("discharge_mAh_g")) : "")
                        + "\t" + (m.get("coulombic_efficiency") == null ? "-" : f("%.4f", m.get("coulombic_efficiency"))));
            }
            out.println();
            boolean cr = theoretical != null;
            out.println("half_cycle\tcycle\tdirection\tstart_s\tend_s\tcapacity_mAh" + (sp ? "\tcapacity_mAh_g" : "")
                    + "\tmean_current_mA" + (cr ? "\tC_rate_1/h" : "") + "\tstart_V\tend_V");
            for (Map<String, Object> m : halves) {
                Object mc = m.get("mean_current_mA");
                out.println(m.get("half_cycle") + "\t" + m.get("cycle") + "\t" + m.get("direction") + "\t"
                        + f("%.1f", m.get("start_s")) + "\t" + f("%.1f", m.get("end_s")) + "\t"
                        + f("%.6f", m.get("capacity_mAh")) + (sp ? "\t" + f("%.2f", m.get("capacity_mAh_g")) : "") + "\t"
                        + (mc == null ? "-" : f("%.6f", mc))
                        + (cr ? "\t" + (m.get("c_rate_per_h") == null ? "-" : f("%.4f", m.get("c_rate_per_h"))) : "")
                        + "\t" + f("%.4f", m.get("start_V")) + "\t" + f("%.4f", m.get("end_V")));
            }
            if (segments || peaks) {
                out.println();
                out.println("half_cycle\t" + (segments ? "segments (kind capacity_mAh from_V→to_V)" : "")
                        + (segments && peaks ? "\t" : "") + (peaks ? "dQ/dV peaks (V)" : ""));
                for (Map<String, Object> m : halves) {
                    StringBuilder sb = new StringBuilder().append(m.get("half_cycle"));
                    if (segments) {
                        sb.append('\t');
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> segs = (List<Map<String, Object>>) m.getOrDefault("segments", List.of());
                        for (Map<String, Object> x : segs) {
                            sb.append(x.get("kind")).append(' ').append(f("%.4f", x.get("capacity_mAh"))).append(' ')
                                    .append(f("%.3f", x.get("from_V"))).append("→").append(f("%.3f", x.get("to_V")))
                                    .append("; ");
                        }
                        if (!segs.isEmpty()) {
                            sb.setLength(sb.length() - 2);
                        }
                    }
                    if (peaks) {
                        sb.append('\t');
                        @SuppressWarnings("unchecked")
                        List<Double> pv = (List<Double>) m.getOrDefault("dqdv_peaks_V", List.of());
                        for (Double v : pv) {
                            sb.append(f("%.3f", v)).append(' ');
                        }
                    }
                    out.println(sb.toString().strip());
                }
            }
            if (estimate != null) {
                out.println();
                out.println("# active mass estimated from " + electrodeVolume + " mm³, porosity " + porosity
                        + ", composite density " + f("%.4f", estimate.compositeDensityGPerCm3()) + " g/cm³: "
                        + f("%.5f", massMg) + " mg");
            }
            out.flush();
            return 0;
        }

        static List<ActiveMass.Component> parseComponents(Map<String, String> m) {
            InvalidInputException.require(!m.isEmpty(), "--electrode-volume needs at least one --component"
                    + " NAME=WFRAC:DENSITY[:active]");
            List<ActiveMass.Component> out = new ArrayList<>();
            for (Map.Entry<String, String> e : m.entrySet()) {
                String[] p = e.getValue().split(":");
                InvalidInputException.require(p.length == 2 || (p.length == 3 && p[2].equalsIgnoreCase("active")),
                        "--component " + e.getKey() + "=" + e.getValue() + ": expected NAME=WFRAC:DENSITY[:active]");
                out.add(new ActiveMass.Component(e.getKey(), ScanTable.number(p[0], "--component " + e.getKey()
                        + " mass fraction"), ScanTable.number(p[1], "--component " + e.getKey() + " density"),
                        p.length == 3));
            }
            return out;
        }
    }

    // ---------------------------------------------------------------------------------------------- plot
    @Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
            description = "PNG figure: voltage vs time, voltage vs capacity per half-cycle, and dQ/dV per half-cycle.")
    static final class Plot implements Callable<Integer> {
        @Mixin
        Input in;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "PNG", description = "Output PNG file.")
        Path output;

        @Option(names = "--mass", paramLabel = "MG", description = "Active material mass in mg: capacity axis in mAh/g.")
        Double massMg;

        @Option(names = "--bin", paramLabel = "V", description = "dQ/dV voltage bin width in V (default: ${DEFAULT-VALUE}).")
        double binV = 0.005;

        @Option(names = "--smooth", paramLabel = "V", description = "dQ/dV Gaussian smoothing σ in V (default: ${DEFAULT-VALUE}).")
        double smoothV = 0.01;

        @Option(names = "--max-half-cycles", paramLabel = "N", description = "Plot at most the first N half-cycles in"
                + " the capacity and dQ/dV panels (default: ${DEFAULT-VALUE}).")
        int maxHalfCycles = 12;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new InvalidInputException("-o " + output + ": expected a .png file name");
            }
            if (massMg != null) {
                CycleMetrics.specificCapacity(1, massMg);
            }
            InvalidInputException.require(maxHalfCycles > 0, "--max-half-cycles must be > 0, got " + maxHalfCycles);
            EchemRecord r = in.read(spec.commandLine().getErr());
            EchemPlot.write(r, output, massMg, binV, smoothV, maxHalfCycles);
            spec.commandLine().getErr().println("operando: wrote " + output);
            return 0;
        }
    }

    // -------------------------------------------------------------------------------------------- export
    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Uniform CSV: time_s,voltage_V,current_mA,charge_mAh,cycle (cycle counted from 1; charge"
                    + " Q−Q₀ with positive = oxidation; current NaN when the file has none).")
    static final class Export implements Callable<Integer> {
        @Mixin
        Input in;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "CSV", description = "Output CSV file.")
        Path output;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            EchemRecord r = in.read(spec.commandLine().getErr());
            AtomicOutput.writeStream(output, os -> {
                StringBuilder sb = new StringBuilder(1 << 16);
                sb.append("time_s,voltage_V,current_mA,charge_mAh,cycle\n");
                double[] t = r.time();
                double[] v = r.voltage();
                double[] c = r.current();
                double[] q = r.charge();
                int[] cy = r.cycle();
                for (int k = 0; k < r.size(); k++) {
                    sb.append(num(t[k])).append(',').append(num(v[k])).append(',').append(num(c[k])).append(',')
                            .append(num(q[k])).append(',').append(cy[k] + 1).append('\n');
                    if (sb.length() > (1 << 16) - 256) {
                        os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                        sb.setLength(0);
                    }
                }
                os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            });
            spec.commandLine().getErr().println("operando: wrote " + r.size() + " rows to " + output);
            return 0;
        }

        static String num(double x) {
            if (Double.isNaN(x)) {
                return "NaN";
            }
            return Double.toString(x);
        }
    }

    // ---------------------------------------------------------------------------------------------- sync
    @Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Place scans or tomograms on the electrochemistry: for each acquisition window its"
                + " time-averaged time, voltage, current and charge, state of charge, cycle and half-cycle, and"
                + " whether it was taken during a rest step.",
                "SCANS is a CSV with a header: 'scan,start,end' where start/end are ISO-8601 date-times"
                    + " (2026-03-15T10:05:00Z; without a zone they are read in --zone) or seconds since the first"
                    + " potentiostat point; or just 'scan' (indices 0, 1, ...) together with --schedule."})
    static final class Sync implements Callable<Integer> {
        @Mixin
        Input in;

        @Option(names = "--scans", paramLabel = "SCANS", description = "CSV of scan windows (see above).")
        Path scans;

        @Option(names = "--schedule", paramLabel = "FIRST,PERIOD,DURATION", description = "Scan k starts"
                + " at FIRST + k·PERIOD and lasts DURATION (s; FIRST may be an ISO-8601 date-time). With --scans listing"
                + " scan indices, or with --count.")
        String schedule;

        @Option(names = "--count", paramLabel = "N", description = "Number of scans for --schedule without --scans.")
        Integer count;

        @Option(names = "--offset", paramLabel = "S", description = "Seconds added to scan times to put them on the"
                + " potentiostat clock (t_echem = t_scan + offset; default ${DEFAULT-VALUE}).")
        double offsetS = 0;

        @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the potentiostat's wall clock and of"
                + " scan times written without a zone (default: ${DEFAULT-VALUE}).")
        String zone = "UTC";

        @Option(names = "--capacity", paramLabel = "MAH", description = "Reference capacity for SoC (default: the"
                + " record's charge span).")
        Double capacity;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "CSV", description = "Output CSV file.")
        Path output;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ZoneId z;
            try {
                z = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidInputException("--zone " + zone + ": not a time zone (expected e.g. UTC, Europe/Berlin, +02:00)");
            }
            InvalidInputException.require(scans != null || schedule != null, "sync needs --scans SCANS or --schedule"
                    + " FIRST,PERIOD,DURATION with --count N");
            if (capacity != null) {
                InvalidInputException.require(capacity > 0, "--capacity must be > 0 mAh, got " + capacity);
            }
            EchemRecord r = in.read(spec.commandLine().getErr());
            Instant recordStart = r.start().map(s -> s.atZone(z).toInstant()).orElse(null);
            List<EchemSync.ScanWindow> windows = ScanTable.windows(scans, schedule, count, z, recordStart, r.source());
            List<EchemSync.ScanState> states = EchemSync.place(r, windows, offsetS,
                    capacity == null ? Double.NaN : capacity);
            StringBuilder sb = new StringBuilder();
            sb.append("scan,start_s,end_s,mean_time_s,voltage_V,current_mA,charge_mAh,soc,cycle,half_cycle,rest,"
                    + "rest_fraction,covered\n");
            int uncovered = 0;
            for (EchemSync.ScanState s : states) {
                if (!s.covered()) {
                    uncovered++;
                }
                sb.append(s.id()).append(',').append(Export.num(s.startS())).append(',').append(Export.num(s.endS()))
                        .append(',').append(Export.num(s.meanTimeS())).append(',').append(Export.num(s.voltageV()))
                        .append(',').append(Export.num(s.currentMA())).append(',').append(Export.num(s.chargeMAh()))
                        .append(',').append(Export.num(s.soc())).append(',')
                        .append(s.cycle() < 0 ? "" : Integer.toString(s.cycle() + 1)).append(',')
                        .append(s.halfCycle() < 0 ? "" : Integer.toString(s.halfCycle() + 1)).append(',')
                        .append(s.rest()).append(',').append(Export.num(s.restFraction())).append(',')
                        .append(s.covered()).append('\n');
            }
            AtomicOutput.writeString(output, sb.toString());
            PrintWriter err = spec.commandLine().getErr();
            if (uncovered > 0) {
                err.println("operando: warning: " + uncovered + " of " + states.size() + " scans are not fully inside"
                        + " the potentiostat record (covered=false); check --offset and --zone");
            }
            err.println("operando: wrote " + states.size() + " scans to " + output);
            return 0;
        }
    }

    // --------------------------------------------------------------------------------------------- onset
    @Command(name = "onset", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Where a per-scan signal starts to change, against the potential or the time of the"
                + " scans: a continuous two-segment (broken-stick) least-squares fit whose kink x0 is the onset,"
                + " with its 68 %% profile-likelihood interval and an F-test p-value against a single straight line.",
                "The scans are placed as by 'echem sync' (--scans or --schedule); SIGNAL is a CSV 'scan,value' whose"
                    + " scan names match those of --scans (or the indices of --schedule)."})
    static final class OnsetCmd implements Callable<Integer> {
        @Mixin
        Input in;

        @Option(names = "--signal", required = true, paramLabel = "SIGNAL", description = "CSV 'scan,value'.")
        Path signal;

        @Option(names = "--against", paramLabel = "AXIS", description = "voltage or time (default: ${DEFAULT-VALUE}).")
        String against = "voltage";

        @Option(names = "--scans", paramLabel = "SCANS", description = "CSV of scan windows, as for sync.")
        Path scans;

        @Option(names = "--schedule", paramLabel = "FIRST,PERIOD,DURATION", description = "Scan schedule, as for sync.")
        String schedule;

        @Option(names = "--count", paramLabel = "N", description = "Number of scans for --schedule without --scans.")
        Integer count;

        @Option(names = "--offset", paramLabel = "S", description = "Seconds added to scan times (default ${DEFAULT-VALUE}).")
        double offsetS = 0;

        @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of wall-clock times (default: ${DEFAULT-VALUE}).")
        String zone = "UTC";

        @Option(names = "--json", description = "Write JSON.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String axis = against.trim().toLowerCase(Locale.ROOT);
            InvalidInputException.require(axis.equals("voltage") || axis.equals("time"),
                    "--against " + against + ": expected voltage or time");
            InvalidInputException.require(scans != null || schedule != null, "onset needs --scans SCANS or --schedule"
                    + " FIRST,PERIOD,DURATION");
            ZoneId z;
            try {
                z = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidInputException("--zone " + zone + ": not a time zone (expected e.g. UTC, Europe/Berlin)");
            }
            if (!java.nio.file.Files.isRegularFile(signal)) {
                throw new InvalidInputException("--signal " + signal + ": no such file (expected a CSV 'scan,value')");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            List<String> lines = java.nio.file.Files.readAllLines(signal, StandardCharsets.UTF_8);
            boolean header = true;
            for (int li = 0; li < lines.size(); li++) {
                String line = lines.get(li).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                if (header) {
                    header = false;
                    InvalidInputException.require(f.length >= 2, signal + ": line " + (li + 1)
                            + ": expected a header 'scan,value'");
                    continue;
                }
                InvalidInputException.require(f.length >= 2, signal + ": line " + (li + 1) + ": expected 'scan,value'");
                values.put(f[0].trim(), ScanTable.number(f[1], signal + ": line " + (li + 1) + ", column 'value'"));
            }
            InvalidInputException.require(!values.isEmpty(), signal + ": no 'scan,value' rows");
            EchemRecord r = in.read(spec.commandLine().getErr());
            Instant recordStart = r.start().map(s -> s.atZone(z).toInstant()).orElse(null);
            List<EchemSync.ScanWindow> windows = ScanTable.windows(scans, schedule, count, z, recordStart, r.source());
            List<EchemSync.ScanState> states = EchemSync.place(r, windows, offsetS);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<String> unmatched = new ArrayList<>();
            for (EchemSync.ScanState s : states) {
                Double v = values.get(s.id());
                if (v == null) {
                    unmatched.add(s.id());
                    continue;
                }
                double x = axis.equals("voltage") ? s.voltageV() : s.meanTimeS();
                if (Double.isFinite(x) && Double.isFinite(v)) {
                    xs.add(x);
                    ys.add(v);
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            if (!unmatched.isEmpty()) {
                err.println("operando: warning: " + unmatched.size() + " scans have no value in " + signal + " (first: "
                        + unmatched.get(0) + ")");
            }
            InvalidInputException.require(xs.size() >= 7, signal + ": only " + xs.size() + " scans with a value inside"
                    + " the potentiostat record; at least 7 expected for an onset fit");
            Onset.ChangePoint c = Onset.find(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
            String unit = axis.equals("voltage") ? "V" : "s";
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("against", axis);
                m.put("unit", unit);
                m.put("onset", c.x0());
                m.put("sigma", c.sigma());
                m.put("lower", c.lower());
                m.put("upper", c.upper());
                m.put("level_at_onset", c.level());
                m.put("slope_below", c.slopeBelow());
                m.put("slope_above", c.slopeAbove());
                m.put("residual_sd", c.residualSd());
                m.put("f_statistic", c.fStatistic());
                m.put("p_value", c.pValue());
                m.put("points", c.n());
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } else {
                out.println(f("onset %s = %.6g ± %.2g %s (68 %% interval %.6g … %.6g %s); slopes %.4g below, %.4g above"
                        + " per %s; p(no change) = %.2g; %d scans", axis, c.x0(), c.sigma(), unit, c.lower(), c.upper(),
                        unit, c.slopeBelow(), c.slopeAbove(), unit, c.pValue(), c.n()));
            }
            out.flush();
            return 0;
        }
    }

    /** Reading scan windows from a CSV or a schedule. */
    static final class ScanTable {
        private ScanTable() { }

        static List<EchemSync.ScanWindow> windows(Path scans, String schedule, Integer count, ZoneId zone,
                                                  Instant recordStart, String echemFile) throws IOException {
            double[] sched = null;
            if (schedule != null) {
                String[] p = schedule.split(",");
                if (p.length != 3) {
                    throw new InvalidInputException("--schedule " + schedule + ": expected FIRST,PERIOD,DURATION");
                }
                sched = new double[] {time(p[0], zone, recordStart, "--schedule", echemFile), number(p[1], "--schedule PERIOD"),
                    number(p[2], "--schedule DURATION")};
            }
            if (scans == null) {
                InvalidInputException.require(count != null && count > 0, "--schedule without --scans needs --count N (> 0)");
                return EchemSync.schedule(count, sched[0], sched[1], sched[2]);
            }
            if (!java.nio.file.Files.isRegularFile(scans)) {
                throw new InvalidInputException("--scans " + scans + ": no such file (expected a CSV 'scan,start,end')");
            }
            List<String> lines = java.nio.file.Files.readAllLines(scans, StandardCharsets.UTF_8);
            int h = 0;
            while (h < lines.size() && (lines.get(h).isBlank() || lines.get(h).startsWith("#"))) {
                h++;
            }
            InvalidInputException.require(h < lines.size(), scans + ": empty (expected a header 'scan,start,end')");
            String[] header = lines.get(h).split(",");
            int idCol = -1;
            int startCol = -1;
            int endCol = -1;
            for (int k = 0; k < header.length; k++) {
                String n = header[k].trim().toLowerCase(Locale.ROOT);
                if (n.equals("scan") || n.equals("id") || n.equals("index") || n.equals("name")) {
                    idCol = k;
                } else if (n.startsWith("start")) {
                    startCol = k;
                } else if (n.startsWith("end") || n.startsWith("stop")) {
                    endCol = k;
                }
            }
            InvalidInputException.require(idCol >= 0, scans + ": line " + (h + 1) + ": no 'scan' column in the header");
            boolean windowsGiven = startCol >= 0 && endCol >= 0;
            InvalidInputException.require(windowsGiven || sched != null, scans + ": line " + (h + 1)
                    + ": no 'start' and 'end' columns; give them or use --schedule FIRST,PERIOD,DURATION");
            List<EchemSync.ScanWindow> out = new ArrayList<>();
            for (int li = h + 1; li < lines.size(); li++) {
                String line = lines.get(li);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String where = scans + ": line " + (li + 1);
                InvalidInputException.require(f.length > Math.max(idCol, Math.max(startCol, endCol)), where
                        + ": " + f.length + " fields, expected " + header.length);
                String id = f[idCol].trim();
                if (windowsGiven) {
                    double a = time(f[startCol], zone, recordStart, where + ", column 'start'", echemFile);
                    double b = time(f[endCol], zone, recordStart, where + ", column 'end'", echemFile);
                    InvalidInputException.require(b >= a, where + ": end before start");
                    out.add(new EchemSync.ScanWindow(id, a, b));
                } else {
                    double k = number(id, where + ", column 'scan' (an index for --schedule)");
                    double s = sched[0] + k * sched[1];
                    out.add(new EchemSync.ScanWindow(id, s, s + sched[2]));
                }
            }
            InvalidInputException.require(!out.isEmpty(), scans + ": no scan rows after the header");
            return out;
        }

        static double number(String s, String where) {
            try {
                double d = Double.parseDouble(s.trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidInputException(where + ": '" + s.trim() + "' is not a number");
        }

        /** Seconds since the record start from a number (s) or an ISO-8601 date-time. */
        static double time(String s, ZoneId zone, Instant recordStart, String where, String echemFile) {
            String t = s.trim();
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                // a date-time then
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e1) {
                try {
                    at = ZonedDateTime.parse(t).toInstant();
                } catch (DateTimeParseException e2) {
                    try {
                        at = LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
                    } catch (DateTimeParseException e3) {
                        throw new InvalidInputException(where + ": '" + t + "' is neither seconds nor an ISO-8601"
                                + " date-time (e.g. 2026-03-15T10:05:00Z)");
                    }
                }
            }
            if (recordStart == null) {
                throw new InvalidInputException(where + ": absolute time '" + t + "' given, but " + echemFile
                        + " has no start time; give scan times in seconds since the first potentiostat point");
            }
            java.time.Duration d = java.time.Duration.between(recordStart, at);
            return d.getSeconds() + d.getNano() * 1e-9;
        }
    }
}
