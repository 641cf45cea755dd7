package org.operando.io.figure;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.Unit;

class LinePlotTest {
    @Test
    void writesPngOfRequestedSizeAndDropsNonFinitePoints(@TempDir Path dir) throws Exception {
        Axis q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.01, 1, 100);
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = Math.pow(q.get(i), -4);
        }
        v[3] = Double.NaN;
        Curve c = new Curve(q, v, null, "I", Unit.ARBITRARY);
        Path png = dir.resolve("iq.png");
        LinePlot p = LinePlot.of("power law", c).logX(true).logY(true).size(640, 400);
        p.writePng(png);
        BufferedImage im = ImageIO.read(png.toFile());
        assertThat(im.getWidth()).isEqualTo(640);
        assertThat(im.getHeight()).isEqualTo(400);
        assertThat(q.label()).isEqualTo("q (Å⁻¹)");
    }

    @Test
    void emptySeriesStillRenders() {
        BufferedImage im = new LinePlot("t", "x (s)", "y (V)").line("nan", new double[] {Double.NaN}, new double[] {1})
                .render();
        assertThat(im.getWidth()).isEqualTo(800);
    }
}
