package org.operando.io.figure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Perceptual colour maps as 256-entry sRGB tables: viridis and magma (sequential, CC0) and coolwarm (Moreland's
 * diverging map, neutral at the centre, used centred on zero for difference maps), plus grey.
 */
public enum ColorMap {
    VIRIDIS("viridis", false),
    MAGMA("magma", false),
    /** Diverging, blue (negative) – grey (zero) – red (positive). */
    DIVERGING("coolwarm", true),
    GRAY("gray", false);

    private final String table;
    private final boolean diverging;
    private volatile int[] rgb;

    ColorMap(String table, boolean diverging) {
        this.table = table;
        this.diverging = diverging;
    }

    /** True for maps meant to be centred on zero. */
    public boolean isDiverging() {
        return diverging;
    }

    /** Packed 0xRRGGBB colour at position {@code t} in [0, 1] (clamped). */
    public int rgb(double t) {
        int[] lut = lut();
        if (!(t >= 0)) {
            t = 0;
        } else if (t > 1) {
            t = 1;
        }
        return lut[(int) Math.round(t * 255)];
    }

    /** By name, case-insensitive: viridis, magma, diverging (or coolwarm), gray/grey. */
    public static ColorMap byName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "viridis": return VIRIDIS;
            case "magma": return MAGMA;
            case "diverging": case "coolwarm": return DIVERGING;
            case "gray": case "grey": return GRAY;
            default: throw new org.operando.util.InvalidInputException(
                    "unknown colour map '" + name + "', expected viridis, magma, diverging or gray");
        }
    }

    private int[] lut() {
        int[] l = rgb;
        if (l == null) {
            l = this == GRAY ? grayTable() : load(table);
            rgb = l;
        }
        return l;
    }

    private static int[] grayTable() {
        int[] l = new int[256];
        for (int i = 0; i < 256; i++) {
            l[i] = (i << 16) | (i << 8) | i;
        }
        return l;
    }

    private static int[] load(String name) {
        try (InputStream in = ColorMap.class.getResourceAsStream(name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("colour map table " + name + ".txt missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int[] l = new int[256];
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\\s+");
                l[n++] = (Integer.parseInt(p[0]) << 16) | (Integer.parseInt(p[1]) << 8) | Integer.parseInt(p[2]);
            }
            if (n != 256) {
                throw new IllegalStateException("colour map " + name + " has " + n + " entries, expected 256");
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
