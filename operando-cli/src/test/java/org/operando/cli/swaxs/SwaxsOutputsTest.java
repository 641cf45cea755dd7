package org.operando.cli.swaxs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.cli.report.HtmlReport;
import org.operando.swaxs.SwaxsAnalysis;
import org.operando.swaxs.SwaxsOptions;
import org.operando.swaxs.SwaxsResult;
import org.operando.testing.SyntheticSwaxsRaster;
import org.operando.util.ProgressListener;

class SwaxsOutputsTest {
    @Test
    void writesSummaryTablesFiguresAndReportSection(@TempDir Path dir) throws Exception {
        SwaxsOptions o = SwaxsOptions.defaults().withFitPixels(false);
        SwaxsResult r = new SwaxsAnalysis(o).run(SyntheticSwaxsRaster.scans(5), ProgressListener.NONE);
        List<ScanElectrochemistry> ec = new ArrayList<>();
        for (int s = 0; s < r.scans().size(); s++) {
            ec.add(new ScanElectrochemistry(600.0 * s + 150, 1.0 - 0.2 * s, 0.01 * s, false));
        }
        SwaxsOutputs.writeTables(dir, r, ec);
        HtmlReport report = new HtmlReport("t");
        SwaxsOutputs.writeFigures(dir, r, ec, new double[] {0, 3000}, new double[] {1.2, 0.0}, o, report);

        JsonNode j = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(j.get("scans")).hasSize(5);
        JsonNode op3 = j.get("scans").get(3);
        for (String k : List.of("scan", "time_s", "voltage_V", "d002_A", "d002_err_A", "delta_micropore",
                "delta_micropore_std", "delta_particle", "delta_002", "pseudo_metal", "plating")) {
            assertThat(op3.has(k)).as(k).isTrue();
        }
        assertThat(op3.get("scan").asText()).isEqualTo("op3");
        assertThat(op3.get("plating").asBoolean()).isTrue();
        assertThat(op3.get("voltage_V").asDouble()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(op3.get("delta_micropore").asDouble()).isNegative();
        assertThat(j.get("plating_onset_scan").asText()).isEqualTo("op3");
        assertThat(j.get("plating_distance_to_collector_um").asDouble()).isLessThan(30);
        List<String> csv = Files.readAllLines(dir.resolve("timeseries.csv"));
        assertThat(csv).hasSize(2 + 5);
        assertThat(csv.get(1)).startsWith("scan,time_s,voltage_V");
        for (String f : List.of("timeseries.png", "intensity_imaging.png", "difference_micropore.png", "saxs_curves.png",
                "waxs_curves.png", "plating_maps.png", "scatter_micropore_pseudometal.png")) {
            assertThat(dir.resolve(f)).as(f).exists();
        }
        assertThat(report.html()).contains("Operando scanning SWAXS").contains("difference_micropore.png").contains("op3");
    }
}
