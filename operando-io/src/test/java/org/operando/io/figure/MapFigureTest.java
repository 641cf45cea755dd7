package org.operando.io.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Map2D;
import org.operando.data.Unit;

class MapFigureTest {
    /** Left half 0, right half 10, one masked pixel column at x = 5. */
    private static float[] halves(int w, int h) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = x < w / 2 ? 0f : 10f;
            }
        }
        return v;
    }

    @Test
    void linearScaleMapsExtremesToEndsOfTheColourMap() {
        int w = 20;
        int h = 10;
        boolean[] mask = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            mask[y * w + 5] = true;
        }
        MapFigure f = MapFigure.of(halves(w, h), w, h).range(0, 10).mask(mask).size(200);
        BufferedImage im = f.render();
        // image starts at (20, 16) without a title; 200 px wide -> 10 screen px per pixel
        int lowRgb = im.getRGB(20 + 15, 16 + 50) & 0xFFFFFF;
        int highRgb = im.getRGB(20 + 150, 16 + 50) & 0xFFFFFF;
        int maskRgb = im.getRGB(20 + 55, 16 + 50) & 0xFFFFFF;
        assertThat(lowRgb).isEqualTo(ColorMap.VIRIDIS.rgb(0));
        assertThat(highRgb).isEqualTo(ColorMap.VIRIDIS.rgb(1));
        assertThat(maskRgb).isEqualTo(0xFFFFFF);
    }

    @Test
    void divergingMapIsSymmetricAboutZero() {
        float[] v = {-1f, 0f, 3f, 2f};
        MapFigure f = MapFigure.of(v, 2, 2).colorMap(ColorMap.DIVERGING).range(-1, 3);
        assertThat(f.colorRange()).containsExactly(-3, 3);
        // zero maps to the neutral centre of coolwarm: r ≈ g ≈ b
        int c = ColorMap.DIVERGING.rgb(0.5);
        int r = c >> 16 & 255;
        int g = c >> 8 & 255;
        int b = c & 255;
        assertThat(Math.abs(r - b)).isLessThan(20);
        assertThat(Math.abs(r - g)).isLessThan(30);
    }

    @Test
    void percentileRangeIgnoresMaskedAndNonFiniteValues() {
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i;
        }
        v[0] = Float.NaN;
        boolean[] m = new boolean[100];
        m[99] = true; // would be the maximum
        double[] r = MapFigure.of(v, 10, 10).mask(m).percentiles(0, 100).colorRange();
        assertThat(r[0]).isEqualTo(1.0);
        assertThat(r[1]).isEqualTo(98.0);
    }

    @Test
    void logScaleRangeIsPositive() {
        float[] v = {-2f, 0f, 10f, 1000f};
        double[] r = MapFigure.of(v, 2, 2).scale(MapFigure.Scale.LOG).percentiles(0, 100).colorRange();
        assertThat(r[0]).isEqualTo(10.0);
        assertThat(r[1]).isEqualTo(1000.0);
    }

    @Test
    void nonSquarePixelsKeepTheirPhysicalAspect(@TempDir Path dir) throws Exception {
        // 40 x 20 raster of 25 x 15 µm: physical 1000 x 300 µm -> image 640 x 192
        Map2D map = Map2D.of(40, 20, new float[800], 25, 15, "T", Unit.DIMENSIONLESS);
        Path png = dir.resolve("map.png");
        MapFigure.of(map).title("transmission").writePng(png);
        BufferedImage im = ImageIO.read(png.toFile());
        assertThat(im).isNotNull();
        // title -> image top at 40; bottom edge of the image frame at 40 + 192
        assertThat(im.getRGB(20 + 100, 40 + 191) & 0xFFFFFF).isNotEqualTo(0xFFFFFF);
        assertThat(im.getRGB(20 + 100, 40 + 194) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(Files.list(dir).count()).isEqualTo(1); // no temporary files left
    }

    @Test
    void ticksAreNiceNumbers() {
        assertThat(Ticks.linear(0, 10, 5)).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(Ticks.linear(-0.03, 0.03, 5)).contains(-0.02, 0.0, 0.02);
        assertThat(Ticks.log(1, 1000)).containsExactly(1, 10, 100, 1000);
        assertThat(Ticks.label(0.25, new double[] {0, 0.25, 0.5})).isEqualTo("0.25");
        assertThat(Ticks.label(2e6, new double[] {0, 1e6, 2e6})).isEqualTo("2.0e6");
        assertThat(Double.parseDouble(Ticks.label(0.1, Ticks.linear(0, 0.5, 5)))).isCloseTo(0.1, within(1e-12));
    }
}
