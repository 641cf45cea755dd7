package org.operando.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.util.InvalidInputException;

/**
 * A classic TIFF file (single- or multi-page) opened for reading grey-scale images: 8/16/32-bit unsigned or signed
 * integers and 32/64-bit IEEE floats, little- or big-endian, stored in strips, uncompressed or compressed with
 * PackBits or LZW (without predictor). Pages are parsed at open; pixels are read lazily, one page at a time, so
 * a multi-page stack works as a {@link FrameSource} (all pages must have one size). Not supported, with a clear
 * message: BigTIFF, tiles, colour/multi-sample pages, other compressions, predictors.
 */
public final class TiffFile implements FrameSource {
    /** Stop following the IFD chain after this many pages (damaged chains may loop). */
    static final int MAX_PAGES = 1_000_000;
    static final long MAX_PIXELS = 1L << 27;

    /** One page (image file directory). */
    public record Page(int width, int height, SampleType type, int compression, long[] stripOffsets,
                       long[] stripByteCounts, int rowsPerStrip, String description) {
        /** Compression by name. */
        public String compressionName() {
            return switch (compression) {
                case 1 -> "none";
                case 5 -> "LZW";
                case 32773 -> "PackBits";
                default -> "compression " + compression;
            };
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;
    private final List<Page> pages;

    private TiffFile(Path file, FileChannel channel, long size, ByteOrder order, List<Page> pages) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.order = order;
        this.pages = pages;
    }

    /** Opens {@code file} and parses every page header; {@link InvalidInputException} naming the file on bad input. */
    public static TiffFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be opened (" + e.getMessage() + ")", e);
        }
        try {
            long size = ch.size();
            ByteBuffer head = read(ch, file, size, 0, 8, ByteOrder.LITTLE_ENDIAN);
            int b0 = head.get(0);
            int b1 = head.get(1);
            ByteOrder order;
            if (b0 == 'I' && b1 == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (b0 == 'M' && b1 == 'M') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new InvalidInputException(file + ": not a TIFF file (expected 'II' or 'MM' byte-order mark)");
            }
            head.order(order);
            int magic = head.getShort(2) & 0xffff;
            if (magic == 43) {
                throw new InvalidInputException(file + ": is a BigTIFF, which is not supported (expected classic TIFF)");
            }
            if (magic != 42) {
                throw new InvalidInputException(file + ": not a TIFF file (magic number " + magic + ", expected 42)");
            }
            long ifd = head.getInt(4) & 0xffffffffL;
            List<Page> pages = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            while (ifd != 0) {
                if (!seen.add(ifd) || pages.size() >= MAX_PAGES) {
                    throw new InvalidInputException(file + ": page directory chain loops or is too long (page "
                            + (pages.size() + 1) + ")");
                }
                long[] next = new long[1];
                pages.add(parsePage(ch, file, size, order, ifd, pages.size(), next));
                ifd = next[0];
            }
            if (pages.isEmpty()) {
                throw new InvalidInputException(file + ": TIFF has no pages");
            }
            return new TiffFile(file, ch, size, order, pages);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static Page parsePage(FileChannel ch, Path file, long size, ByteOrder order, long ifd, int index, long[] next)
            throws IOException {
        String where = file + " page " + (index + 1);
        int n = read(ch, file, size, ifd, 2, order).getShort(0) & 0xffff;
        ByteBuffer e = read(ch, file, size, ifd + 2, n * 12L + 4, order);
        next[0] = e.getInt(n * 12) & 0xffffffffL;
        long width = -1;
        long height = -1;
        int bits = 1;
        int format = 1;
        int compression = 1;
        int samples = 1;
        int planar = 1;
        int predictor = 1;
        long rowsPerStrip = -1;
        long[] offsets = null;
        long[] counts = null;
        boolean tiled = false;
        String description = null;
        for (int i = 0; i < n; i++) {
            int p = i * 12;
            int tag = e.getShort(p) & 0xffff;
            int type = e.getShort(p + 2) & 0xffff;
            long count = e.getInt(p + 4) & 0xffffffffL;
            switch (tag) {
                case 256 -> width = values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 257 -> height = values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 258 -> bits = (int) values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 259 -> compression = (int) values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 270 -> description = ascii(ch, file, size, e, p, type, count);
                case 273 -> offsets = values(ch, file, size, order, e, p, type, count, where, -1);
                case 277 -> samples = (int) values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 278 -> rowsPerStrip = values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 279 -> counts = values(ch, file, size, order, e, p, type, count, where, -1);
                case 284 -> planar = (int) values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 317 -> predictor = (int) values(ch, file, size, order, e, p, type, count, where, 1)[0];
                case 322, 323, 324, 325 -> tiled = true;
                case 339 -> format = (int) values(ch, file, size, order, e, p, type, count, where, 1)[0];
                default -> { }
            }
        }
        if (tiled) {
            throw new InvalidInputException(where + ": tiled TIFF is not supported (expected strips)");
        }
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new InvalidInputException(where + ": image size " + width + " x " + height + " is missing or invalid");
        }
        if (width * height > MAX_PIXELS) {
            throw new InvalidInputException(where + ": " + width + " x " + height + " pixels exceed the "
                    + MAX_PIXELS + "-pixel limit for one frame");
        }
        if (samples != 1) {
            throw new InvalidInputException(where + ": has " + samples + " samples per pixel; expected a grey-scale"
                    + " detector image (1 sample)");
        }
        SampleType st = SampleType.of(bits, format);
        if (st == null) {
            throw new InvalidInputException(where + ": " + bits + "-bit samples of format " + format
                    + " are not supported (expected 8/16/32-bit integers or 32/64-bit floats)");
        }
        if (compression != 1 && compression != 5 && compression != 32773) {
            throw new InvalidInputException(where + ": compression " + compression
                    + " is not supported (expected none, LZW or PackBits)");
        }
        if (predictor != 1) {
            throw new InvalidInputException(where + ": predictor " + predictor + " is not supported");
        }
        if (offsets == null || counts == null || offsets.length != counts.length || offsets.length == 0) {
            throw new InvalidInputException(where + ": strip offsets/byte counts are missing or inconsistent");
        }
        if (rowsPerStrip <= 0 || rowsPerStrip > height) {
            rowsPerStrip = height;
        }
        long strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        if (offsets.length < strips) {
            throw new InvalidInputException(where + ": has " + offsets.length + " strips, expected " + strips);
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > size) {
                throw new InvalidInputException(where + ": strip " + i + " lies beyond the end of the file (truncated?)");
            }
        }
        long stored = 0;
        for (int i = 0; i < strips; i++) {
            stored += counts[i];
        }
        long need = width * height * st.bytes();
        // what the stored bytes can expand to: 1:1 uncompressed, ≤128:1 PackBits, ≤4096 bytes per 9-bit LZW code
        long canHold = switch (compression) {
            case 1 -> stored;
            case 32773 -> stored * 128;
            default -> stored * 8 / 9 * 4096 + 4096;
        };
        if (need > canHold) {
            throw new InvalidInputException(where + ": its strips hold " + stored + " bytes, too few for " + width
                    + " x " + height + " " + st.numpyName() + " pixels (truncated or damaged)");
        }
        return new Page((int) width, (int) height, st, compression, offsets, counts, (int) rowsPerStrip, description);
    }

    /** Reads a tag's values (SHORT, LONG, or BYTE) inline or at its offset; {@code expect} = 1 needs one value. */
    private static long[] values(FileChannel ch, Path file, long size, ByteOrder order, ByteBuffer e, int p, int type,
                                 long count, String where, int expect) throws IOException {
        int unit = switch (type) {
            case 1, 6 -> 1;   // BYTE, SBYTE
            case 3, 8 -> 2;   // SHORT, SSHORT
            case 4, 9 -> 4;   // LONG, SLONG
            default -> throw new InvalidInputException(where + ": tag " + (e.getShort(p) & 0xffff)
                    + " has type " + type + ", expected an integer type");
        };
        if (count == 0 || (expect == 1 && count < 1)) {
            throw new InvalidInputException(where + ": tag " + (e.getShort(p) & 0xffff) + " has no value");
        }
        if (count > size / unit + 1) {
            throw new InvalidInputException(where + ": tag " + (e.getShort(p) & 0xffff) + " claims " + count
                    + " values, more than the file holds");
        }
        long bytes = count * unit;
        ByteBuffer b;
        if (bytes <= 4) {
            b = e.duplicate().order(order);
            b.position(p + 8);
            b = b.slice().order(order);
        } else {
            b = read(ch, file, size, e.getInt(p + 8) & 0xffffffffL, bytes, order);
        }
        int n = expect == 1 ? 1 : (int) count;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (unit) {
                case 1 -> type == 6 ? b.get(i) : b.get(i) & 0xff;
                case 2 -> type == 8 ? b.getShort(i * 2) : b.getShort(i * 2) & 0xffff;
                default -> type == 9 ? b.getInt(i * 4) : b.getInt(i * 4) & 0xffffffffL;
            };
        }
        return out;
    }

    private static String ascii(FileChannel ch, Path file, long size, ByteBuffer e, int p, int type, long count)
            throws IOException {
        if (type != 2 || count == 0 || count > 1 << 20) {
            return null;
        }
        ByteBuffer b;
        if (count <= 4) {
            b = e.duplicate();
            b.position(p + 8);
            b = b.slice();
        } else {
            b = read(ch, file, size, e.getInt(p + 8) & 0xffffffffL, count, ByteOrder.LITTLE_ENDIAN);
        }
        byte[] s = new byte[(int) count];
        b.get(0, s);
        int len = 0;
        while (len < s.length && s[len] != 0) {
            len++;
        }
        return new String(s, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(FileChannel ch, Path file, long size, long pos, long len, ByteOrder order)
            throws IOException {
        if (pos < 0 || len < 0 || pos + len > size || len > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": TIFF structure points to bytes " + pos + ".." + (pos + len)
                    + " beyond the end of the file (" + size + " bytes; truncated or not a TIFF)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) len).order(order);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new InvalidInputException(file + ": unexpected end of file at byte " + (pos + b.position()));
            }
        }
        b.flip();
        return b;
    }

    public List<Page> pages() {
        return List.copyOf(pages);
    }

    public ByteOrder byteOrder() {
        return order;
    }

    public Path file() {
        return file;
    }

    @Override
    public int frameCount() {
        return pages.size();
    }

    @Override
    public int width() {
        return pages.get(0).width();
    }

    @Override
    public int height() {
        return pages.get(0).height();
    }

    /** Page {@code index} as a float32 frame (unsigned 32-bit values keep their magnitude). */
    @Override
    public Frame read(int index) throws IOException {
        if (index < 0 || index >= pages.size()) {
            throw new IndexOutOfBoundsException("page " + index + " outside [0, " + pages.size() + ") of " + file);
        }
        Page p = pages.get(index);
        if (p.width() != width() || p.height() != height()) {
            throw new InvalidInputException(file + " page " + (index + 1) + ": is " + p.width() + " x " + p.height()
                    + ", the first page " + width() + " x " + height() + "; a frame stack needs one size");
        }
        return readPage(index);
    }

    /** Page {@code index} at its own size. */
    public Frame readPage(int index) throws IOException {
        Page p = pages.get(index);
        String where = file + " page " + (index + 1);
        int bpp = p.type().bytes();
        long rowBytes = (long) p.width() * bpp;
        byte[] raw = new byte[Math.toIntExact(rowBytes * p.height())];
        int strips = (p.height() + p.rowsPerStrip() - 1) / p.rowsPerStrip();
        for (int s = 0; s < strips; s++) {
            int rows = Math.min(p.rowsPerStrip(), p.height() - s * p.rowsPerStrip());
            int want = Math.toIntExact(rows * rowBytes);
            ByteBuffer stored = read(channel, file, size, p.stripOffsets()[s], p.stripByteCounts()[s], ByteOrder.LITTLE_ENDIAN);
            byte[] in = new byte[stored.remaining()];
            stored.get(in);
            int dst = Math.toIntExact(s * (long) p.rowsPerStrip() * rowBytes);
            switch (p.compression()) {
                case 1 -> {
                    if (in.length < want) {
                        throw new InvalidInputException(where + ": strip " + s + " holds " + in.length + " bytes, expected "
                                + want);
                    }
                    System.arraycopy(in, 0, raw, dst, want);
                }
                case 32773 -> Codecs.unpackBits(in, raw, dst, want, where);
                case 5 -> Codecs.lzwDecode(in, raw, dst, want, where);
                default -> throw new InvalidInputException(where + ": unsupported compression " + p.compression());
            }
        }
        float[] out = new float[p.width() * p.height()];
        Codecs.toFloat(raw, order, p.type(), out);
        return new Frame(p.width(), p.height(), out);
    }

    @Override
    public String description() {
        return file.toString();
    }

    /** A listing for {@code operando info}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("TIFF file ").append(file).append(" (").append(size).append(" bytes), ")
                .append(order == ByteOrder.LITTLE_ENDIAN ? "little-endian (II)" : "big-endian (MM)")
                .append(", ").append(pages.size()).append(pages.size() == 1 ? " page" : " pages").append('\n');
        int shown = 0;
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            if (shown++ == 20) {
                s.append("  … ").append(pages.size() - 20).append(" more pages\n");
                break;
            }
            s.append(String.format(Locale.ROOT, "  page %d: %d x %d (width x height) %s, compression %s, %d strip(s)%n",
                    i + 1, p.width(), p.height(), p.type().numpyName(), p.compressionName(),
                    (p.height() + p.rowsPerStrip() - 1) / p.rowsPerStrip()));
            if (p.description() != null && !p.description().isBlank()) {
                String d = p.description().replace("\n", "\\n");
                s.append("    description: ").append(d.length() > 200 ? d.substring(0, 200) + "…" : d).append('\n');
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
