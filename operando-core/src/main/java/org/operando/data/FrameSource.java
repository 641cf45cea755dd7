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

    /**
     * Frame {@code index}, decoded into {@code reuse} when the source can (an array of exactly width × height
     * pixels that the caller no longer needs, e.g. the previous frame's), else as {@link #read(int)}: streaming
     * large frames then allocates no new array per frame. The default ignores {@code reuse}.
     */
    default Frame read(int index, float[] reuse) throws IOException {
        return read(index);
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
