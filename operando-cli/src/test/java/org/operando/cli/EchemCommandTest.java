package org.operando.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.operando.cli.CliTestSupport.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.cli.CliTestSupport.Run;

class EchemCommandTest {
    @TempDir
    Path dir;

    /**
     * A potentiostat log shaped like the digital twin's (EC-Lab ASCII, absolute start 2026-03-15 10:00:00 UTC):
     * rest 600 s at 1.0 V, −0.1 mA for 7200 s with E = 1.0 − 0.9·t'/7200 V (0.2 mAh), rest 600 s at 0.1 V;
     * a row every 10 s and an extra row at each step change.
     */
    static String twinMpt() {
        StringBuilder d = new StringBuilder();
        double prevQ = 0;
        double[] extra = {600, 7800};
        java.util.TreeSet<Double> times = new java.util.TreeSet<>();
        for (int k = 0; k <= 840; k++) {
            times.add(k * 10.0);
        }
        for (double e : extra) {
            times.add(e);
        }
        for (double t : times) {
            int ns = t < 600 ? 0 : t < 7800 ? 1 : 2;
            boolean cc = ns == 1;
            double v = t < 600 ? 1.0 : t <= 7800 ? 1.0 - 0.9 * (t - 600) / 7200 : 0.1;
            double q = -0.1 * Math.min(Math.max(t - 600, 0), 7200) / 3600;
            double dq = q - prevQ;
            prevQ = q;
            d.append(String.format(Locale.ROOT, "%d\t%d\t0\t0\t0\t0\t%d\t%.4f\t%.6f\t%.7f\t%.7e\t%.7e\t%.7e\t%.15E\n",
                    cc ? 1 : 3, cc ? 0 : 1, ns, t, cc ? -0.1 : 0.0, v, cc ? -0.1 : 0.0, dq, q, 0.0));
        }
        String[] h = {"EC-Lab ASCII FILE", "Nb header lines : 7", "", "Galvanostatic Cycling with Potential Limitation",
            "Acquisition started on : 03/15/2026 10:00:00.000", "Comments : clock = UTC",
            "mode\tox/red\terror\tcontrol changes\tNs changes\tcounter inc.\tNs\ttime/s\tcontrol/mA\tEwe/V\tI/mA\tdq/mA.h\t(Q-Qo)/mA.h\tcycle number\t"};
        return String.join("\n", h) + "\n" + d;
    }

    Path twin() throws Exception {
        Path p = dir.resolve("potentiostat.mpt");
        Files.writeString(p, twinMpt(), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void summaryTableAndJson() throws Exception {
        Path p = twin();
        Run r = run("echem", "summary", p.toString(), "--mass", "0.25", "--theoretical", "300");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("half_cycle\tcycle\tdirection").contains("discharge");
        Run j = run("echem", "summary", p.toString(), "--mass", "0.25", "--theoretical", "300", "--json");
        assertThat(j.code()).isZero();
        JsonNode n = new ObjectMapper().readTree(j.out());
        JsonNode h = n.get("half_cycles").get(0);
        assertThat(h.get("direction").asText()).isEqualTo("discharge");
        assertThat(h.get("capacity_mAh").asDouble()).isCloseTo(0.2, within(1e-6));
        assertThat(h.get("capacity_mAh_g").asDouble()).isCloseTo(800, within(0.01)); // 0.2 mAh / 0.25 mg
        // 0.1 mA / (300 mAh/g · 0.25 mg) = 1.3333 C
        assertThat(h.get("c_rate_per_h").asDouble()).isCloseTo(4.0 / 3, within(1e-6));
        assertThat(n.get("start").asText()).isEqualTo("2026-03-15T10:00");
    }

    @Test
    void summaryWithEstimatedMassSegmentsAndPeaks() throws Exception {
        Path p = twin();
        // 1 mm³, porosity 0.4, 80 wt% Si (2.33 g/cm³) + 20 wt% PVDF (1.78): ρ = 1/(0.8/2.33 + 0.2/1.78) = 2.19439
        // g/cm³, active mass = 0.6 · 2.19439 · 0.8 = 1.05331 mg
        Run j = run("echem", "summary", p.toString(), "--electrode-volume", "1", "--porosity", "0.4",
                "--component", "Si=0.8:2.33:active", "--component", "PVDF=0.2:1.78", "--segments", "--peaks", "--json");
        assertThat(j.code()).as(j.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.get("active_mass_mg").asDouble()).isCloseTo(1.05331, within(1e-5));
        JsonNode h = n.get("half_cycles").get(0);
        assertThat(h.get("capacity_mAh_g").asDouble()).isCloseTo(0.2 / 1.05331e-3, within(0.05));
        // a linear discharge 1.0 → 0.1 V over the whole capacity: one sloping segment (slope 0.9 V per capacity)
        assertThat(h.get("segments")).hasSize(1);
        assertThat(h.get("segments").get(0).get("kind").asText()).isEqualTo("sloping");
        assertThat(h.get("dqdv_peaks_V")).isEmpty();
        Run bad = run("echem", "summary", p.toString(), "--electrode-volume", "1", "--component", "Si=0.7:2.33:active");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("sum to 1");
    }

    @Test
    void exportWritesTheUniformColumns() throws Exception {
        Path p = twin();
        Path out = dir.resolve("out.csv");
        Run r = run("echem", "export", p.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("time_s,voltage_V,current_mA,charge_mAh,cycle");
        assertThat(lines).hasSize(1 + 841);
        String[] last = lines.get(lines.size() - 1).split(",");
        assertThat(Double.parseDouble(last[0])).isEqualTo(8400.0);
        assertThat(Double.parseDouble(last[3])).isCloseTo(-0.2, within(1e-7));
        assertThat(last[4]).isEqualTo("1");
    }

    @Test
    void syncPlacesScansGivenByTimestampsAndBySchedule() throws Exception {
        Path p = twin();
        Path scans = dir.resolve("scans.csv");
        // scan a in the first rest; b in the discharge (10:20–10:30 UTC = 1200–1800 s, given in CET = UTC+1);
        // c in the final rest; d after the record
        Files.writeString(scans, "scan,start,end\na,2026-03-15T10:02:00Z,2026-03-15T10:05:00Z\n"
                + "b,2026-03-15T11:20:00+01:00,2026-03-15T11:30:00+01:00\nc,7900,8300\nd,9000,9100\n");
        Path out = dir.resolve("sync.csv");
        Run r = run("echem", "sync", p.toString(), "--scans", scans.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 of 4 scans are not fully inside");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("scan,start_s,end_s,mean_time_s,voltage_V,current_mA,charge_mAh,soc,cycle,"
                + "half_cycle,rest,rest_fraction,covered");
        String[] a = lines.get(1).split(",");
        String[] b = lines.get(2).split(",");
        String[] c = lines.get(3).split(",");
        String[] d = lines.get(4).split(",");
        assertThat(a[10]).isEqualTo("true");
        assertThat(Double.parseDouble(a[4])).isCloseTo(1.0, within(1e-9));
        assertThat(Double.parseDouble(b[1])).isEqualTo(1200.0);
        // mean over 1200..1800 s of E = 1 − 0.9 (t − 600)/7200 → at t = 1500: 0.8875 V; charge −0.1·900/3600 mAh
        assertThat(Double.parseDouble(b[4])).isCloseTo(0.8875, within(1e-6));
        assertThat(Double.parseDouble(b[6])).isCloseTo(-0.025, within(1e-7));
        assertThat(Double.parseDouble(b[7])).isCloseTo(0.875, within(1e-6)); // (−0.025 + 0.2)/0.2
        assertThat(b[10]).isEqualTo("false");
        assertThat(c[10]).isEqualTo("true");
        assertThat(Double.parseDouble(c[7])).isCloseTo(0.0, within(1e-6));
        assertThat(d[12]).isEqualTo("false");
        // clock offset: the scan clock runs 600 s behind → the same window 600 s later on the potentiostat clock
        Run o = run("echem", "sync", p.toString(), "--scans", scans.toString(), "--offset", "600", "-o", out.toString());
        assertThat(o.code()).isZero();
        String[] b2 = Files.readAllLines(out).get(2).split(",");
        assertThat(Double.parseDouble(b2[4])).isCloseTo(1.0 - 0.9 * 1500 / 7200, within(1e-6));
        // schedule: scans every 1800 s from 0, 300 s long
        Run s = run("echem", "sync", p.toString(), "--schedule", "0,1800,300", "--count", "4", "-o", out.toString());
        assertThat(s.code()).isZero();
        List<String> sl = Files.readAllLines(out);
        assertThat(sl).hasSize(5);
        assertThat(Double.parseDouble(sl.get(2).split(",")[4])).isCloseTo(1.0 - 0.9 * (1950 - 600) / 7200.0, within(1e-6));
    }

    @Test
    void plotWritesAPngWithThreePanels() throws Exception {
        Path p = twin();
        Path png = dir.resolve("fig.png");
        Run r = run("echem", "plot", p.toString(), "-o", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(EchemPlot.WIDTH);
        assertThat(img.getHeight()).isEqualTo(3 * EchemPlot.HEIGHT);
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws Exception {
        Path out = dir.resolve("never.csv");
        Run a = run("echem", "export", dir.resolve("missing.mpt").toString(), "-o", out.toString());
        assertThat(a.code()).isEqualTo(2);
        assertThat(a.err()).contains("missing.mpt").contains("no such file");
        Path junk = dir.resolve("junk.csv");
        Files.writeString(junk, "time/s,Ewe/V,I/mA\n0,3,0,5\n1,3,1,0,5\n");
        Run b = run("echem", "export", junk.toString(), "-o", out.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("junk.csv").contains("no data row could be trusted").contains("line 2");
        Run c = run("echem", "summary", twin().toString(), "--mass", "-1");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("--mass");
        Run e = run("echem", "export", twin().toString(), "--format", "csv", "-o", out.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err()).contains("--format csv");
        Run ok = run("echem", "summary", twin().toString(), "--format", "mpt");
        assertThat(ok.code()).as(ok.err()).isZero();
        Run d = run("echem", "sync", twin().toString(), "-o", out.toString());
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err()).contains("--scans");
        assertThat(Files.exists(out)).isFalse();
        try (var s = Files.list(dir)) {
            assertThat(s.map(q -> q.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void onsetOfAPerScanSignalAgainstVoltage() throws Exception {
        Path p = twin();
        // 24 scans of 300 s every 300 s from 600 s: the discharge runs E from 1.0 V down at 0.45 mV/s;
        // a signal flat at 5.0 that grows by 10 per V below 0.6 V (the onset), with ±0.02 noise
        java.util.Random rnd = new java.util.Random(3);
        StringBuilder sig = new StringBuilder("scan,value\n");
        for (int k = 0; k < 24; k++) {
            double mid = 600 + k * 300 + 150;
            double e = 1.0 - 0.9 * (mid - 600) / 7200;
            double v = 5.0 + (e < 0.6 ? 10 * (0.6 - e) : 0) + 0.02 * rnd.nextGaussian();
            sig.append(k).append(',').append(v).append('\n');
        }
        Path signal = dir.resolve("signal.csv");
        Files.writeString(signal, sig.toString());
        Run j = run("echem", "onset", p.toString(), "--signal", signal.toString(), "--schedule", "600,300,300",
                "--count", "24", "--json");
        assertThat(j.code()).as(j.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(j.out());
        double x0 = n.get("onset").asDouble();
        double sigma = n.get("sigma").asDouble();
        assertThat(Math.abs(x0 - 0.6)).isLessThan(3 * sigma + 1e-3);
        assertThat(sigma).isLessThan(0.02);
        assertThat(n.get("p_value").asDouble()).isLessThan(1e-6);
        Run t = run("echem", "onset", p.toString(), "--signal", signal.toString(), "--schedule", "600,300,300",
                "--count", "24", "--against", "time");
        assertThat(t.code()).isZero();
        assertThat(t.out()).startsWith("onset time = ");
        Run tj = run("echem", "onset", p.toString(), "--signal", signal.toString(), "--schedule", "600,300,300",
                "--count", "24", "--against", "time", "--json");
        JsonNode nt = new ObjectMapper().readTree(tj.out());
        // E = 0.6 V at t = 600 + 0.4/0.9·7200 = 3800 s
        assertThat(Math.abs(nt.get("onset").asDouble() - 3800)).isLessThan(3 * nt.get("sigma").asDouble() + 1);
        assertThat(nt.get("unit").asText()).isEqualTo("s");
        Run bad = run("echem", "onset", p.toString(), "--signal", signal.toString(), "--schedule", "600,300,300",
                "--count", "24", "--against", "current");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--against current");
    }

    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String c : new String[] {"summary", "plot", "export", "sync", "onset"}) {
                Run r = run("echem", c, "--help");
                assertThat(r.code()).isZero();
                assertThat(r.out()).contains("Usage: operando echem " + c);
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
