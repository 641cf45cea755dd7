package org.operando.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.operando.cli.report.HtmlReport;
import org.operando.util.ProgressListener;

/**
 * What a demo step gets: the output folder, the real-data folder (null when absent), the report to add its
 * section to, a log for one-line messages, and progress.
 */
public record DemoContext(Path out, Path dataDir, HtmlReport report, PrintWriter log, ProgressListener progress) {
    public boolean hasRealData() {
        return dataDir != null;
    }
}
