package org.operando.io.echem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.operando.echem.CycleMetrics;
import org.operando.echem.DqDv;
import org.operando.echem.EchemRecord;
import org.operando.testing.SharedData;

/**
 * Every shipped real file parses completely; spot values are checked against what the file itself says
 * (header lines, row counts, its own charge/capacity columns, its own time stamps).
 */
class RealFilesTest {
    static void assertMonotonicAndPlausible(EchemRecord r, double vmin, double vmax) {
        double[] t = r.time();
        for (int k = 1; k < t.length; k++) {
            assertThat(t[k]).isGreaterThanOrEqualTo(t[k - 1]);
        }
        for (double v : r.voltage()) {
            assertThat(v).isBetween(vmin, vmax);
        }
    }

    /** Largest relative difference between file-charge and integrated-current capacities per half-cycle. */
    static double worstHalfCycleMismatch(EchemRecord r, double minCapacityMAh) {
        double[] qi = r.integratedCharge();
        double worst = 0;
        for (CycleMetrics.HalfCycle h : CycleMetrics.halfCycles(r)) {
            if (h.capacityMAh() < minCapacityMAh) {
                continue;
            }
            int before = h.firstPoint() > 0 ? h.firstPoint() - 1 : 0;
            double integ = Math.abs(qi[h.lastPoint()] - qi[before]);
            worst = Math.max(worst, Math.abs(integ - h.capacityMAh()) / h.capacityMAh());
        }
        return worst;
    }

    @Test
    void biologicMpr() throws Exception {
        Path p = SharedData.require("echem/biologic_example.mpr");
        EchemRecord r = EchemReaders.read(p);
        // the data module header declares 23561 points; all are read, nothing distrusted
        assertThat(r.size()).isEqualTo(23561);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.chargeFromFile()).isTrue();
        assertMonotonicAndPlausible(r, 0.0, 1.5);
        // LOG module start time; its date agrees with the date stamped in the settings module header (03.15.17)
        assertThat(r.start()).contains(LocalDateTime.of(2017, 3, 15, 10, 22, 54));
        assertThat(r.metadata()).containsEntry("electrode material", "Si/C");
        // the file's own (Q-Qo)/mA.h against its integrated I/mA: total and per half-cycle ≤ 0.5 %
        double qFile = r.charge()[r.size() - 1];
        double qInt = r.integratedCharge()[r.size() - 1];
        System.out.printf("mpr: Q-Qo %.6f mAh, integrated %.6f mAh (%.3f %%)%n", qFile, qInt, 100 * (qInt / qFile - 1));
        assertThat(qFile).isCloseTo(4.97689, within(1e-5));
        assertThat(Math.abs(qInt / qFile - 1)).isLessThan(0.005);
        assertThat(worstHalfCycleMismatch(r, 0.1)).isLessThan(0.005);
        // modes from the packed flags: galvanostatic and rest steps, impedance points where freq/Hz > 0
        assertThat(r.mode()).contains(EchemRecord.Mode.GALVANOSTATIC, EchemRecord.Mode.REST, EchemRecord.Mode.IMPEDANCE);
        assertThat(r.step()[r.size() - 1]).isEqualTo(11);
    }

    @Test
    void newareCsv() throws Exception {
        Path p = SharedData.require("echem/neware_example.csv");
        EchemRecord r = EchemReaders.read(p);
        assertThat(EchemReaders.detect(p)).isEqualTo(EchemReaders.Format.NEWARE);
        assertThat(r.size()).isEqualTo(9065); // DataPoint 1 … 9065
        assertThat(r.warnings()).isEmpty();
        assertMonotonicAndPlausible(r, 0.0, 3.5);
        // last row: Cumulative Time 144:02:18; first row: Date 2022-05-18 16:27:52
        assertThat(r.time()[r.size() - 1]).isEqualTo(144 * 3600 + 2 * 60 + 18);
        assertThat(r.start()).contains(LocalDateTime.of(2022, 5, 18, 16, 27, 52));
        assertThat(r.cycle()[r.size() - 1]).isEqualTo(3); // Cycle Index 4, 0-based
        // last row: Current(A) 0.00099171 in a 'CC Chg' step, Capacity(Ah) 0.00143796
        assertThat(r.current()[r.size() - 1]).isCloseTo(0.99171, within(1e-9));
        double worst = worstHalfCycleMismatch(r, 0.1);
        System.out.printf("neware: worst half-cycle capacity mismatch file vs integrated %.3f %%%n", 100 * worst);
        assertThat(worst).isLessThan(0.005);
        List<CycleMetrics.HalfCycle> hs = CycleMetrics.halfCycles(r);
        CycleMetrics.HalfCycle last = hs.get(hs.size() - 1);
        assertThat(last.sign()).isEqualTo(1);
        assertThat(last.capacityMAh()).isCloseTo(1.43796, within(1e-6));
    }

    @Test
    void maccorText() throws Exception {
        Path p = SharedData.require("echem/maccor_example.txt");
        EchemRecord r = EchemReaders.read(p);
        assertThat(EchemReaders.detect(p)).isEqualTo(EchemReaders.Format.MACCOR);
        assertThat(r.size()).isEqualTo(7446); // Rec 1 … 7446
        assertThat(r.warnings()).isEmpty();
        assertMonotonicAndPlausible(r, 0.0, 4.5);
        // 'Started 5/11/2021 3:40:24 PM'; TestTime is in minutes here: the last DPT Time 5/14/2021 7:10:13 AM is
        // 3809.84 min after the start, the last TestTime 3809.841833
        assertThat(r.start()).contains(LocalDateTime.of(2021, 5, 11, 15, 40, 24));
        assertThat(r.time()[r.size() - 1]).isCloseTo(3809.841833 * 60, within(1e-6));
        double worst = worstHalfCycleMismatch(r, 0.1);
        System.out.printf("maccor: worst half-cycle capacity mismatch file vs integrated %.3f %%%n", 100 * worst);
        assertThat(worst).isLessThan(0.005);
        // discharge currents carry the sign of 'Md = D'
        assertThat(r.current()[r.size() - 1]).isCloseTo(-0.16037, within(1e-9));
    }

    @Test
    void tio2PlainText() throws Exception {
        Path p = SharedData.require("pdf/tio2-bronze-operando/echem_t_V_i.txt");
        EchemRecord r = EchemReaders.read(p);
        assertThat(EchemReaders.detect(p)).isEqualTo(EchemReaders.Format.TEXT);
        assertThat(r.size()).isEqualTo(16037); // 16038 lines, one header
        assertThat(r.warnings()).isEmpty();
        assertMonotonicAndPlausible(r, 0.5, 3.5);
        // first row 0 h, 3.1005 V, −1.52e-4 A; last row 22.264 h, 1.6610 V
        assertThat(r.voltage()[0]).isEqualTo(3.1005);
        assertThat(r.current()[0]).isCloseTo(-0.152, within(1e-12));
        assertThat(r.time()[r.size() - 1]).isCloseTo(22.264 * 3600, within(1e-6));
        assertThat(r.voltage()[r.size() - 1]).isEqualTo(1.6610);
        assertThat(r.chargeFromFile()).isFalse();
    }

    @Test
    void dqdvOfTheRealSiliconAnodeShowsTheKnownDelithiationPeaks() throws Exception {
        EchemRecord r = EchemReaders.read(SharedData.require("echem/neware_example.csv"));
        List<CycleMetrics.HalfCycle> hs = CycleMetrics.halfCycles(r);
        // the three slow (≈ 0.25 mA) charges: amorphous Li_xSi delithiates in two broad steps, dQ/dV peaks near
        // 0.3 V and 0.5 V vs Li⁺/Li (Obrovac & Krause 2007 and many since); here 0.27 and 0.48 V, the same in
        // every cycle within 10 mV; the integral of dQ/dV is the half-cycle's capacity.
        double[] first = null;
        for (int k : new int[] {1, 3, 5}) {
            CycleMetrics.HalfCycle h = hs.get(k);
            assertThat(h.direction()).isEqualTo("charge");
            DqDv.Result d = DqDv.of(r, h, 0.005, 0.01, 0.05);
            // the two most prominent peaks, in voltage order (a weak shoulder near 0.12 V is also found)
            List<DqDv.Peak> top = d.peaks().stream()
                    .sorted((p1, p2) -> Double.compare(p2.prominenceMAhPerV(), p1.prominenceMAhPerV())).limit(2)
                    .sorted((p1, p2) -> Double.compare(p1.voltageV(), p2.voltageV())).toList();
            assertThat(top).hasSize(2);
            double a = top.get(0).voltageV();
            double b = top.get(1).voltageV();
            assertThat(a).isBetween(0.24, 0.33);
            assertThat(b).isBetween(0.44, 0.52);
            if (first == null) {
                first = new double[] {a, b};
            } else {
                assertThat(a).isCloseTo(first[0], within(0.010));
                assertThat(b).isCloseTo(first[1], within(0.010));
            }
            double integral = 0;
            for (double y : d.dqdvMAhPerV()) {
                integral += y * 0.005;
            }
            assertThat(integral).isCloseTo(h.capacityMAh(), within(1e-6 * h.capacityMAh()));
        }
    }

    @Test
    void maccorDischargePeaksLieBelowTheChargePeaks() throws Exception {
        EchemRecord r = EchemReaders.read(SharedData.require("echem/maccor_example.txt"));
        List<CycleMetrics.HalfCycle> hs = CycleMetrics.halfCycles(r);
        assertThat(hs).extracting(CycleMetrics.HalfCycle::direction)
                .containsExactly("charge", "discharge", "charge", "discharge");
        for (int c = 0; c < 2; c++) {
            List<DqDv.Peak> ch = DqDv.of(r, hs.get(2 * c), 0.005, 0.01, 0.1).peaks();
            List<DqDv.Peak> dis = DqDv.of(r, hs.get(2 * c + 1), 0.005, 0.01, 0.1).peaks();
            assertThat(ch).hasSize(2);
            assertThat(dis).hasSize(2);
            for (int k = 0; k < 2; k++) {
                // polarisation: the same redox step sits 20–150 mV lower on discharge than on charge
                double hysteresis = ch.get(k).voltageV() - dis.get(k).voltageV();
                assertThat(hysteresis).isBetween(0.02, 0.15);
            }
        }
    }
}
