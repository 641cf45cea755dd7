package org.operando.io.tiff;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.io.AtomicOutput;

/**
 * Writes single- or multi-page grey-scale TIFF (classic TIFF, little-endian, uncompressed, strips of about 64 KiB)
 * in one {@link SampleType}: float32 keeps values exactly; integer types round to the nearest integer and refuse a
 * value outside the type's range (or NaN) with a message naming the page and pixel, rather than clip silently.
 * Always through {@link AtomicOutput}. Files readable by ImageJ/Fiji, tifffile, fabio and pyFAI.
 */
public final class TiffWriter {
    private static final int STRIP_BYTES = 1 << 16;
    private static final long MAX_CLASSIC = 0xffffffffL;

    private TiffWriter() { }

    /** Writes one page. */
    public static void write(Path target, Frame frame, SampleType type, String description) throws IOException {
        write(target, List.of(frame), type, description);
    }

    /** Writes every frame of {@code frames} as one page each (pages may differ in size). */
    public static void write(Path target, List<Frame> frames, SampleType type, String description) throws IOException {
        long pixels = 0;
        for (Frame f : frames) {
            pixels += f.size();
        }
        write(target, frames.size(), pixels, frames::get, type, description);
    }

    /** Streams every frame of {@code source} to a multi-page TIFF (one frame in memory at a time). */
    public static void write(Path target, FrameSource source, SampleType type, String description) throws IOException {
        write(target, source.frameCount(), (long) source.width() * source.height() * source.frameCount(), source::read,
                type, description);
    }

    private interface Pages {
        Frame get(int i) throws IOException;
    }

    private static void write(Path target, int count, long pixels, Pages source, SampleType type, String description)
            throws IOException {
        if (count == 0) {
            throw new IllegalArgumentException(target + ": no frames to write");
        }
        long estimate = 8 + pixels * type.bytes() + count * (400L + (description == null ? 0 : description.length()));
        if (estimate > MAX_CLASSIC) {
            throw new IllegalArgumentException(target + ": " + estimate + " bytes exceed the 4 GiB of a classic TIFF;"
                    + " write fewer frames per file");
        }
        AtomicOutput.writeStream(target, out -> {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
            out.write(head.array());
            long pos = 8;
            for (int i = 0; i < count; i++) {
                Frame f = source.get(i);
                boolean last = i == count - 1;
                pos = writePage(out, pos, f, type, i == 0 ? description : null, i, last);
            }
        });
    }

    /** Writes IFD then pixel data of one page at {@code pos}; returns the position after it. */
    private static long writePage(OutputStream out, long pos, Frame f, SampleType type, String description, int index,
                                  boolean last) throws IOException {
        int w = f.width();
        int h = f.height();
        long rowBytes = (long) w * type.bytes();
        int rowsPerStrip = (int) Math.max(1, Math.min(h, STRIP_BYTES / Math.max(1, rowBytes)));
        int strips = (h + rowsPerStrip - 1) / rowsPerStrip;
        byte[] desc = description == null ? null : (description + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int entries = 11 + (desc != null ? 1 : 0);
        long ifdSize = 2 + entries * 12L + 4;
        long extra = pos + ifdSize;
        long descPos = extra;
        if (desc != null && desc.length > 4) {
            extra += desc.length + (desc.length & 1);
        }
        long offsetsPos = extra;
        if (strips > 1) {
            extra += strips * 8L; // strip offsets + byte counts (LONG each)
        }
        long dataPos = extra;
        long dataBytes = rowBytes * h;
        long nextIfd = last ? 0 : dataPos + dataBytes + ((dataPos + dataBytes) & 1);

        ByteBuffer b = ByteBuffer.allocate((int) (dataPos - pos)).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) entries);
        entry(b, 254, 4, 1, 0);                       // NewSubfileType
        entry(b, 256, 4, 1, w);                       // ImageWidth
        entry(b, 257, 4, 1, h);                       // ImageLength
        entry(b, 258, 3, 1, type.bits());             // BitsPerSample
        entry(b, 259, 3, 1, 1);                       // Compression: none
        entry(b, 262, 3, 1, 1);                       // Photometric: BlackIsZero
        if (desc != null) {
            if (desc.length <= 4) {
                byte[] v = java.util.Arrays.copyOf(desc, 4);
                b.putShort((short) 270).putShort((short) 2).putInt(desc.length).put(v);
            } else {
                entry(b, 270, 2, desc.length, descPos);
            }
        }
        entry(b, 273, 4, strips, strips > 1 ? offsetsPos : dataPos);    // StripOffsets
        entry(b, 277, 3, 1, 1);                       // SamplesPerPixel
        entry(b, 278, 4, 1, rowsPerStrip);            // RowsPerStrip
        entry(b, 279, 4, strips, strips > 1 ? offsetsPos + strips * 4L : rowBytes * Math.min(h, rowsPerStrip));
        entry(b, 339, 3, 1, type.sampleFormat());     // SampleFormat
        b.putInt((int) nextIfd);
        if (desc != null && desc.length > 4) {
            b.put(desc);
            if ((desc.length & 1) == 1) {
                b.put((byte) 0);
            }
        }
        if (strips > 1) {
            for (int s = 0; s < strips; s++) {
                b.putInt((int) (dataPos + s * rowsPerStrip * rowBytes));
            }
            for (int s = 0; s < strips; s++) {
                int rows = Math.min(rowsPerStrip, h - s * rowsPerStrip);
                b.putInt((int) (rows * rowBytes));
            }
        }
        out.write(b.array(), 0, b.position());
        writePixels(out, f, type, index);
        long end = dataPos + dataBytes;
        if (!last && (end & 1) == 1) {
            out.write(0);
            end++;
        }
        return end;
    }

    private static void entry(ByteBuffer b, int tag, int type, long count, long value) {
        b.putShort((short) tag).putShort((short) type).putInt((int) count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }

    private static void writePixels(OutputStream out, Frame f, SampleType type, int page) throws IOException {
        float[] d = f.data();
        int w = f.width();
        ByteBuffer row = ByteBuffer.allocate(w * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        double min = type.min();
        double max = type.max();
        for (int r = 0; r < f.height(); r++) {
            row.clear();
            for (int c = 0; c < w; c++) {
                float v = d[r * w + c];
                if (type == SampleType.FLOAT32) {
                    row.putFloat(v);
                    continue;
                }
                if (type == SampleType.FLOAT64) {
                    row.putDouble(v);
                    continue;
                }
                double x = Math.rint(v);
                if (!(x >= min && x <= max)) {
                    throw new IllegalArgumentException("page " + (page + 1) + " pixel (row " + r + ", col " + c
                            + ") = " + v + " does not fit " + type.numpyName() + "; write float32 instead");
                }
                switch (type) {
                    case UINT8, INT8 -> row.put((byte) (long) x);
                    case UINT16, INT16 -> row.putShort((short) (long) x);
                    case UINT32, INT32 -> row.putInt((int) (long) x);
                    default -> throw new IllegalStateException(type.name());
                }
            }
            out.write(row.array(), 0, row.position());
        }
    }
}
