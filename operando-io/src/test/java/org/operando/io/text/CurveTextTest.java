package org.operando.io.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.CurveSet;
import org.operando.data.Unit;
import org.operando.testing.SharedData;
import org.operando.util.InvalidInputException;

class CurveTextTest {
    @TempDir
    Path dir;

    @Test
    void readsFit2dChiWithItsAxisTitles() {
        Path f = SharedData.require("pdf/ni/ni.chi");
        Curve c = CurveText.readCurve(f);
        assertThat(c.size()).isEqualTo(2000);
        assertThat(c.axis().unit()).isEqualTo(Unit.Q_INV_NM);
        assertThat(c.axis().name()).isEqualTo("Q");
        assertThat(c.quantity()).isEqualTo("Intensity");
        assertThat(c.x(0)).isEqualTo(8.7399699E-02);
        assertThat(c.x(995)).isEqualTo(1.7401280E+02);
        assertThat(c.y(995)).isEqualTo(2.6913991E+05);
        double sum = 0;
        for (double v : c.values()) {
            sum += v;
        }
        assertThat(sum).isCloseTo(8.07852e+08, org.assertj.core.data.Percentage.withPercentage(1e-4)); // awk's sum
    }

    @Test
    void readsXpdfsuiteGrWithConfigurationHeader() {
        Path f = SharedData.require("pdf/ni/ni.gr");
        TextTable t = CurveText.read(f);
        assertThat(t.rowCount()).isEqualTo(8001);
        assertThat(t.names()).containsExactly("r($\\AA$)", "G($\\AA^{-2}$)");
        assertThat(t.units()).containsExactly(Unit.ANGSTROM, Unit.INV_ANGSTROM_SQUARED);
        assertThat(t.headerLines()).anyMatch(l -> l.startsWith("composition = Ni"));
        Curve g = CurveText.readCurve(f);
        assertThat(g.x(250)).isEqualTo(2.5);
        assertThat(g.y(250)).isEqualTo(5.43076);
        // physics: the first G(r) peak of fcc Ni sits at the nearest-neighbour distance a/√2 = 3.524/√2 = 2.49 Å
        int best = -1;
        for (int i = 0; i < g.size(); i++) {
            if (g.x(i) >= 2 && g.x(i) <= 3 && (best < 0 || g.y(i) > g.y(best))) {
                best = i;
            }
        }
        assertThat(g.x(best)).isEqualTo(2.49);
    }

    @Test
    void readsTabSeparatedEchemWithBracketUnits() {
        Path f = SharedData.require("pdf/tio2-bronze-operando/echem_t_V_i.txt");
        TextTable t = CurveText.read(f);
        assertThat(t.columnCount()).isEqualTo(3);
        assertThat(t.names()).containsExactly("t [h]", "V [V]", "i [A]");
        assertThat(t.units().subList(0, 2)).containsExactly(Unit.HOUR, Unit.VOLT);
        assertThat(t.rowCount()).isEqualTo(16037);
        assertThat(t.columns()[0][t.rowCount() - 1]).isEqualTo(22.264);
        assertThat(t.columns()[1][t.rowCount() - 1]).isEqualTo(1.661);
    }

    @Test
    void curveRoundTripsExactlyWithUnitsInHeader() throws Exception {
        Axis q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.01, 25, 1234);
        double[] v = new double[q.size()];
        double[] s = new double[q.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(q.get(i)) / q.get(i) * 1e4 + Math.PI * 1e-9;
            s[i] = Math.sqrt(Math.abs(v[i]));
        }
        Curve c = new Curve(q, v, s, "I", Unit.ARBITRARY);
        for (String name : new String[] {"c.xy", "c.csv", "c.dat"}) {
            Path f = dir.resolve(name);
            CurveText.writeCurve(f, c, "sample: test\nsecond line");
            String text = Files.readString(f);
            assertThat(text).startsWith("# written by operando\n# sample: test\n# second line\n");
            assertThat(text).contains(name.endsWith(".csv") ? "# q (1/angstrom),I (a.u.),sigma_I (a.u.)"
                    : "# q (1/angstrom)  I (a.u.)  sigma_I (a.u.)");
            Curve back = CurveText.readCurve(f);
            assertThat(back.axis().values()).containsExactly(q.values());
            assertThat(back.values()).containsExactly(v);
            assertThat(back.sigma()).containsExactly(s);
            assertThat(back.axis().unit()).isEqualTo(Unit.Q_INV_ANGSTROM);
            assertThat(back.axis().name()).isEqualTo("q");
        }
    }

    @Test
    void curveSetIsWrittenAsATable() throws Exception {
        Axis tth = Axis.linear("2theta", Unit.TWO_THETA_DEG, 2, 20, 50);
        CurveSet set = CurveSet.allocate(tth, 3, false, "I", Unit.COUNTS);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 50; k++) {
                set.set(i, k, i * 1000 + k + 0.25f);
            }
        }
        Path f = dir.resolve("set.dat");
        CurveText.writeCurveSet(f, set, List.of("scan 1", "scan 2", "scan 3"));
        TextTable t = CurveText.read(f);
        assertThat(t.names()).containsExactly("2theta (deg)", "scan_1 (counts)", "scan_2 (counts)", "scan_3 (counts)");
        assertThat(t.units()).containsExactly(Unit.TWO_THETA_DEG, Unit.COUNTS, Unit.COUNTS, Unit.COUNTS);
        assertThat(t.rowCount()).isEqualTo(50);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 50; k++) {
                assertThat(t.columns()[i + 1][k]).isEqualTo(set.get(i, k));
            }
        }
        assertThat(t.columns()[0]).containsExactly(tth.values());
    }

    @Test
    void utf8NamesSurviveAndLatin1FilesStillRead() throws Exception {
        Axis tth = Axis.linear("2θ", Unit.TWO_THETA_DEG, 2, 20, 4);
        CurveSet set = CurveSet.allocate(tth, 1, false, "I", Unit.COUNTS);
        Path f = dir.resolve("utf8.xy");
        CurveText.writeCurveSet(f, set, List.of("Å-scan"));
        TextTable t = CurveText.read(f);
        assertThat(t.names()).containsExactly("2θ (deg)", "Å-scan (counts)");
        assertThat(t.units().get(0)).isEqualTo(Unit.TWO_THETA_DEG);
        Path latin = dir.resolve("latin1.xy");
        Files.write(latin, "# E (eV)  µ\n1 2\n3 4\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        TextTable l = CurveText.read(latin);
        assertThat(l.names()).containsExactly("E (eV)", "µ");
        assertThat(l.units().get(0)).isEqualTo(Unit.ELECTRON_VOLT);
    }

    @Test
    void badInputNamesFileAndLine() throws Exception {
        Path f = dir.resolve("bad.xy");
        Files.writeString(f, "# x y\n1 2\n3 4\n5 oops\n");
        assertThatThrownBy(() -> CurveText.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f + ":4").hasMessageContaining("not a row of numbers");
        Files.writeString(f, "1 2\n3 4 5\n");
        assertThatThrownBy(() -> CurveText.read(f)).hasMessageContaining(f + ":2: has 3 columns, expected 2");
        Files.writeString(f, "# only a header\n");
        assertThatThrownBy(() -> CurveText.read(f)).hasMessageContaining("no rows");
        Files.write(f, new byte[] {0, 1, 2, 3, 10, 20});
        assertThatThrownBy(() -> CurveText.read(f)).hasMessageContaining("binary");
        assertThatThrownBy(() -> CurveText.readCurve(dir.resolve("none.xy"))).hasMessageContaining("no such file");
    }

    @Test
    void readsPyfaiStyleOutput() throws Exception {
        Path f = dir.resolve("pyfai.dat");
        Files.writeString(f, "# == pyFAI calibration ==\n# Distance Sample to Detector: 0.5 m\n# Wavelength: 4.959e-11 m\n"
                + "# --> integrated.dat\n#       2th_deg             I         sigma\n"
                + "  1.000000e+00  1.234000e+02  1.1e+01\n  1.010000e+00  1.250000e+02  1.1e+01\n");
        Curve c = CurveText.readCurve(f);
        assertThat(c.axis().unit()).isEqualTo(Unit.TWO_THETA_DEG);
        assertThat(c.axis().name()).isEqualTo("2th");
        assertThat(c.quantity()).isEqualTo("I");
        assertThat(c.sigma()).containsExactly(11, 11);
    }

    @Test
    void unitsAreInferredFromCommonSpellings() {
        assertThat(CurveText.inferUnit("q (1/angstrom)")).isEqualTo(Unit.Q_INV_ANGSTROM);
        assertThat(CurveText.inferUnit("Q($\\AA^{-1}$)")).isEqualTo(Unit.Q_INV_ANGSTROM);
        assertThat(CurveText.inferUnit("q_nm^-1")).isEqualTo(Unit.Q_INV_NM);   // pyFAI's names
        assertThat(CurveText.inferUnit("q_A^-1")).isEqualTo(Unit.Q_INV_ANGSTROM);
        assertThat(CurveText.inferUnit("chi_deg")).isEqualTo(Unit.CHI_DEG);
        assertThat(CurveText.inferUnit("r_mm")).isEqualTo(Unit.RADIUS_MM);
        assertThat(CurveText.baseName("q_nm^-1")).isEqualTo("q");
        assertThat(CurveText.inferUnit("q (nm^-1)")).isEqualTo(Unit.Q_INV_NM);
        assertThat(CurveText.inferUnit("2th_deg")).isEqualTo(Unit.TWO_THETA_DEG);
        assertThat(CurveText.inferUnit("E [eV]")).isEqualTo(Unit.ELECTRON_VOLT);
        assertThat(CurveText.inferUnit("Intensity")).isEqualTo(Unit.ARBITRARY);
    }
}
