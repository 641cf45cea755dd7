package org.operando.io.echem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.echem.CycleMetrics;
import org.operando.echem.EchemRecord;
import org.operando.testing.SharedData;
import org.operando.util.InvalidInputException;

class BadInputTest {
    @TempDir
    Path dir;

    // Layout of the shipped .mpr (checked in RealFilesTest): settings module at byte 52, data module header at
    // byte 3369, data content at 3369 + 6 + 51 = 3426, data from content + 405, records of 153 bytes.
    static final int DATA_MODULE = 3369;
    static final int DATA_CONTENT = DATA_MODULE + 57;
    static final int DATA_START = DATA_CONTENT + 405;
    static final int RECORD = 153;

    byte[] mpr() throws Exception {
        return Files.readAllBytes(SharedData.require("echem/biologic_example.mpr"));
    }

    Path write(String name, byte[] b) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void truncatedMprKeepsTheCompleteRecordsAndSaysWhere() throws Exception {
        byte[] full = mpr();
        EchemRecord ref = MprReader.parse("full", full);
        int cut = DATA_START + 1000 * RECORD + 77; // 1000 complete records and part of the next
        EchemRecord r = EchemReaders.read(write("cut.mpr", Arrays.copyOf(full, cut)));
        assertThat(r.size()).isEqualTo(1000);
        assertThat(Arrays.copyOf(r.voltage(), 1000)).containsExactly(Arrays.copyOf(ref.voltage(), 1000));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("cut.mpr").contains("byte " + (DATA_START + 1000 * RECORD))
                .contains("23561").contains("1000 complete records"));
        // no LOG module any more: the start time is unknown, and said so
        assertThat(r.start()).isEmpty();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("no acquisition start time"));
    }

    @Test
    void mprTruncatedBeforeAnyRecordIsRefused() throws Exception {
        byte[] full = mpr();
        assertThatThrownBy(() -> EchemReaders.read(write("a.mpr", Arrays.copyOf(full, 30))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a.mpr").hasMessageContaining("byte 0");
        assertThatThrownBy(() -> MprReader.parse("b.mpr", Arrays.copyOf(full, DATA_START + 100)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("b.mpr")
                .hasMessageContaining("no complete data record");
        assertThatThrownBy(() -> MprReader.parse("c.mpr", Arrays.copyOf(full, 2000)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no 'VMP data' module");
    }

    @Test
    void unknownDataModuleVersionIsInferredFromTheModuleLength() throws Exception {
        byte[] b = mpr();
        // old-layout header: length at +6+35, version at +6+39
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(DATA_MODULE + 6 + 39, 7);
        EchemRecord r = MprReader.parse("v7.mpr", b);
        EchemRecord ref = MprReader.parse("ref", mpr());
        assertThat(r.size()).isEqualTo(ref.size());
        assertThat(r.voltage()).containsExactly(ref.voltage());
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("version 7").contains("byte " + DATA_MODULE)
                .contains("inferred"));
    }

    @Test
    void unknownVersionWithUnknownLayoutIsRefused() throws Exception {
        byte[] b = mpr();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(DATA_MODULE + 6 + 39, 7);
        // column 5 (ID 131 'Ns', u16) → unknown ID 999: both the offset and a width are unknown
        bb.putShort(DATA_CONTENT + 5 + 2 * 6, (short) 999);
        assertThatThrownBy(() -> MprReader.parse("v7x.mpr", b)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("v7x.mpr").hasMessageContaining("version 7");
    }

    @Test
    void oneUnknownColumnIsSkippedWithItsWidthInferred() throws Exception {
        byte[] b = mpr();
        // column index 14 is ID 74 (Energy/W.h, f8) → 999
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(DATA_CONTENT + 5 + 2 * 14, (short) 999);
        EchemRecord r = MprReader.parse("u.mpr", b);
        EchemRecord ref = MprReader.parse("ref", mpr());
        assertThat(r.current()).containsExactly(ref.current());
        assertThat(r.charge()).containsExactly(ref.charge());
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("column ID 999").contains("8 bytes")
                .contains("byte " + (DATA_CONTENT + 5 + 28)));
    }

    @Test
    void severalUnknownColumnsAfterTheNeededOnesLeaveTheNeededOnes() throws Exception {
        byte[] b = mpr();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(DATA_CONTENT + 5 + 2 * 32, (short) 998); // IDs 123, 124 (energies) → unknown
        bb.putShort(DATA_CONTENT + 5 + 2 * 33, (short) 999);
        EchemRecord r = MprReader.parse("u2.mpr", b);
        EchemRecord ref = MprReader.parse("ref", mpr());
        assertThat(r.voltage()).containsExactly(ref.voltage());
        assertThat(r.charge()).containsExactly(ref.charge());
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("column ID 998").contains("only the 32 columns"));
    }

    @Test
    void mptWithDecimalCommasReadsLikeDecimalPoints() throws Exception {
        EchemRecord dot = EchemReaders.read(write("dot.mpt", MptFixture.render(false)));
        EchemRecord comma = EchemReaders.read(write("comma.mpt", MptFixture.render(true)));
        assertThat(EchemReaders.detect(dir.resolve("comma.mpt"))).isEqualTo(EchemReaders.Format.MPT);
        assertThat(dot.warnings()).isEmpty();
        assertThat(comma.warnings()).isEmpty();
        assertThat(comma.voltage()).containsExactly(dot.voltage());
        assertThat(comma.charge()).containsExactly(dot.charge());
        assertThat(dot.size()).isEqualTo(841);
        assertThat(dot.start()).contains(LocalDateTime.of(2026, 3, 15, 10, 0, 0));
        assertThat(dot.chargeFromFile()).isTrue();
        assertThat(dot.charge()[dot.size() - 1]).isCloseTo(-0.2, within(1e-7));
        assertThat(dot.integratedCharge()[dot.size() - 1]).isCloseTo(-0.2, within(1e-9));
        assertThat(dot.mode()[0]).isEqualTo(EchemRecord.Mode.REST);
        assertThat(dot.mode()[100]).isEqualTo(EchemRecord.Mode.GALVANOSTATIC);
        assertThat(CycleMetrics.halfCycles(dot)).hasSize(1);
    }

    static String csv(String[] cols, boolean reorder, boolean decimalCommaInCsv) {
        StringBuilder sb = new StringBuilder();
        int[] order = reorder ? new int[] {2, 0, 1} : new int[] {0, 1, 2};
        sb.append(cols[order[0]]).append(',').append(cols[order[1]]).append(',').append(cols[order[2]]).append('\n');
        for (int k = 0; k <= 100; k++) {
            double t = k * 36.0;
            String[] v = {String.format(java.util.Locale.ROOT, "%.1f", t),
                String.format(java.util.Locale.ROOT, "%.4f", 3.0 + 0.001 * k), "0.5"};
            if (decimalCommaInCsv) {
                for (int j = 0; j < 3; j++) {
                    v[j] = v[j].replace('.', ',');
                }
            }
            sb.append(v[order[0]]).append(',').append(v[order[1]]).append(',').append(v[order[2]]).append('\n');
        }
        return sb.toString();
    }

    @Test
    void columnOrderDoesNotMatter() throws Exception {
        String[] cols = {"time/s", "Ewe/V", "I/mA"};
        EchemRecord a = EchemReaders.read(write("a.csv", csv(cols, false, false)));
        EchemRecord b = EchemReaders.read(write("b.csv", csv(cols, true, false)));
        assertThat(b.voltage()).containsExactly(a.voltage());
        assertThat(b.current()).containsExactly(a.current());
        assertThat(a.charge()[a.size() - 1]).isCloseTo(0.5, within(1e-12)); // 0.5 mA for 1 h
    }

    @Test
    void decimalCommasInACommaSeparatedFileAreRefusedWithTheLine() throws Exception {
        String[] cols = {"time/s", "Ewe/V", "I/mA"};
        Path p = write("eu.csv", csv(cols, false, true));
        assertThatThrownBy(() -> EchemReaders.read(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("eu.csv").hasMessageContaining("no data row could be trusted")
                .hasMessageContaining("line 2").hasMessageContaining("decimal commas");
    }

    @Test
    void semicolonSeparatedDecimalCommasAreRead() throws Exception {
        String text = "time/s;Ewe/V;I/mA\n0;3,0;0,5\n3600;3,5;0,5\n";
        EchemRecord r = EchemReaders.read(write("eu.txt", text));
        assertThat(r.voltage()).containsExactly(3.0, 3.5);
        assertThat(r.charge()[1]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void nonMonotonicTimeRowsAreDroppedWithTheirLines() throws Exception {
        String text = "time/s\tEwe/V\tI/mA\n0\t3.0\t1\n10\t3.1\t1\n5\t3.05\t1\n20\t3.2\t1\nx\t3.3\t1\n30\tabc\t1\n40\t3.4\t1\n";
        EchemRecord r = EchemReaders.read(write("nm.tsv", text));
        assertThat(r.time()).containsExactly(0, 10, 20, 40);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("nm.tsv").contains("line 4").contains("time/s")
                .contains("non-monotonic"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("line 6").contains("'x'"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("line 7").contains("Ewe/V").contains("'abc'"));
    }

    @Test
    void missingCurrentColumnIsReportedAndCapacitiesRefused() throws Exception {
        EchemRecord r = EchemReaders.read(write("nocur.txt", "time/s\tEwe/V\n0\t3.0\n10\t3.1\n"));
        assertThat(r.hasCurrent()).isFalse();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("nocur.txt").contains("no current column"));
        assertThatThrownBy(() -> CycleMetrics.halfCycles(r)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nocur.txt").hasMessageContaining("no current");
    }

    @Test
    void missingTimeOrVoltageIsRefusedNamingTheColumns() throws Exception {
        assertThatThrownBy(() -> EchemReaders.read(write("nov.txt", "time/s\tI/mA\n0\t1\n10\t1\n")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nov.txt")
                .hasMessageContaining("voltage column").hasMessageContaining("I/mA");
    }

    @Test
    void columnMappingWithUnits() throws Exception {
        String text = "a\tb\tc\n0\t3.0\t0.001\n1\t3.1\t0.001\n";
        EchemRecord r = EchemReaders.read(write("m.txt", text), EchemReaders.Format.AUTO,
                ColumnMapping.of(Map.of("time", "a:h", "voltage", "#2", "current", "c:A")));
        assertThat(r.time()).containsExactly(0, 3600);
        assertThat(r.current()).containsExactly(1, 1);
        assertThat(r.charge()[1]).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> EchemReaders.read(write("m2.txt", text), EchemReaders.Format.AUTO,
                ColumnMapping.of(Map.of("time", "zz", "voltage", "b")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--column time=zz");
        assertThatThrownBy(() -> ColumnMapping.of(Map.of("power", "a"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--column power");
    }

    @Test
    void wrongUnitInHeaderIsRefusedNamingLineAndColumn() throws Exception {
        assertThatThrownBy(() -> EchemReaders.read(write("u.txt", "time/s\tEwe/K\n0\t3\n1\t3\n")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("u.txt").hasMessageContaining("line 1")
                .hasMessageContaining("Ewe/K");
    }

    @Test
    void badMptHeaderIsRefused() throws Exception {
        String good = MptFixture.render(false);
        assertThatThrownBy(() -> TextFormats.readMpt(write("x.mpt", good.replace("Nb header lines : ", "Nb header lines = "))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("x.mpt").hasMessageContaining("line 2");
    }
}
