package org.operando.io.figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.operando.io.AtomicOutput;

/** Writing images as PNG (atomically) and composing several figures into one. */
public final class Png {
    private Png() { }

    /** Writes {@code image} to {@code path} as PNG, never leaving a half-written file. */
    public static void write(BufferedImage image, Path path) throws IOException {
        AtomicOutput.writeStream(path, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Stacks images top to bottom ({@code vertical}) or left to right on a white background. */
    public static BufferedImage stack(List<BufferedImage> images, boolean vertical) {
        int w = 0;
        int h = 0;
        for (BufferedImage im : images) {
            if (vertical) {
                w = Math.max(w, im.getWidth());
                h += im.getHeight();
            } else {
                w += im.getWidth();
                h = Math.max(h, im.getHeight());
            }
        }
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int pos = 0;
        for (BufferedImage im : images) {
            if (vertical) {
                g.drawImage(im, (w - im.getWidth()) / 2, pos, null);
                pos += im.getHeight();
            } else {
                g.drawImage(im, pos, (h - im.getHeight()) / 2, null);
                pos += im.getWidth();
            }
        }
        g.dispose();
        return out;
    }

    /** Stacks images in a grid of {@code columns} columns. */
    public static BufferedImage grid(List<BufferedImage> images, int columns) {
        java.util.ArrayList<BufferedImage> rows = new java.util.ArrayList<>();
        for (int i = 0; i < images.size(); i += columns) {
            rows.add(stack(images.subList(i, Math.min(images.size(), i + columns)), false));
        }
        return stack(rows, true);
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }
}
