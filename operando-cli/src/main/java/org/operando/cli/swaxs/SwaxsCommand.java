package org.operando.cli.swaxs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.operando.cli.CliProgress;
import org.operando.cli.report.HtmlReport;
import org.operando.echem.EchemRecord;
import org.operando.echem.EchemSync;
import org.operando.integrate.Split;
import org.operando.io.AtomicOutput;
import org.operando.io.echem.EchemReaders;
import org.operando.swaxs.QRange;
import org.operando.swaxs.SwaxsAnalysis;
import org.operando.swaxs.SwaxsOptions;
import org.operando.swaxs.SwaxsResult;
import org.operando.swaxs.SwaxsScan;
import org.operando.util.InvalidInputException;
import org.operando.util.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code operando swaxs}: operando scanning SWAXS imaging analysis, from raw scans to sodiation maps.
 */
@Command(name = "swaxs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Operando scanning SWAXS imaging analysis: integrate every SAXS/WAXS frame, correct for "
                + "transmission, subtract the electrolyte background, mask the current collector and the electrode, "
                + "map q regions, ΔI/I against the pristine scan, fit the WAXS model (002, metallic and "
                + "pseudo-metallic Na) and the low-q power law, find plating, and place every scan on the voltage "
                + "curve.",
                "INPUT is a folder written by 'operando simulate swaxs' (NeXus scan masters in raw/) or holding an "
                        + "experiment.json, or the path of such a JSON file (see README).",
                "Writes OUT/results.h5 (NeXus), summary.json, timeseries.csv, PNG figures and report.html."})
public final class SwaxsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Experiment folder or experiment.json.")
    Path input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Output folder (created; files of the same names are replaced when the analysis completes).")
    Path out;

    @Option(names = "--q-range", paramLabel = "NAME=LO:HI",
            description = "Map this q range (Å⁻¹). A default name (particle, micropore, imaging, 002, pseudo_metal, "
                    + "metal) replaces its default; a new name adds a map. Repeatable.")
    List<String> qRanges = new ArrayList<>();

    @Option(names = "--only-ranges", description = "Map only the --q-range ranges, none of the defaults.")
    boolean onlyRanges;

    @Option(names = "--electrode-threshold", paramLabel = "I",
            description = "Electrode where the pristine mean intensity in q = 0.12–0.3 Å⁻¹ exceeds I (default: Otsu).")
    Double electrodeThreshold;

    @Option(names = "--collector-transmission", paramLabel = "T", defaultValue = "0.1",
            description = "Current collector where the transmission < T; 0 disables the mask. Default: ${DEFAULT-VALUE}.")
    double collectorTransmission;

    @Option(names = "--background-box", paramLabel = "X0,Y0,X1,Y1", split = ",",
            description = "Electrolyte-only raster box (inclusive point indices, row 0 = first line) for the "
                    + "background; default: found automatically beyond the electrode.")
    int[] backgroundBox;

    @Option(names = "--background-model", paramLabel = "column|region", defaultValue = "column",
            description = "column: subtract each raster column's own electrolyte curve (the mean of that column's "
                    + "background points), right for a vertical capillary, where the beam's chords through wall and "
                    + "electrolyte change with the horizontal position; region: one mean curve for all points "
                    + "(a flat cell). Default: ${DEFAULT-VALUE}.")
    String backgroundModel;

    @Option(names = "--saxs-bins", paramLabel = "N", defaultValue = "400",
            description = "q bins of the SAXS curves. Default: ${DEFAULT-VALUE}.")
    int saxsBins;

    @Option(names = "--waxs-bins", paramLabel = "N", defaultValue = "500",
            description = "q bins of the WAXS curves. Default: ${DEFAULT-VALUE}.")
    int waxsBins;

    @Option(names = "--split", paramLabel = "MODE", defaultValue = "bbox",
            description = "Pixel splitting: no, bbox or full. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--no-pixel-fits", description = "Fit the WAXS model to the electrode average only, not per pixel.")
    boolean noPixelFits;

    @Option(names = "--plating-sigma", paramLabel = "S", defaultValue = "5",
            description = "Significance (σ) of the 2.07 Å⁻¹ peak in the electrode average that declares plating. "
                    + "Default: ${DEFAULT-VALUE}.")
    double platingSigma;

    @Option(names = "--plating-pixel-sigma", paramLabel = "S", defaultValue = "4",
            description = "Per-pixel significance that marks a plating pixel. Default: ${DEFAULT-VALUE}.")
    double platingPixelSigma;

    @Option(names = "--potentiostat", paramLabel = "FILE",
            description = "Potentiostat log (BioLogic .mpr/.mpt, Neware, Maccor, text); default: the experiment's.")
    Path potentiostat;

    @Option(names = "--clock-offset", paramLabel = "S",
            description = "Seconds to add to scan times to reach the potentiostat's clock (default: the experiment's, "
                    + "else 0).")
    Double clockOffset;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        SwaxsOptions options = options();
        SwaxsPipeline.Settings settings = new SwaxsPipeline.Settings(positive(saxsBins, "--saxs-bins"),
                positive(waxsBins, "--waxs-bins"), parseSplit(split));
        if (!Files.exists(input)) {
            throw new InvalidInputException("INPUT " + input + ": no such file or folder");
        }
        SwaxsExperiment e = SwaxsExperiment.read(input);
        if (potentiostat != null && !Files.isRegularFile(potentiostat)) {
            throw new InvalidInputException("--potentiostat " + potentiostat + ": no such file");
        }
        Path outAbs = out.toAbsolutePath().normalize();
        if (Files.exists(outAbs) && !Files.isDirectory(outAbs)) {
            throw new InvalidInputException("--out " + out + ": exists and is not a folder");
        }
        ProgressListener progress = quiet ? ProgressListener.NONE : new CliProgress(false);
        log.printf("%d scans of %d x %d points (%.0f x %.0f µm steps)%n", e.scans().size(), e.nx(), e.ny(),
                e.stepXUm(), e.stepYUm());
        log.flush();
        Result r = run(e, options, settings, potentiostat, clockOffset, progress, log);
        Path parent = outAbs.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + outAbs.getFileName() + ".partial-");
        try {
            HtmlReport report = new HtmlReport("operando swaxs: " + e.source());
            r.write(tmp, options, report);
            report.write(tmp.resolve("report.html"));
            AtomicOutput.publishFolder(tmp, outAbs);
        } finally {
            AtomicOutput.deleteTree(tmp);
        }
        log.println(r.headline());
        log.println("Results: " + outAbs);
        return 0;
    }

    /** The analysis of one experiment and where its scans sit on the voltage curve. */
    public record Result(SwaxsResult result, List<ScanElectrochemistry> echem, double[] echemTimeS,
                         double[] echemVoltageV, List<String> warnings, SwaxsExperiment experiment) {

        /** Writes results.h5, summary.json, timeseries.csv and the figures into {@code dir}, adding to the report. */
        public void write(Path dir, SwaxsOptions options, HtmlReport report) throws IOException {
            for (String w : warnings) {
                report.note(w);
            }
            SwaxsResultsFile.write(dir.resolve("results.h5"), result, echem, options, experiment.nx(), experiment.ny(),
                    experiment.stepXUm(), experiment.stepYUm());
            SwaxsOutputs.writeTables(dir, result, echem);
            SwaxsOutputs.writeFigures(dir, result, echem, echemTimeS, echemVoltageV, options, report);
        }

        /** One line for the terminal: the plating verdict. */
        public String headline() {
            int onset = result.platingOnsetScan();
            return onset < 0 ? "No metallic-Na plating detected."
                    : String.format("Plating first detected in scan %s, %.0f µm from the current collector.",
                    result.scans().get(onset).name(), result.platingDistanceToCollector());
        }
    }

    /** Integrates, analyses and synchronises; no files are written. */
    public static Result run(SwaxsExperiment e, SwaxsOptions options, SwaxsPipeline.Settings settings,
                             Path potentiostatOverride, Double clockOffsetOverride, ProgressListener progress,
                             PrintWriter log) throws IOException {
        List<SwaxsScan> scans = SwaxsPipeline.integrate(e, settings, progress);
        SwaxsResult result = new SwaxsAnalysis(options).run(scans, progress);
        List<String> warnings = new ArrayList<>();
        Path pot = potentiostatOverride != null ? potentiostatOverride : e.potentiostat();
        double offset = clockOffsetOverride != null ? clockOffsetOverride : e.clockOffsetS();
        List<ScanElectrochemistry> ec = new ArrayList<>();
        double[] et = new double[0];
        double[] ev = new double[0];
        if (pot == null) {
            warnings.add("No potentiostat log given: results carry no times or voltages.");
        } else if (!Files.isRegularFile(pot)) {
            throw new InvalidInputException(e.source() + ": potentiostat log " + pot + ": no such file");
        } else {
            EchemRecord rec = EchemReaders.read(pot);
            warnings.addAll(rec.warnings().stream().map(w -> pot.getFileName() + ": " + w).toList());
            if (rec.start().isEmpty()) {
                warnings.add(pot + ": the log has no absolute start time, so scans cannot be placed on it; "
                        + "results carry no voltages.");
            } else {
                double t0 = rec.start().get().toEpochSecond(ZoneOffset.UTC) + rec.start().get().getNano() * 1e-9;
                List<EchemSync.ScanWindow> windows = new ArrayList<>();
                for (SwaxsScan s : scans) {
                    if (!Double.isFinite(s.startTime()) || !Double.isFinite(s.endTime())) {
                        windows.add(null);
                    } else {
                        windows.add(new EchemSync.ScanWindow(s.name(), s.startTime() - t0, s.endTime() - t0));
                    }
                }
                List<EchemSync.ScanWindow> known = windows.stream().filter(w -> w != null).toList();
                List<EchemSync.ScanState> states = known.isEmpty() ? List.of() : EchemSync.place(rec, known, offset);
                int k = 0;
                int covered = 0;
                for (EchemSync.ScanWindow w : windows) {
                    if (w == null) {
                        ec.add(ScanElectrochemistry.UNKNOWN);
                        continue;
                    }
                    EchemSync.ScanState st = states.get(k++);
                    if (Double.isFinite(st.voltageV())) {
                        covered++;
                    }
                    ec.add(new ScanElectrochemistry(st.meanTimeS(), st.voltageV(), st.chargeMAh(), st.rest()));
                }
                if (covered == 0) {
                    warnings.add(pot + ": the log (" + rec.start().get() + " UTC, " + Math.round(rec.time()[rec.size() - 1])
                            + " s) does not overlap any scan: results carry no voltages (check the clocks or "
                            + "--clock-offset).");
                    ec.replaceAll(x -> ScanElectrochemistry.UNKNOWN);
                } else if (covered < scans.size()) {
                    warnings.add(pot + ": " + (scans.size() - covered) + " of " + scans.size()
                            + " scans fall outside the log and carry no voltage.");
                }
                et = rec.time();
                ev = rec.voltage();
            }
        }
        while (ec.size() < scans.size()) {
            ec.add(ScanElectrochemistry.UNKNOWN);
        }
        for (String w : warnings) {
            log.println("warning: " + w);
        }
        log.flush();
        return new Result(result, ec, et, ev, warnings, e);
    }

    SwaxsOptions options() {
        SwaxsOptions o = SwaxsOptions.defaults();
        Map<String, QRange> ranges = new LinkedHashMap<>();
        if (!onlyRanges) {
            for (QRange q : o.ranges()) {
                ranges.put(q.name(), q);
            }
        }
        for (String s : qRanges) {
            QRange q = QRange.parse(s, "range" + (ranges.size() + 1));
            ranges.put(q.name(), q);
        }
        if (ranges.isEmpty()) {
            throw new InvalidInputException("--only-ranges without any --q-range: nothing to map");
        }
        o = o.withRanges(List.copyOf(ranges.values()));
        if (electrodeThreshold != null) {
            if (!(electrodeThreshold > 0) || !Double.isFinite(electrodeThreshold)) {
                throw new InvalidInputException("--electrode-threshold " + electrodeThreshold + ": expected a positive intensity");
            }
            o = o.withElectrodeThreshold(electrodeThreshold);
        }
        if (!(collectorTransmission >= 0 && collectorTransmission < 1)) {
            throw new InvalidInputException("--collector-transmission " + collectorTransmission
                    + ": expected a transmission in [0, 1)");
        }
        o = o.withCollectorTransmission(collectorTransmission == 0 ? Double.NaN : collectorTransmission);
        if (backgroundBox != null) {
            if (backgroundBox.length != 4) {
                throw new InvalidInputException("--background-box: expected four integers X0,Y0,X1,Y1");
            }
            o = o.withBackgroundBox(backgroundBox);
        }
        if (!(platingSigma > 0) || !(platingPixelSigma > 0)) {
            throw new InvalidInputException("--plating-sigma and --plating-pixel-sigma must be > 0");
        }
        if (!backgroundModel.equals("column") && !backgroundModel.equals("region")) {
            throw new InvalidInputException("--background-model: expected column or region, got '" + backgroundModel + "'");
        }
        o = o.withColumnBackground(backgroundModel.equals("column"));
        return o.withFitPixels(!noPixelFits).withPlatingSignificance(platingSigma, platingPixelSigma);
    }

    private static int positive(int n, String name) {
        if (n < 8 || n > 100_000) {
            throw new InvalidInputException(name + " " + n + ": expected between 8 and 100000 bins");
        }
        return n;
    }

    private static Split parseSplit(String s) {
        return switch (s.toLowerCase()) {
            case "no", "none" -> Split.NONE;
            case "bbox" -> Split.BBOX;
            case "full" -> Split.FULL;
            default -> throw new InvalidInputException("--split " + s + ": expected no, bbox or full");
        };
    }

}
