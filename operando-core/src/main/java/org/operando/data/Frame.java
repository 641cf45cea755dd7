package org.operando.data;

import java.util.Objects;

/**
 * One 2D detector frame in float32 with an optional pixel mask. Row-major: index = row * width + column;
 * rows run along the detector's slow axis (pyFAI's dim1 / "y"), columns along the fast axis (dim2 / "x").
 * Integer detector values (counts) are exactly representable up to 2^24.
 */
public final class Frame {
    private final int width;
    private final int height;
    private final float[] data;
    private final Mask mask;

    public Frame(int width, int height, float[] data) {
        this(width, height, data, null);
    }

    public Frame(int width, int height, float[] data, Mask mask) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(data, "data");
        if (data.length != (long) width * height) {
            throw new IllegalArgumentException("frame has " + data.length + " values, expected " + height + "x" + width);
        }
        if (mask != null && (mask.width() != width || mask.height() != height)) {
            throw new IllegalArgumentException("mask " + mask.height() + "x" + mask.width()
                    + " does not match frame " + height + "x" + width);
        }
        this.width = width;
        this.height = height;
        this.data = data;
        this.mask = mask;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int size() {
        return data.length;
    }

    public float get(int row, int col) {
        return data[row * width + col];
    }

    public float get(int index) {
        return data[index];
    }

    /** Backing array, row-major. Shared, not copied. */
    public float[] data() {
        return data;
    }

    /** The mask, or null when every pixel is valid. */
    public Mask mask() {
        return mask;
    }

    public boolean isMasked(int index) {
        return mask != null && mask.isMasked(index);
    }

    /** The same pixels with another mask. */
    public Frame withMask(Mask newMask) {
        return new Frame(width, height, data, newMask);
    }

    /**
     * A mask of the pixels that carry no measurement: negative values (Pilatus/Eiger gaps and dead pixels are
     * written as -1 or -2), NaN, and values at or above {@code overflow} (e.g. 2^32-1 for a saturated Eiger
     * pixel), combined with this frame's own mask.
     */
    public Mask invalidPixelMask(double overflow) {
        boolean[] m = new boolean[data.length];
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            m[i] = !(v >= 0f) || v >= overflow || (mask != null && mask.isMasked(i));
        }
        return new Mask(width, height, m);
    }
}
