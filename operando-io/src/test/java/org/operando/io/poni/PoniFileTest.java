package org.operando.io.poni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.testing.SharedData;
import org.operando.util.InvalidInputException;

class PoniFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheRealDanmaxPoni() {
        Path p = SharedData.require("detector/danmax-pilatus-cdte-2m/danmax_pilatus_cdte_2m.poni");
        Geometry g = PoniFile.read(p);
        assertThat(g.detector().name()).isEqualTo("PilatusCdTe2M");
        assertThat(g.detector().rows()).isEqualTo(1679);
        assertThat(g.dist()).isEqualTo(0.5005323453766798);
        assertThat(g.poni1()).isEqualTo(0.27063828989712985);
        assertThat(g.poni2()).isEqualTo(0.13022171576266595);
        assertThat(g.rot1()).isEqualTo(0.002704076817037748);
        assertThat(g.rot2()).isEqualTo(0.0015887138461635466);
        assertThat(g.rot3()).isEqualTo(0.0);
        assertThat(g.wavelength()).isEqualTo(4.95936793732801e-11);
        // pyFAI prints for this file: Center: x=749.234, y=1578.102 pix
        double[] bc = g.beamCentrePixels();
        assertThat(bc[1]).isBetween(749.2335, 749.2345);
        assertThat(bc[0]).isBetween(1578.1015, 1578.1025);
    }

    @Test
    void writeThenReadGivesTheSameGeometry() throws Exception {
        Geometry g = new Geometry(Detector.named("Eiger2 CdTe 4M"), 0.31234567891234, 0.081, -0.0123, 0.01, -0.02, 1e-3,
                1.2345678901234e-10);
        Path f = tmp.resolve("g.poni");
        PoniFile.write(f, g);
        Geometry back = PoniFile.read(f);
        assertThat(back.parameters()).containsExactly(g.parameters());
        assertThat(back.wavelength()).isEqualTo(g.wavelength());
        assertThat(back.detector()).isEqualTo(g.detector());
        assertThat(Files.readString(f)).contains("poni_version: 2").contains("Detector: Eiger2CdTe_4M");

        Geometry gen = new Geometry(Detector.generic(1e-4, 2e-4, 100, 50), 0.1, 0.01, 0.02, 0, 0, 0, Double.NaN);
        PoniFile.write(f, gen);
        Geometry back2 = PoniFile.read(f);
        assertThat(back2.detector().pixel2()).isEqualTo(2e-4);
        assertThat(back2.detector().rows()).isEqualTo(100);
        assertThat(back2.hasWavelength()).isFalse();
    }

    @Test
    void readsVersion1WithPixelSizes() {
        String v1 = "# comment\nPixelSize1: 7.5e-05\nPixelSize2: 7.5e-05\nDistance: 0.1\nPoni1: 0.04\nPoni2: 0.035\n"
                + "Rot1: 0.0\nRot2: 0.0\nRot3: 0.0\nWavelength: 1e-10\n";
        Geometry g = PoniFile.parse(v1, "v1.poni", new int[] {1065, 1030});
        assertThat(g.detector().isGeneric()).isTrue();
        assertThat(g.detector().cols()).isEqualTo(1030);
        assertThat(g.dist()).isEqualTo(0.1);
        String v1named = "Detector: Pilatus1M\nDist: 0.2\nPoni1: 0.1\nPoni2: 0.1\n";
        Geometry g2 = PoniFile.parse(v1named, "v1b.poni", null);
        assertThat(g2.detector().name()).isEqualTo("Pilatus1M");
        assertThat(g2.rot1()).isZero();
    }

    @Test
    void badPoniFilesNameTheProblem() {
        assertThatThrownBy(() -> PoniFile.parse("poni_version: 2\nDetector: Pilatus1M\nDetector_config: {}\nDistance: -1\n"
                + "Poni1: 0\nPoni2: 0\n", "x.poni", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.poni").hasMessageContaining("Distance");
        assertThatThrownBy(() -> PoniFile.parse("poni_version: 2\nDetector: Pilatus1M\nDetector_config: {}\n"
                + "Poni1: 0\nPoni2: 0\n", "y.poni", null)).hasMessageContaining("y.poni").hasMessageContaining("distance");
        assertThatThrownBy(() -> PoniFile.parse("poni_version: 2\nDetector: Foo\nDetector_config: {}\nDistance: 1\n"
                + "Poni1: 0\nPoni2: 0\n", "z.poni", null)).hasMessageContaining("unknown detector 'Foo'");
        assertThatThrownBy(() -> PoniFile.parse("poni_version: 2\nDetector: Pilatus1M\nDetector_config: {oops\nDistance: 1\n"
                + "Poni1: 0\nPoni2: 0\n", "w.poni", null)).hasMessageContaining("Detector_config");
        assertThatThrownBy(() -> PoniFile.read(tmp.resolve("missing.poni"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.poni");
    }
}
