package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MptWriterTest {
    private final SwaxsConfig config = SwaxsConfig.small(3);
    private final SodiationModel model = new SodiationModel(config.cell(), config.currentMa(), config.platingOnset(),
            config.currentOff(), config.sampleSeed());
    private final String text = MptWriter.render(config, model, "potentiostat.mpt");
    private final String[] lines = text.split("\n", -1);

    @Test
    void headerHasTheEcLabStructure() {
        assertThat(lines[0]).isEqualTo("EC-Lab ASCII FILE");
        assertThat(lines[1]).matches("Nb header lines : \\d+");
        int n = Integer.parseInt(lines[1].replaceAll("\\D", ""));
        // the last header line is the column line
        assertThat(lines[n - 1]).startsWith("mode\tox/red\terror\t");
        List<String> cols = Arrays.asList(lines[n - 1].split("\t"));
        assertThat(cols).contains("time/s", "control/mA", "Ewe/V", "I/mA", "dq/mA.h", "(Q-Qo)/mA.h", "cycle number");
        assertThat(text).contains("Acquisition started on : 03/14/2024 08:40:00.000\n");
        // the first data line parses into as many numbers as there are columns
        String[] first = lines[n].split("\t");
        assertThat(first).hasSize(cols.size());
        for (String f : first) {
            Double.parseDouble(f);
        }
    }

    @Test
    void dataAreConsistent() {
        int n = Integer.parseInt(lines[1].replaceAll("\\D", ""));
        List<String> cols = Arrays.asList(lines[n - 1].split("\t"));
        int it = cols.indexOf("time/s");
        int ii = cols.indexOf("I/mA");
        int iq = cols.indexOf("(Q-Qo)/mA.h");
        int idq = cols.indexOf("dq/mA.h");
        int iv = cols.indexOf("Ewe/V");
        double prevT = -1;
        double q = 0;
        double prevI = 0;
        int rows = 0;
        for (int k = n; k < lines.length; k++) {
            if (lines[k].isEmpty()) {
                continue;
            }
            String[] f = lines[k].split("\t");
            double t = Double.parseDouble(f[it]);
            double i = Double.parseDouble(f[ii]);
            assertThat(t).isGreaterThan(prevT);
            if (prevT >= 0) {
                // trapezoid-free: current is constant between rows except at the recorded step changes
                q += prevI * (t - prevT) / 3600;
            }
            double qq = Double.parseDouble(f[iq]);
            assertThat(qq).as("line " + k).isCloseTo(model.charge(t - config.restBefore()), within(1e-9));
            assertThat(Double.parseDouble(f[idq])).isCloseTo(0, within(0.014 * config.ecInterval() / 3600 + 1e-9));
            double v = Double.parseDouble(f[iv]);
            assertThat(v).isCloseTo(model.voltage(t - config.restBefore()), within(0.002));
            prevT = t;
            prevI = Math.abs(i) > 1e-3 ? -config.currentMa() : 0;
            rows++;
        }
        // integral of the recorded current equals the (Q-Qo) column at the end (≤ 0.2 % of the charge)
        assertThat(q).isCloseTo(model.charge(1e9), within(0.002 * Math.abs(model.charge(1e9))));
        assertThat(rows).isGreaterThan((int) ((config.ecEnd() + config.restBefore()) / config.ecInterval()));
        assertThat(text).doesNotContain("-0.0000000e+00\t");
    }
}
