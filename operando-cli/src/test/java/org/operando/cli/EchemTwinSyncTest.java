package org.operando.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.echem.EchemRecord;
import org.operando.echem.EchemSync;
import org.operando.io.echem.EchemReaders;
import org.operando.sim.swaxs.MptWriter;
import org.operando.sim.swaxs.SodiationModel;
import org.operando.sim.swaxs.SwaxsConfig;
import org.operando.sim.swaxs.SwaxsSimulation;

/**
 * Synchronisation against the digital twin (operando-sim's SWAXS simulation): its potentiostat log (EC-Lab
 * ASCII written by MptWriter, noise 0.3 mV on Ewe) and its scan timestamps, compared with the twin's noiseless
 * model.
 */
class EchemTwinSyncTest {
    @TempDir
    Path dir;

    @Test
    void scansOfTheTwinArePlacedOnItsModel() throws Exception {
        SwaxsConfig cfg = SwaxsConfig.small(7L);
        SodiationModel model = new SwaxsSimulation(cfg).model();
        Path mpt = dir.resolve("potentiostat.mpt");
        Files.writeString(mpt, MptWriter.render(cfg, model, "p.mpt"), StandardCharsets.UTF_8);
        EchemRecord r = EchemReaders.read(mpt);
        assertThat(r.warnings()).isEmpty();
        Instant start = MptWriter.acquisitionStart(cfg);
        assertThat(r.start().orElseThrow().toInstant(ZoneOffset.UTC)).isEqualTo(start);

        double duration = cfg.scanDuration();
        List<EchemSync.ScanWindow> windows = new ArrayList<>();
        List<double[]> truth = new ArrayList<>();
        for (SwaxsConfig.Scan sc : cfg.scans()) {
            double s = sc.start();
            windows.add(EchemSync.ScanWindow.of(sc.name(), cfg.instant(s), cfg.instant(s + duration), start));
            // the model's time averages over the scan (t since current on), by a fine midpoint rule
            int n = 4000;
            double v = 0;
            double q = 0;
            double i = 0;
            for (int k = 0; k < n; k++) {
                double t = s + (k + 0.5) * duration / n;
                v += model.voltage(t) / n;
                q += model.charge(t) / n;
                i += model.current(t) / n;
            }
            truth.add(new double[] {v, q, i});
        }
        List<EchemSync.ScanState> placed = EchemSync.place(r, windows, 0);
        double dv = 0;
        double dq = 0;
        double di = 0;
        for (int k = 0; k < placed.size(); k++) {
            di = Math.max(di, Math.abs(placed.get(k).currentMA() - truth.get(k)[2]));
            dv = Math.max(dv, Math.abs(placed.get(k).voltageV() - truth.get(k)[0]));
            dq = Math.max(dq, Math.abs(placed.get(k).chargeMAh() - truth.get(k)[1]));
        }
        System.out.printf("twin sync: %d scans, max |ΔE| %.2e V, max |ΔQ| %.2e mAh, max |ΔI| %.2e mA%n",
                placed.size(), dv, dq, di);
        for (int k = 0; k < placed.size(); k++) {
            EchemSync.ScanState p = placed.get(k);
            double[] t = truth.get(k);
            assertThat(p.covered()).as(p.id()).isTrue();
            // Ewe noise 0.3 mV per 10 s sample, averaged over the scan, plus the curvature of E(t) between samples:
            // observed ≤ 0.21 mV (seed 7)
            assertThat(p.voltageV()).as(p.id() + " voltage").isCloseTo(t[0], within(0.001));
            // charge is written without noise and is piecewise linear with rows at the step changes
            assertThat(p.chargeMAh()).as(p.id() + " charge").isCloseTo(t[1], within(1e-8));
            assertThat(p.currentMA()).as(p.id() + " current").isCloseTo(t[2], within(1e-4));
            assertThat(p.rest()).as(p.id() + " rest").isEqualTo(Math.abs(t[2]) < 1e-9);
        }
    }
}
