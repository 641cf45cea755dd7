package org.operando.io.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.operando.data.Map2D;
import org.operando.data.Mask;
import org.operando.data.Unit;

/**
 * A 2D map or detector image rendered as a figure: the image in a perceptual colour map (linear or log scale),
 * excluded pixels in a mask colour (white by default), a colour bar with ticks and the quantity with its unit,
 * a scale bar in physical units when the pixel size is known, and a title. Non-square raster pixels (e.g. 25 ×
 * 15 µm steps) are drawn with their true aspect ratio.
 */
public final class MapFigure {
    /** Colour scale. */
    public enum Scale { LINEAR, LOG }

    private final float[] values;
    private final int width;
    private final int height;
    private String title = "";
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private Scale scale = Scale.LINEAR;
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private double lowPercentile = 0.5;
    private double highPercentile = 99.5;
    private boolean symmetric;
    private String quantity = "";
    private Unit unit = Unit.ARBITRARY;
    private double pixelX = Double.NaN;
    private double pixelY = Double.NaN;
    private Unit lengthUnit = Unit.MICROMETER;
    private boolean[] excluded;
    private Color maskColor = Color.WHITE;
    private int targetSize = 640;

    private MapFigure(float[] values, int width, int height) {
        if (values.length != (long) width * height) {
            throw new IllegalArgumentException("image " + height + "x" + width + " cannot hold " + values.length + " values");
        }
        this.values = values;
        this.width = width;
        this.height = height;
    }

    /** A figure of a row-major image of {@code width} × {@code height} values (e.g. a detector frame). */
    public static MapFigure of(float[] values, int width, int height) {
        return new MapFigure(values, width, height);
    }

    /** A figure of a map, with its quantity, unit and physical pixel size (for the scale bar). */
    public static MapFigure of(Map2D map) {
        MapFigure f = new MapFigure(map.values(), map.nx(), map.ny());
        f.quantity = map.quantity();
        f.unit = map.unit();
        f.pixelX = map.pixelSizeX();
        f.pixelY = map.pixelSizeY();
        f.lengthUnit = map.lengthUnit();
        return f;
    }

    public MapFigure title(String t) {
        this.title = t == null ? "" : t;
        return this;
    }

    /** Colour map; a diverging map also makes the scale symmetric about zero. */
    public MapFigure colorMap(ColorMap m) {
        this.colorMap = m;
        if (m.isDiverging()) {
            this.symmetric = true;
        }
        return this;
    }

    public MapFigure scale(Scale s) {
        this.scale = s;
        return this;
    }

    /** Fixed colour range [low, high]. */
    public MapFigure range(double low, double high) {
        this.lo = low;
        this.hi = high;
        return this;
    }

    /** Colour range from percentiles of the unmasked finite values (default 0.5 and 99.5). */
    public MapFigure percentiles(double low, double high) {
        this.lowPercentile = low;
        this.highPercentile = high;
        return this;
    }

    /** Colour range symmetric about zero (difference maps). */
    public MapFigure symmetric(boolean s) {
        this.symmetric = s;
        return this;
    }

    /** Colour-bar label: quantity and unit, e.g. ("ΔI/I", RELATIVE) or ("I", COUNTS). */
    public MapFigure valueLabel(String q, Unit u) {
        this.quantity = q;
        this.unit = u;
        return this;
    }

    /** Physical pixel size for the scale bar and aspect ratio. */
    public MapFigure pixelSize(double x, double y, Unit length) {
        this.pixelX = x;
        this.pixelY = y;
        this.lengthUnit = length;
        return this;
    }

    /** Pixels drawn in the mask colour (true = excluded). */
    public MapFigure mask(boolean[] excludedPixels) {
        if (excludedPixels != null && excludedPixels.length != values.length) {
            throw new IllegalArgumentException("mask has " + excludedPixels.length + " pixels, image " + values.length);
        }
        this.excluded = excludedPixels;
        return this;
    }

    public MapFigure mask(Mask m) {
        return mask(m == null ? null : m.raw());
    }

    public MapFigure maskColor(Color c) {
        this.maskColor = c;
        return this;
    }

    /** Longer side of the drawn image in screen pixels (default 640). */
    public MapFigure size(int pixels) {
        this.targetSize = Math.max(64, pixels);
        return this;
    }

    /** The colour range actually used: {low, high}. */
    public double[] colorRange() {
        double a = lo;
        double b = hi;
        if (Double.isNaN(a) || Double.isNaN(b)) {
            float[] v = usable();
            if (v.length == 0) {
                return new double[] {0, 1};
            }
            Arrays.sort(v);
            double pa = v[(int) Math.floor((v.length - 1) * lowPercentile / 100.0)];
            double pb = v[(int) Math.ceil((v.length - 1) * highPercentile / 100.0)];
            a = Double.isNaN(a) ? pa : a;
            b = Double.isNaN(b) ? pb : b;
        }
        if (symmetric) {
            double m = Math.max(Math.abs(a), Math.abs(b));
            a = -m;
            b = m;
        }
        if (scale == Scale.LOG) {
            if (!(b > 0)) {
                b = 1;
            }
            if (!(a > 0)) {
                float[] v = usable();
                double minPos = Double.POSITIVE_INFINITY;
                for (float x : v) {
                    if (x > 0 && x < minPos) {
                        minPos = x;
                    }
                }
                a = Double.isFinite(minPos) ? Math.max(minPos, b * 1e-6) : b * 1e-3;
            }
        }
        if (!(b > a)) {
            b = a + (a == 0 ? 1 : Math.abs(a) * 1e-3);
        }
        return new double[] {a, b};
    }

    private float[] usable() {
        float[] v = new float[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            float x = values[i];
            if (Float.isFinite(x) && (excluded == null || !excluded[i]) && (scale != Scale.LOG || x > 0)) {
                v[n++] = x;
            }
        }
        return Arrays.copyOf(v, n);
    }

    /** Renders the figure. */
    public BufferedImage render() {
        double[] range = colorRange();
        double a = range[0];
        double b = range[1];
        double aspectX = Double.isFinite(pixelX) && pixelX > 0 ? pixelX : 1;
        double aspectY = Double.isFinite(pixelY) && pixelY > 0 ? pixelY : 1;
        double physW = width * aspectX;
        double physH = height * aspectY;
        double s = targetSize / Math.max(physW, physH);
        int imgW = Math.max(1, (int) Math.round(physW * s));
        int imgH = Math.max(1, (int) Math.round(physH * s));
        BufferedImage img = colourImage(imgW, imgH, a, b);

        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        int left = 20;
        int top = title.isEmpty() ? 16 : 40;
        int barGap = 18;
        int barW = 18;
        Font probeFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        FontMetrics pfm = probe.createGraphics().getFontMetrics(probeFont);
        double[] tickValues = scale == Scale.LOG ? Ticks.log(a, b) : Ticks.linear(a, b, 5);
        int tickW = 0;
        for (double tv : tickValues) {
            tickW = Math.max(tickW, pfm.stringWidth(Ticks.label(tv, tickValues)));
        }
        int barLabelsW = 7 + tickW + 8 + pfm.getHeight() + 6;
        boolean hasScaleBar = Double.isFinite(pixelX) && pixelX > 0;
        int bottom = hasScaleBar ? 46 : 20;
        int totalW = left + imgW + barGap + barW + barLabelsW;
        int totalH = top + Math.max(imgH, 160) + bottom;
        BufferedImage out = new BufferedImage(totalW, totalH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.graphics(out);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, totalW, totalH);
        g.drawImage(img, left, top, null);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left - 1, top - 1, imgW + 1, imgH + 1);
        if (!title.isEmpty()) {
            g.setFont(titleFont);
            g.setColor(Color.BLACK);
            g.drawString(title, left, 24);
        }
        // colour bar
        int barX = left + imgW + barGap;
        int barH = Math.max(imgH, 160);
        for (int y = 0; y < barH; y++) {
            double t = 1.0 - (double) y / (barH - 1);
            g.setColor(new Color(colorMap.rgb(t)));
            g.drawLine(barX, top + y, barX + barW - 1, top + y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(barX, top, barW - 1, barH - 1);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        double[] ticks = tickValues;
        for (double tv : ticks) {
            double t = scale == Scale.LOG ? (Math.log10(tv) - Math.log10(a)) / (Math.log10(b) - Math.log10(a))
                    : (tv - a) / (b - a);
            if (t < -1e-9 || t > 1 + 1e-9) {
                continue;
            }
            int y = top + (int) Math.round((1 - t) * (barH - 1));
            g.drawLine(barX + barW, y, barX + barW + 4, y);
            g.drawString(Ticks.label(tv, ticks), barX + barW + 7, y + fm.getAscent() / 2 - 1);
        }
        String barLabel = unit.label(quantity.isEmpty() ? "value" : quantity)
                + (scale == Scale.LOG ? " [log]" : "");
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        int lw = fm.stringWidth(barLabel);
        g.drawString(barLabel, -(top + barH / 2 + lw / 2), barX + barW + 7 + tickW + 8 + fm.getAscent());
        g.setTransform(saved);
        if (hasScaleBar) {
            drawScaleBar(g, left, top + imgH + 14, s * aspectX / pixelX, imgW, fm);
        }
        g.dispose();
        return out;
    }

    private void drawScaleBar(Graphics2D g, int x0, int y0, double screenPerUnit, int imgW, FontMetrics fm) {
        double maxLen = 0.3 * imgW / screenPerUnit;
        double len = maxLen;
        double mag = Math.pow(10, Math.floor(Math.log10(maxLen)));
        for (double m : new double[] {5, 2, 1}) {
            if (m * mag <= maxLen) {
                len = m * mag;
                break;
            }
        }
        int px = (int) Math.round(len * screenPerUnit);
        g.setColor(Color.BLACK);
        g.fillRect(x0, y0, px, 5);
        String label = (len == Math.rint(len) ? String.valueOf((long) len) : String.valueOf(len)) + " " + lengthUnit.symbol();
        g.drawString(label, x0 + px + 8, y0 + fm.getAscent() - 4);
    }

    private BufferedImage colourImage(int imgW, int imgH, double a, double b) {
        BufferedImage img = new BufferedImage(imgW, imgH, BufferedImage.TYPE_INT_RGB);
        int maskRgb = maskColor.getRGB() & 0xFFFFFF;
        double la = scale == Scale.LOG ? Math.log10(a) : a;
        double lb = scale == Scale.LOG ? Math.log10(b) : b;
        double sx = (double) width / imgW;
        double sy = (double) height / imgH;
        int[] row = new int[imgW];
        for (int oy = 0; oy < imgH; oy++) {
            int y0 = (int) Math.floor(oy * sy);
            int y1 = Math.max(y0 + 1, Math.min(height, (int) Math.floor((oy + 1) * sy)));
            for (int ox = 0; ox < imgW; ox++) {
                int x0 = (int) Math.floor(ox * sx);
                int x1 = Math.max(x0 + 1, Math.min(width, (int) Math.floor((ox + 1) * sx)));
                // block average of valid pixels; masked when more than half the block is masked
                double sum = 0;
                int n = 0;
                int nMasked = 0;
                int total = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int i = y * width + x;
                        total++;
                        if (excluded != null && excluded[i]) {
                            nMasked++;
                            continue;
                        }
                        float v = values[i];
                        if (Float.isFinite(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
                if (2 * nMasked > total || n == 0) {
                    row[ox] = n == 0 && nMasked == 0 ? 0xBBBBBB : maskRgb;
                    continue;
                }
                double v = sum / n;
                double t;
                if (scale == Scale.LOG) {
                    t = v > 0 ? (Math.log10(v) - la) / (lb - la) : 0;
                } else {
                    t = (v - la) / (lb - la);
                }
                row[ox] = colorMap.rgb(t);
            }
            img.setRGB(0, oy, imgW, 1, row, 0, imgW);
        }
        return img;
    }

    /** Renders and writes a PNG. */
    public void writePng(Path path) throws IOException {
        Png.write(render(), path);
    }
}
