package org.operando.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import org.operando.cli.demo.DemoContext;
import org.operando.cli.demo.DemoStep;
import org.operando.cli.demo.DetectorFramesDemo;
import org.operando.cli.report.HtmlReport;
import org.operando.util.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code operando demo}: runs the main job on simulated data and on the real data shipped in
 * {@code ../shared/data}, and writes figures, data files and {@code report.html} into one folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run operando's main job on simulated and shipped real data and write a report.",
                "Real data are read from ../shared/data beside the repository (or --data); without them the demo "
                        + "says so and runs on simulated data only."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Paths.get("operando-demo");

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of shipped real data (default: ../shared/data).")
    Path data;

    @Spec
    CommandSpec spec;

    /** The demo's steps, in order. Each capability adds its own. */
    static List<DemoStep> steps() {
        return List.of(new org.operando.cli.demo.SwaxsTwinDemo(), new org.operando.cli.demo.SaxsTomoTwinDemo(),
                new DetectorFramesDemo());
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        Path dataDir = DataLocator.find(data);
        if (data != null && !Files.isDirectory(data)) {
            throw new InvalidInputException("--data " + data + ": no such folder");
        }
        Files.createDirectories(out);
        HtmlReport report = new HtmlReport("operando demo");
        if (dataDir == null) {
            String msg = "Shipped real data not found (looked for ../shared/data beside the repository; set --data "
                    + "or OPERANDO_DATA): running on simulated data only.";
            log.println(msg);
            report.note(msg);
        } else {
            log.println("Real data: " + dataDir);
        }
        DemoContext ctx = new DemoContext(out, dataDir, report, log, new CliProgress(false));
        for (DemoStep step : steps()) {
            log.println("== " + step.title());
            long t0 = System.nanoTime();
            step.run(ctx);
            log.printf("   done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            log.flush();
        }
        Path html = out.resolve("report.html");
        report.write(html);
        log.println("Report: " + html.toAbsolutePath());
        return 0;
    }
}
