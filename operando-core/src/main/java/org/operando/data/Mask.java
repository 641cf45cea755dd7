package org.operando.data;

import java.util.Arrays;

/**
 * A pixel mask for a detector frame or a map: {@code true} marks a pixel that is <em>excluded</em>
 * (pyFAI's convention: non-zero = masked). Pixels are stored row-major, index = row * width + column.
 */
public final class Mask {
    private final int width;
    private final int height;
    private final boolean[] masked;

    public Mask(int width, int height) {
        this(width, height, new boolean[Math.multiplyExact(width, height)]);
    }

    public Mask(int width, int height, boolean[] masked) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        if (masked.length != (long) width * height) {
            throw new IllegalArgumentException("mask has " + masked.length + " pixels, expected " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.masked = masked;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int size() {
        return masked.length;
    }

    public boolean isMasked(int index) {
        return masked[index];
    }

    public boolean isMasked(int row, int col) {
        return masked[row * width + col];
    }

    public void set(int index, boolean value) {
        masked[index] = value;
    }

    public void set(int row, int col, boolean value) {
        masked[row * width + col] = value;
    }

    /** Number of masked pixels. */
    public int countMasked() {
        int n = 0;
        for (boolean b : masked) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** A new mask, masked where this or {@code other} is masked. */
    public Mask or(Mask other) {
        requireSameShape(other);
        boolean[] out = masked.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] |= other.masked[i];
        }
        return new Mask(width, height, out);
    }

    /** A new mask with every pixel flipped (selected ↔ excluded). */
    public Mask invert() {
        boolean[] out = new boolean[masked.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = !masked[i];
        }
        return new Mask(width, height, out);
    }

    public Mask copy() {
        return new Mask(width, height, masked.clone());
    }

    /** Direct access to the backing array (row-major, true = masked). */
    public boolean[] raw() {
        return masked;
    }

    public void requireSameShape(Mask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("mask shape " + other.height + "x" + other.width
                    + " does not match " + height + "x" + width);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.masked, masked);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(masked);
    }
}
