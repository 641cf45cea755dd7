package org.operando.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.operando.cli.swaxs.SwaxsCommand;
import org.operando.cli.swaxs.SwaxsExperiment;
import org.operando.cli.swaxs.SwaxsPipeline;
import org.operando.sim.swaxs.SwaxsConfig;
import org.operando.sim.swaxs.SwaxsSimulation;
import org.operando.sim.swaxs.SwaxsWriter;
import org.operando.swaxs.SwaxsOptions;

/**
 * The main job on the digital twin: simulate the small operando SWAXS experiment (hard-carbon half-cell, nine scans
 * of 40 × 20 points, SAXS and WAXS frames, diode, potentiostat log) and analyse it with {@code operando swaxs},
 * exactly as a user's folder would be: frames integrated, masks, maps, ΔI/I, WAXS fits, plating, voltages.
 */
public final class SwaxsTwinDemo implements DemoStep {
    @Override
    public String title() {
        return "Operando scanning SWAXS of a hard-carbon anode (digital twin): simulate, then analyse";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        Path raw = ctx.out().resolve("swaxs-twin");
        Path res = ctx.out().resolve("swaxs");
        ctx.log().println("   simulating the small twin into " + raw);
        ctx.log().flush();
        new SwaxsWriter(new SwaxsSimulation(SwaxsConfig.small(1))).write(raw, null, ctx.progress());
        ctx.log().println("   analysing it (operando swaxs " + raw + " -o " + res + ")");
        ctx.log().flush();
        SwaxsOptions options = SwaxsOptions.defaults();
        SwaxsExperiment e = SwaxsExperiment.read(raw);
        SwaxsCommand.Result r = SwaxsCommand.run(e, options, SwaxsPipeline.Settings.defaults(), null, null,
                ctx.progress(), ctx.log());
        Files.createDirectories(res);
        var report = ctx.report();
        report.section(title());
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("input", "swaxs-twin/ (written by operando simulate swaxs; truth in swaxs-twin/truth/)");
        kv.put("command", "operando swaxs swaxs-twin -o swaxs");
        kv.put("scans", e.scans().size() + " of " + e.nx() + " × " + e.ny() + " points");
        kv.put("verdict", r.headline());
        report.keyValues(kv);
        r.write(res, options, report.under("swaxs"));
        report.link("swaxs/results.h5", "results.h5 (NeXus)");
        report.link("swaxs/summary.json", "summary.json");
        report.link("swaxs/timeseries.csv", "timeseries.csv");
        ctx.log().println("   " + r.headline());
    }
}
