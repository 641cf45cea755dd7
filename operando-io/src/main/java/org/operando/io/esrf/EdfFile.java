package org.operando.io.esrf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.util.InvalidInputException;

/**
 * ESRF Data Format (EDF) reader: one or more frames per file, each an ASCII header {@code { key = value ; ... }}
 * (padded to a multiple of 512 bytes) followed by raw pixels. Keys used: {@code Dim_1} (fast axis, width),
 * {@code Dim_2} (slow axis, height), {@code DataType} (UnsignedByte ... DoubleValue, in fabio's spellings),
 * {@code ByteOrder} (LowByteFirst / HighByteFirst), {@code Size} (bytes of data; optional). Compressed EDF
 * ({@code Compression} other than None) is refused with a message. Frames are read lazily.
 */
public final class EdfFile implements FrameSource {
    static final int MAX_HEADER = 1 << 20;
    static final long MAX_PIXELS = 1L << 28;

    /** One frame: its header, where its data lies and how to decode it. */
    public record EdfFrame(Map<String, String> header, long dataOffset, int width, int height, String dataType,
                           int bytesPerPixel, ByteOrder order) { }

    private final Path file;
    private final FileChannel channel;
    private final List<EdfFrame> frames;

    private EdfFile(Path file, FileChannel channel, List<EdfFrame> frames) {
        this.file = file;
        this.channel = channel;
        this.frames = frames;
    }

    /** Opens {@code file} and parses every frame header. */
    public static EdfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            long size = ch.size();
            List<EdfFrame> frames = new ArrayList<>();
            long pos = 0;
            while (pos < size) {
                long start = skipWhitespace(ch, pos, size);
                if (start >= size) {
                    break;
                }
                EdfFrame f = parseHeader(ch, file, start, size, frames.size());
                frames.add(f);
                long bytes = (long) f.width() * f.height() * f.bytesPerPixel();
                String sz = f.header().get("Size");
                if (sz != null) {
                    bytes = parseLong(sz, file, frames.size(), "Size");
                    if (bytes < (long) f.width() * f.height() * f.bytesPerPixel()) {
                        throw new InvalidInputException(where(file, frames.size()) + ": Size = " + bytes
                                + " is smaller than Dim_1 x Dim_2 x " + f.bytesPerPixel() + " bytes");
                    }
                }
                if (f.dataOffset() + (long) f.width() * f.height() * f.bytesPerPixel() > size) {
                    throw new InvalidInputException(where(file, frames.size()) + ": data runs past the end of the file"
                            + " (truncated?)");
                }
                pos = f.dataOffset() + bytes;
            }
            if (frames.isEmpty()) {
                throw new InvalidInputException(file + ": no EDF header found (expected '{' at the start)");
            }
            return new EdfFile(file, ch, frames);
        } catch (IOException e) {
            close(ch);
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    private static String where(Path file, int frame) {
        return file + " frame " + frame;
    }

    private static long skipWhitespace(FileChannel ch, long pos, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        while (pos < size) {
            b.clear();
            ch.read(b, pos);
            byte c = b.get(0);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != 0) {
                return pos;
            }
            pos++;
        }
        return pos;
    }

    private static EdfFrame parseHeader(FileChannel ch, Path file, long start, long size, int index) throws IOException {
        String where = where(file, index + 1);
        // read a growing window until the closing '}' shows up (headers are usually 512-4096 bytes)
        byte[] h = new byte[0];
        int close = -1;
        int len = 0;
        for (int want = 4096; close < 0; want *= 4) {
            len = (int) Math.min(Math.min(want, MAX_HEADER), size - start);
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining() && ch.read(b, start + b.position()) > 0) {
                // read fully
            }
            h = b.array();
            if (h[0] != '{') {
                throw new InvalidInputException(where + ": not an EDF file (expected '{' at byte " + start + ")");
            }
            for (int i = 1; i < len; i++) {
                if (h[i] == '}') {
                    close = i;
                    break;
                }
            }
            if (close < 0 && (len >= MAX_HEADER || len >= size - start)) {
                throw new InvalidInputException(where + ": EDF header has no closing '}' within " + len + " bytes");
            }
        }
        int dataStart = close + 1;
        if (dataStart < len && h[dataStart] == '\r') {
            dataStart++;
        }
        if (dataStart < len && h[dataStart] == '\n') {
            dataStart++;
        }
        String text = new String(h, 1, close - 1, StandardCharsets.ISO_8859_1);
        Map<String, String> header = new LinkedHashMap<>();
        for (String item : text.split(";")) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                header.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
        }
        String comp = header.getOrDefault("Compression", header.get("CompressionType"));
        if (comp != null && !comp.isBlank() && !comp.equalsIgnoreCase("none")) {
            throw new InvalidInputException(where + ": compressed EDF (" + comp + ") is not supported");
        }
        String d1 = header.get("Dim_1");
        String d2 = header.get("Dim_2");
        if (d1 == null || d2 == null) {
            throw new InvalidInputException(where + ": EDF header lacks Dim_1/Dim_2 (image width and height)");
        }
        long w = parseLong(d1, file, index + 1, "Dim_1");
        long hgt = parseLong(d2, file, index + 1, "Dim_2");
        String d3 = header.get("Dim_3");
        if (d3 != null && parseLong(d3, file, index + 1, "Dim_3") != 1) {
            throw new InvalidInputException(where + ": Dim_3 = " + d3 + "; only 2D EDF frames are supported");
        }
        if (w <= 0 || hgt <= 0 || w * hgt > MAX_PIXELS) {
            throw new InvalidInputException(where + ": image size Dim_1 x Dim_2 = " + w + " x " + hgt + " is invalid");
        }
        String type = header.getOrDefault("DataType", "UnsignedShort");
        int bpp = bytesOf(type);
        if (bpp < 0) {
            throw new InvalidInputException(where + ": DataType '" + type + "' is not supported (expected e.g."
                    + " UnsignedShort, SignedInteger, FloatValue, DoubleValue)");
        }
        String bo = header.getOrDefault("ByteOrder", "LowByteFirst");
        ByteOrder order;
        if (bo.equalsIgnoreCase("LowByteFirst")) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (bo.equalsIgnoreCase("HighByteFirst")) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new InvalidInputException(where + ": ByteOrder '" + bo + "', expected LowByteFirst or HighByteFirst");
        }
        return new EdfFrame(Collections.unmodifiableMap(header), start + dataStart, (int) w, (int) hgt, type, bpp, order);
    }

    private static long parseLong(String s, Path file, int frame, String key) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where(file, frame) + ": " + key + " = '" + s + "', expected an integer");
        }
    }

    /** Bytes per pixel of an EDF DataType (fabio's names), or -1. */
    static int bytesOf(String type) {
        return switch (canonical(type)) {
            case "uint8", "int8" -> 1;
            case "uint16", "int16" -> 2;
            case "uint32", "int32", "float32" -> 4;
            case "uint64", "int64", "float64" -> 8;
            default -> -1;
        };
    }

    /** numpy-style name of an EDF DataType. */
    static String canonical(String type) {
        return switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "unsignedbyte", "unsignedchar", "unsignedinteger8", "unsigned8" -> "uint8";
            case "signedbyte", "signedchar", "signedinteger8", "signed8" -> "int8";
            case "unsignedshort", "unsignedshortinteger", "unsignedinteger16", "unsigned16" -> "uint16";
            case "signedshort", "signedshortinteger", "signedinteger16", "signed16" -> "int16";
            case "unsignedinteger", "unsignedlong", "unsignedinteger32", "unsigned32" -> "uint32";
            case "signedinteger", "signedlong", "signedinteger32", "signed32" -> "int32";
            case "unsigned64", "unsignedinteger64" -> "uint64";
            case "signed64", "signedinteger64" -> "int64";
            case "floatvalue", "float", "floatieee32", "real" -> "float32";
            case "doublevalue", "double", "doubleieee64" -> "float64";
            default -> "?";
        };
    }

    public List<EdfFrame> frames() {
        return List.copyOf(frames);
    }

    @Override
    public int frameCount() {
        return frames.size();
    }

    @Override
    public int width() {
        return frames.get(0).width();
    }

    @Override
    public int height() {
        return frames.get(0).height();
    }

    @Override
    public Frame read(int index) throws IOException {
        EdfFrame f = frames.get(index);
        if (f.width() != width() || f.height() != height()) {
            throw new InvalidInputException(where(file, index + 1) + ": is " + f.width() + " x " + f.height()
                    + ", frame 1 is " + width() + " x " + height() + "; a frame stack needs one size");
        }
        int n = f.width() * f.height();
        ByteBuffer b = ByteBuffer.allocate(n * f.bytesPerPixel()).order(f.order());
        while (b.hasRemaining()) {
            if (channel.read(b, f.dataOffset() + b.position()) < 0) {
                throw new InvalidInputException(where(file, index + 1) + ": data truncated");
            }
        }
        b.flip();
        float[] out = new float[n];
        switch (canonical(f.dataType())) {
            case "uint8" -> { for (int i = 0; i < n; i++) { out[i] = b.get(i) & 0xff; } }
            case "int8" -> { for (int i = 0; i < n; i++) { out[i] = b.get(i); } }
            case "uint16" -> { for (int i = 0; i < n; i++) { out[i] = b.getShort(2 * i) & 0xffff; } }
            case "int16" -> { for (int i = 0; i < n; i++) { out[i] = b.getShort(2 * i); } }
            case "uint32" -> { for (int i = 0; i < n; i++) { out[i] = (float) (b.getInt(4 * i) & 0xffffffffL); } }
            case "int32" -> { for (int i = 0; i < n; i++) { out[i] = b.getInt(4 * i); } }
            case "uint64" -> {
                for (int i = 0; i < n; i++) {
                    long v = b.getLong(8 * i);
                    out[i] = v < 0 ? (float) (v >>> 1) * 2f : v;
                }
            }
            case "int64" -> { for (int i = 0; i < n; i++) { out[i] = b.getLong(8 * i); } }
            case "float32" -> b.asFloatBuffer().get(out);
            case "float64" -> { for (int i = 0; i < n; i++) { out[i] = (float) b.getDouble(8 * i); } }
            default -> throw new InvalidInputException(where(file, index + 1) + ": unsupported DataType " + f.dataType());
        }
        return new Frame(f.width(), f.height(), out);
    }

    @Override
    public String description() {
        return file.toString();
    }

    /** A listing for {@code operando info}. */
    public String describe() {
        StringBuilder s = new StringBuilder("EDF file ").append(file).append(", ").append(frames.size())
                .append(frames.size() == 1 ? " frame" : " frames").append('\n');
        for (int i = 0; i < Math.min(frames.size(), 10); i++) {
            EdfFrame f = frames.get(i);
            s.append(String.format(Locale.ROOT, "  frame %d: %d x %d (Dim_1 x Dim_2) %s (%s), %s, data at byte %d%n",
                    i + 1, f.width(), f.height(), canonical(f.dataType()), f.dataType(),
                    f.order() == ByteOrder.LITTLE_ENDIAN ? "LowByteFirst" : "HighByteFirst", f.dataOffset()));
            if (i == 0) {
                for (Map.Entry<String, String> e : f.header().entrySet()) {
                    String v = e.getValue();
                    s.append("    ").append(e.getKey()).append(" = ")
                            .append(v.length() > 100 ? v.substring(0, 100) + "…" : v).append('\n');
                }
            }
        }
        if (frames.size() > 10) {
            s.append("  … ").append(frames.size() - 10).append(" more frames\n");
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
