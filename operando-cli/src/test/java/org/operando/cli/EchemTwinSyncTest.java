package org.operando.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
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

/**
 * Synchronisation against the digital twin (operando-sim's SWAXS simulation): its potentiostat log (EC-Lab
 * ASCII written by MptWriter, noise 0.3 mV on Ewe) and its scan timestamps, compared with the twin's noiseless
 * model. The twin is reached by reflection so that this test compiles without it; it skips, saying so, when the
 * simulation classes are absent (a branch without operando-sim's SWAXS twin).
 */
class EchemTwinSyncTest {
    @TempDir
    Path dir;

    static Class<?> cls(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    @Test
    void scansOfTheTwinArePlacedOnItsModel() throws Exception {
        Class<?> cfgC = cls("org.operando.sim.swaxs.SwaxsConfig");
        Class<?> simC = cls("org.operando.sim.swaxs.SwaxsSimulation");
        Class<?> mptC = cls("org.operando.sim.swaxs.MptWriter");
        Class<?> modelC = cls("org.operando.sim.swaxs.SodiationModel");
        assumeTrue(cfgC != null && simC != null && mptC != null && modelC != null,
                "operando-sim's SWAXS digital twin (org.operando.sim.swaxs) is not on the class path");
        Object cfg = cfgC.getMethod("small", long.class).invoke(null, 7L);
        Object sim = simC.getConstructor(cfgC).newInstance(cfg);
        Object model = simC.getMethod("model").invoke(sim);
        String text = (String) mptC.getMethod("render", cfgC, modelC, String.class).invoke(null, cfg, model, "p.mpt");
        Path mpt = dir.resolve("potentiostat.mpt");
        Files.writeString(mpt, text, StandardCharsets.UTF_8);
        EchemRecord r = EchemReaders.read(mpt);
        assertThat(r.warnings()).isEmpty();
        Instant start = (Instant) mptC.getMethod("acquisitionStart", cfgC).invoke(null, cfg);
        assertThat(r.start().orElseThrow().toInstant(ZoneOffset.UTC)).isEqualTo(start);

        Method instant = cfgC.getMethod("instant", double.class);
        double duration = (double) cfgC.getMethod("scanDuration").invoke(cfg);
        Method voltage = modelC.getMethod("voltage", double.class);
        Method charge = modelC.getMethod("charge", double.class);
        Method current = modelC.getMethod("current", double.class);
        List<?> scans = (List<?>) cfgC.getMethod("scans").invoke(cfg);
        List<EchemSync.ScanWindow> windows = new ArrayList<>();
        List<double[]> truth = new ArrayList<>();
        for (Object sc : scans) {
            double s = (double) sc.getClass().getMethod("start").invoke(sc);
            String name = (String) sc.getClass().getMethod("name").invoke(sc);
            windows.add(EchemSync.ScanWindow.of(name, (Instant) instant.invoke(cfg, s),
                    (Instant) instant.invoke(cfg, s + duration), start));
            // the model's time averages over the scan (t since current on), by a fine midpoint rule
            int n = 4000;
            double v = 0;
            double q = 0;
            double i = 0;
            for (int k = 0; k < n; k++) {
                double t = s + (k + 0.5) * duration / n;
                v += (double) voltage.invoke(model, t) / n;
                q += (double) charge.invoke(model, t) / n;
                i += (double) current.invoke(model, t) / n;
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
