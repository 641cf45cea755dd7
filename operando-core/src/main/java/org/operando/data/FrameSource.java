package org.operando.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A stack of detector frames read lazily, one at a time, so that a raw scan never has to fit in memory.
 * Implementations read from HDF5 datasets, multi-page TIFF, EDF/CBF series, or generate frames.
 * Random access by index; {@link #read(int)} must be safe to call from several threads.
 */
public interface FrameSource extends AutoCloseable, Iterable<Frame> {
    int frameCount();

    /** Fast-axis size (columns). */
    int width();

    /** Slow-axis size (rows). */
    int height();

    /** Frame {@code index} (0-based). */
    Frame read(int index) throws IOException;

    /** Receives the pixels of a frame in runs, see {@link #stream}. */
    @FunctionalInterface
    interface PixelSink {
        /** Pixels [firstPixel, firstPixel + count) (row-major) are {@code values[offset .. offset + count)}. */
        void accept(int firstPixel, float[] values, int offset, int count);
    }

    /**
     * Delivers frame {@code index} to {@code sink} as runs of pixels covering it once, in increasing order; the
     * values are valid only during each call. Sources that decode frames piecewise (HDF5 whole-frame chunks) never
     * build the float frame, which saves its memory traffic; the default reads the frame and gives it as one run.
     */
    default void stream(int index, PixelSink sink) throws IOException {
        Frame f = read(index);
        sink.accept(0, f.data(), 0, f.data().length);
    }

    /** Where the frames come from, e.g. {@code scan.h5::/entry/data/data}, for messages. */
    String description();

    @Override
    default void close() throws IOException {
    }

    @Override
    default Iterator<Frame> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < frameCount();
            }

            @Override
            public Frame next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return read(next++);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** A source over frames already in memory (tests, simulated data). */
    static FrameSource of(String description, Frame... frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("no frames");
        }
        int w = frames[0].width();
        int h = frames[0].height();
        for (Frame f : frames) {
            if (f.width() != w || f.height() != h) {
                throw new IllegalArgumentException("frames differ in shape");
            }
        }
        return new FrameSource() {
            @Override public int frameCount() { return frames.length; }
            @Override public int width() { return w; }
            @Override public int height() { return h; }
            @Override public Frame read(int index) { return frames[index]; }
            @Override public String description() { return description; }
        };
    }
}
