package org.operando.echem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchemSyncTest {
    /** Rest 600 s at 1.0 V, discharge at −1 mA for 3600 s with V = 1.0 − t'/7200, rest 600 s. */
    static EchemRecord record() {
        SyntheticCell c = new SyntheticCell(10);
        c.step(0, 600, q -> 1.0).step(-1, 3600, q -> 1.0 + q / 2.0).step(0, 600, q -> 0.5);
        return EchemRecord.builder("synthetic", c.time(), c.voltage()).current(c.current())
                .start(java.time.LocalDateTime.parse("2026-01-01T10:00:00")).build();
    }

    @Test
    void windowMeansAreExactTimeAverages() {
        EchemRecord r = record();
        // window 1200..1800 s (in discharge): V linear in t → mean = V(mid) = 1 − (1500−600)/7200
        List<EchemSync.ScanState> s = EchemSync.place(r, List.of(new EchemSync.ScanWindow("a", 1200, 1800)), 0);
        EchemSync.ScanState a = s.get(0);
        assertThat(a.meanTimeS()).isCloseTo(1500, within(1e-9));
        assertThat(a.voltageV()).isCloseTo(1 - 900 / 7200.0, within(1e-9));
        assertThat(a.currentMA()).isCloseTo(-1, within(1e-12));
        assertThat(a.chargeMAh()).isCloseTo(-900 / 3600.0, within(1e-9));
        // SoC over the record's charge span (0 … −1 mAh): (−0.25 − (−1)) / 1 = 0.75
        assertThat(a.soc()).isCloseTo(0.75, within(1e-9));
        assertThat(a.rest()).isFalse();
        assertThat(a.covered()).isTrue();
    }

    @Test
    void windowAcrossTheStartOfTheDischargeAveragesThePiecewiseProfile() {
        EchemRecord r = record();
        // 300..900 s: half rest at 1.0 V, half discharge from 1.0 to 1 − 300/7200 V → mean V = (300·1 + 300·(1 − 150/7200))/600
        EchemSync.ScanState a = EchemSync.place(r, List.of(new EchemSync.ScanWindow("b", 300, 900)), 0).get(0);
        assertThat(a.voltageV()).isCloseTo((300 + 300 * (1 - 150 / 7200.0)) / 600, within(1e-9));
        assertThat(a.restFraction()).isCloseTo(0.5, within(10 / 600.0)); // one 10 s sample of ramp at the edge
    }

    @Test
    void restScansAreMarkedAndOffsetShiftsTheClock() {
        EchemRecord r = record();
        List<EchemSync.ScanWindow> w = EchemSync.schedule(3, 100, 2000, 200);
        // scans at 100, 2100, 4100 s (+200 s long); the last lies after the discharge (ends 4200) → 4100..4300
        // straddles the end of the discharge; with an offset of +500 s it is fully in the final rest.
        List<EchemSync.ScanState> s0 = EchemSync.place(r, w, 0);
        assertThat(s0.get(0).rest()).isTrue();
        assertThat(s0.get(1).rest()).isFalse();
        List<EchemSync.ScanState> s1 = EchemSync.place(r, w, 500);
        assertThat(s1.get(2).startS()).isCloseTo(4600, within(1e-12));
        assertThat(s1.get(2).rest()).isTrue();
        assertThat(s1.get(2).voltageV()).isCloseTo(0.5, within(1e-12));
        assertThat(s1.get(2).soc()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void absoluteTimestampsAndWindowsOutsideTheRecord() {
        EchemRecord r = record();
        Instant t0 = r.start().orElseThrow().toInstant(java.time.ZoneOffset.UTC);
        EchemSync.ScanWindow w = EchemSync.ScanWindow.of("abs", t0.plusSeconds(1200), t0.plusSeconds(1800), t0);
        assertThat(w.startS()).isEqualTo(1200);
        EchemSync.ScanState out = EchemSync.place(r, List.of(new EchemSync.ScanWindow("late", 9000, 9100)), 0).get(0);
        assertThat(out.covered()).isFalse();
        assertThat(out.voltageV()).isNaN();
        EchemSync.ScanState point = EchemSync.place(r, List.of(new EchemSync.ScanWindow("p", 1500, 1500)), 0).get(0);
        assertThat(point.voltageV()).isCloseTo(1 - 900 / 7200.0, within(1e-9));
    }

    @Test
    void withoutCurrentTheCurrentChargeAndRestAreUnknownNotZero() {
        EchemRecord r = EchemRecord.builder("v-only", new double[] {0, 100, 200}, new double[] {3.0, 3.1, 3.2}).build();
        EchemSync.ScanState s = EchemSync.place(r, List.of(new EchemSync.ScanWindow("a", 50, 150)), 0).get(0);
        assertThat(s.voltageV()).isCloseTo(3.1, within(1e-12));
        assertThat(s.currentMA()).isNaN();
        assertThat(s.chargeMAh()).isNaN();
        assertThat(s.soc()).isNaN();
        assertThat(s.restFraction()).isNaN();
        assertThat(s.rest()).isFalse();
    }
}
