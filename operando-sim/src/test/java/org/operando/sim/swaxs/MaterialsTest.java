package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.operando.testing.PythonPeer;

class MaterialsTest {
    @Test
    void tabulatedEnergiesAreReproducedExactly() {
        assertThat(Materials.elementMassAttenuation("C", 10.0)).isCloseTo(2.373, within(1e-12));
        assertThat(Materials.elementMassAttenuation("Fe", 15.0)).isCloseTo(57.08, within(1e-9));
    }

    @Test
    void massFractionsOfSilicaAndNaPF6AreStoichiometric() {
        Map<String, Double> w = Materials.quartz();
        assertThat(w.get("Si")).isCloseTo(28.086 / (28.086 + 2 * 15.999), within(1e-12));
        double total = Materials.electrolyte().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void steelPinIsOpaqueAndCellTransmitsAsExpected() {
        Materials.Attenuation mu = Materials.attenuation(13.2);
        // the 1.45 mm steel pin: transmission far below the study's 0.1 mask threshold
        assertThat(Math.exp(-mu.steel() * 1.45)).isLessThan(1e-30);
        // 10 µm of steel already absorbs > 40 %
        assertThat(Math.exp(-mu.steel() * 0.010)).isLessThan(0.6);
        // both quartz walls at the capillary centre (2 × 150 µm) and 1.5 mm of electrolyte
        double t = Math.exp(-mu.quartz() * 0.3 - mu.electrolyte() * 1.5);
        assertThat(t).isBetween(0.30, 0.40);
        // the porous electrode attenuates a little less than electrolyte (low-Z carbon replaces PF6-rich liquid)
        assertThat(mu.electrode()).isLessThan(mu.electrolyte()).isGreaterThan(0.8 * mu.electrolyte());
    }

    /** Parity with xraydb (Elam tables): element μ/ρ at 13.2 keV and the cell materials' μ within 3 %. */
    @Test
    void attenuationMatchesXraydb() throws Exception {
        String py = PythonPeer.require("xraydb", "python3-xraydb");
        String[] elements = {"H", "C", "O", "F", "Na", "Si", "P", "Cr", "Fe", "Ni"};
        String script = "import xraydb,sys\n"
                + "for el in sys.argv[1:]: print(xraydb.mu_elam(el, 13200.0))\n"
                + "print(xraydb.material_mu('SiO2', 13200.0, density=2.2)/10)\n"
                + "print(xraydb.material_mu('Na', 13200.0, density=0.968)/10)\n"
                + "print(xraydb.material_mu('Fe0.72Cr0.19Ni0.09', 13200.0, density=7.9)/10)\n";
        PythonPeer.Result r = PythonPeer.run(py, script, elements);
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\\s+");
        for (int i = 0; i < elements.length; i++) {
            double ref = Double.parseDouble(lines[i]);
            assertThat(Materials.elementMassAttenuation(elements[i], 13.2)).as(elements[i])
                    .isCloseTo(ref, within(0.03 * ref));
        }
        Materials.Attenuation mu = Materials.attenuation(13.2);
        double quartz = Double.parseDouble(lines[elements.length]);
        double na = Double.parseDouble(lines[elements.length + 1]);
        assertThat(mu.quartz()).isCloseTo(quartz, within(0.03 * quartz));
        assertThat(mu.sodium()).isCloseTo(na, within(0.03 * na));
        // steel given by atom fractions in the formula: only a loose check (mass vs atom fractions differ slightly)
        double steel = Double.parseDouble(lines[elements.length + 2]);
        assertThat(mu.steel()).isCloseTo(steel, within(0.06 * steel));
    }
}
