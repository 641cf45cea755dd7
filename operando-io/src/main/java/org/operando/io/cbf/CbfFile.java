package org.operando.io.cbf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.util.InvalidInputException;

/**
 * Crystallographic Binary File (CBF) reader for the single-image "mini-CBF" that Dectris Pilatus/Eiger detectors
 * and most beamlines write: the Pilatus header ({@code _array_data.header_contents}, lines like
 * {@code # Exposure_time 0.0970000 s}, {@code # Wavelength 0.9795 A}, {@code # Detector_distance 0.3 m},
 * {@code # Pixel_size 172e-6 m x 172e-6 m}, {@code # Beam_xy (1231.00, 1264.00) pixels}) and one binary section
 * with its MIME headers ({@code X-Binary-Size}, {@code X-Binary-Number-of-Elements},
 * {@code X-Binary-Size-Fastest-Dimension}, {@code X-Binary-Size-Second-Dimension}, {@code X-Binary-Element-Type}),
 * compressed with {@code x-CBF_BYTE_OFFSET} (or uncompressed {@code x-CBF_NONE}).
 */
public final class CbfFile implements FrameSource {
    static final long MAX_FILE = 1L << 30;
    static final long MAX_PIXELS = 1L << 28;
    private static final byte[] MARKER = {0x0C, 0x1A, 0x04, (byte) 0xD5};
    private static final Pattern MIME = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9-]*)\\s*:\\s*(.*?)\\s*;?\\s*$",
            Pattern.MULTILINE);

    /** Pilatus header values in SI-like units as written (NaN when absent). */
    public record PilatusHeader(double exposureTimeS, double wavelengthAngstrom, double detectorDistanceM,
                                double pixelSizeXM, double pixelSizeYM, double beamX, double beamY,
                                double countCutoff, String detector) { }

    private final Path file;
    private final byte[] bytes;
    private final int binaryStart;
    private final long binarySize;
    private final int width;
    private final int height;
    private final String elementType;
    private final String conversion;
    private final Map<String, String> mime;
    private final Map<String, String> pilatus;
    private final String headerText;

    private CbfFile(Path file, byte[] bytes, int binaryStart, long binarySize, int width, int height, String elementType,
                    String conversion, Map<String, String> mime, Map<String, String> pilatus, String headerText) {
        this.file = file;
        this.bytes = bytes;
        this.binaryStart = binaryStart;
        this.binarySize = binarySize;
        this.width = width;
        this.height = height;
        this.elementType = elementType;
        this.conversion = conversion;
        this.mime = mime;
        this.pilatus = pilatus;
        this.headerText = headerText;
    }

    /** Opens and parses {@code file}; {@link InvalidInputException} naming it on bad input. */
    public static CbfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        byte[] b;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new InvalidInputException(file + ": larger than 1 GiB; not a single-image CBF");
            }
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        String start = new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1);
        if (!start.startsWith("###CBF") && !start.startsWith("data_") && !start.contains("CBF")) {
            throw new InvalidInputException(file + ": not a CBF file (expected '###CBF' at the start)");
        }
        int marker = indexOf(b, MARKER);
        if (marker < 0) {
            throw new InvalidInputException(file + ": CBF has no binary section (start marker 0C 1A 04 D5 missing)");
        }
        String text = new String(b, 0, marker, StandardCharsets.ISO_8859_1);
        int section = text.lastIndexOf("--CIF-BINARY-FORMAT-SECTION--");
        if (section < 0) {
            throw new InvalidInputException(file + ": CBF lacks the '--CIF-BINARY-FORMAT-SECTION--' MIME header");
        }
        Map<String, String> mime = new LinkedHashMap<>();
        Matcher m = MIME.matcher(text.substring(section));
        while (m.find()) {
            mime.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2).replace("\"", "").trim());
        }
        String conv = "x-CBF_NONE";
        Matcher c = Pattern.compile("conversions\\s*=\\s*\"?([A-Za-z0-9_-]+)").matcher(text.substring(section));
        if (c.find()) {
            conv = c.group(1);
        }
        long size = number(mime, "x-binary-size", file);
        long fast = number(mime, "x-binary-size-fastest-dimension", file);
        long slow = number(mime, "x-binary-size-second-dimension", file);
        String third = mime.get("x-binary-size-third-dimension");
        if (third != null && !third.trim().equals("1")) {
            throw new InvalidInputException(file + ": CBF binary has a third dimension " + third + "; expected one image");
        }
        if (fast <= 0 || slow <= 0 || fast * slow > MAX_PIXELS) {
            throw new InvalidInputException(file + ": CBF image size " + fast + " x " + slow + " is invalid");
        }
        String nel = mime.get("x-binary-number-of-elements");
        if (nel != null && number(mime, "x-binary-number-of-elements", file) != fast * slow) {
            throw new InvalidInputException(file + ": X-Binary-Number-of-Elements " + nel + " differs from "
                    + fast + " x " + slow);
        }
        int binStart = marker + 4;
        if (size < 0 || binStart + size > b.length) {
            throw new InvalidInputException(file + ": X-Binary-Size " + size + " runs past the end of the file"
                    + " (truncated?)");
        }
        String type = mime.getOrDefault("x-binary-element-type", "signed 32-bit integer");
        if (!conv.equalsIgnoreCase("x-CBF_BYTE_OFFSET") && !conv.equalsIgnoreCase("x-CBF_NONE")) {
            throw new InvalidInputException(file + ": CBF compression " + conv + " is not supported (expected"
                    + " x-CBF_BYTE_OFFSET or x-CBF_NONE)");
        }
        if (conv.equalsIgnoreCase("x-CBF_NONE") && elementBytes(type) < 0) {
            throw new InvalidInputException(file + ": X-Binary-Element-Type '" + type + "' is not supported");
        }
        String bo = mime.getOrDefault("x-binary-element-byte-order", "LITTLE_ENDIAN");
        if (!bo.equalsIgnoreCase("LITTLE_ENDIAN")) {
            throw new InvalidInputException(file + ": X-Binary-Element-Byte-Order " + bo + " is not supported");
        }
        return new CbfFile(file, b, binStart, size, (int) fast, (int) slow, type, conv, Collections.unmodifiableMap(mime),
                parsePilatus(text), text);
    }

    private static long number(Map<String, String> mime, String key, Path file) {
        String v = mime.get(key);
        if (v == null) {
            throw new InvalidInputException(file + ": CBF binary section lacks " + key);
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": CBF " + key + " = '" + v + "', expected an integer");
        }
    }

    /** "# Key value ..." lines of the Pilatus header, keyed by the first word (trailing ':' dropped). */
    static Map<String, String> parsePilatus(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int h = text.indexOf("_array_data.header_contents");
        if (h < 0) {
            return out;
        }
        for (String line : text.substring(h).split("\\R")) {
            String t = line.trim();
            if (t.startsWith("_array_data.data")) {
                break;
            }
            if (!t.startsWith("#")) {
                continue;
            }
            t = t.substring(1).trim();
            int sp = t.indexOf(' ');
            String key = sp < 0 ? t : t.substring(0, sp);
            String value = sp < 0 ? "" : t.substring(sp + 1).trim();
            if (key.endsWith(":")) {
                key = key.substring(0, key.length() - 1);
            }
            if (key.equals("Detector") || !out.containsKey(key)) {
                out.put(key, value.startsWith("= ") ? value.substring(2) : value);
            }
        }
        return out;
    }

    private static int indexOf(byte[] b, byte[] pat) {
        outer:
        for (int i = 0; i + pat.length <= b.length; i++) {
            for (int k = 0; k < pat.length; k++) {
                if (b[i + k] != pat[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int elementBytes(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("8-bit")) {
            return 1;
        }
        if (t.contains("16-bit")) {
            return 2;
        }
        if (t.contains("32-bit")) {
            return 4;
        }
        return -1;
    }

    /**
     * Decodes CBF byte-offset data: each pixel is the previous plus a delta stored as int8; -128 escapes to an
     * int16, -32768 to an int32, Integer.MIN_VALUE to an int64 (all little-endian). Throws when the stream ends early.
     */
    public static long[] decodeByteOffset(byte[] b, int off, long len, int n, String where) {
        if (n > len) {
            throw new InvalidInputException(where + ": byte-offset data of " + len + " bytes cannot hold " + n
                    + " pixels (at least one byte each)");
        }
        long[] out = new long[n];
        int p = off;
        long end = off + len;
        long v = 0;
        for (int i = 0; i < n; i++) {
            if (p >= end) {
                throw new InvalidInputException(where + ": byte-offset data ends after " + i + " of " + n + " pixels");
            }
            int d8 = b[p++];
            if (d8 != -128) {
                v += d8;
            } else {
                if (p + 2 > end) {
                    throw new InvalidInputException(where + ": byte-offset data truncated at pixel " + i);
                }
                int d16 = (short) ((b[p] & 0xff) | (b[p + 1] << 8));
                p += 2;
                if (d16 != Short.MIN_VALUE) {
                    v += d16;
                } else {
                    if (p + 4 > end) {
                        throw new InvalidInputException(where + ": byte-offset data truncated at pixel " + i);
                    }
                    int d32 = (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
                    p += 4;
                    if (d32 != Integer.MIN_VALUE) {
                        v += d32;
                    } else {
                        if (p + 8 > end) {
                            throw new InvalidInputException(where + ": byte-offset data truncated at pixel " + i);
                        }
                        long d64 = 0;
                        for (int k = 7; k >= 0; k--) {
                            d64 = (d64 << 8) | (b[p + k] & 0xff);
                        }
                        p += 8;
                        v += d64;
                    }
                }
            }
            out[i] = v;
        }
        return out;
    }

    @Override
    public int frameCount() {
        return 1;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public Frame read(int index) {
        if (index != 0) {
            throw new IndexOutOfBoundsException("frame " + index + " of single-image CBF " + file);
        }
        int n = width * height;
        float[] out = new float[n];
        boolean unsigned = elementType.toLowerCase(Locale.ROOT).contains("unsigned");
        if (conversion.equalsIgnoreCase("x-CBF_BYTE_OFFSET")) {
            long[] v = decodeByteOffset(bytes, binaryStart, binarySize, n, file.toString());
            // the running sum lives in the element type (CBFlib and fabio wrap deltas there): wrap it back
            int bits = Math.max(0, elementBytes(elementType)) * 8;
            for (int i = 0; i < n; i++) {
                long x = v[i];
                if (bits > 0 && bits < 64) {
                    x = unsigned ? x & ((1L << bits) - 1) : (x << (64 - bits)) >> (64 - bits);
                }
                out[i] = x;
            }
        } else {
            int eb = elementBytes(elementType);
            if ((long) n * eb > binarySize) {
                throw new InvalidInputException(file + ": X-Binary-Size " + binarySize + " is too small for "
                        + n + " pixels");
            }
            var buf = java.nio.ByteBuffer.wrap(bytes, binaryStart, n * eb).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                out[i] = switch (eb) {
                    case 1 -> unsigned ? buf.get(i) & 0xff : buf.get(i);
                    case 2 -> unsigned ? buf.getShort(2 * i) & 0xffff : buf.getShort(2 * i);
                    default -> unsigned ? (float) (buf.getInt(4 * i) & 0xffffffffL) : buf.getInt(4 * i);
                };
            }
        }
        return new Frame(width, height, out);
    }

    /** The binary section's MIME headers, keys in lower case (e.g. "x-binary-size"). */
    public Map<String, String> mimeHeaders() {
        return mime;
    }

    /** The Pilatus header lines, keyed by their first word (e.g. "Exposure_time" → "0.0970000 s"). */
    public Map<String, String> pilatusHeader() {
        return pilatus;
    }

    /** The Pilatus header as numbers (NaN for absent values). */
    public PilatusHeader pilatus() {
        double[] px = numbers(pilatus.get("Pixel_size"));
        double[] beam = numbers(pilatus.get("Beam_xy"));
        return new PilatusHeader(first(pilatus.get("Exposure_time")), first(pilatus.get("Wavelength")),
                first(pilatus.get("Detector_distance")), px.length > 0 ? px[0] : Double.NaN,
                px.length > 1 ? px[1] : Double.NaN, beam.length > 0 ? beam[0] : Double.NaN,
                beam.length > 1 ? beam[1] : Double.NaN, first(pilatus.get("Count_cutoff")), pilatus.get("Detector"));
    }

    private static double first(String s) {
        double[] v = numbers(s);
        return v.length == 0 ? Double.NaN : v[0];
    }

    private static double[] numbers(String s) {
        if (s == null) {
            return new double[0];
        }
        Matcher m = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?").matcher(s);
        java.util.List<Double> v = new java.util.ArrayList<>();
        while (m.find()) {
            v.add(Double.parseDouble(m.group()));
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public String description() {
        return file.toString();
    }

    /** A listing for {@code operando info}. */
    public String describe() {
        StringBuilder s = new StringBuilder("CBF file ").append(file).append('\n');
        s.append(String.format(Locale.ROOT, "  image: %d x %d (fastest x second dimension), %s, %s, %d bytes of binary%n",
                width, height, elementType, conversion, binarySize));
        String line1 = headerText.lines().findFirst().orElse("");
        s.append("  ").append(line1).append('\n');
        if (!pilatus.isEmpty()) {
            s.append("  Pilatus header:\n");
            for (Map.Entry<String, String> e : pilatus.entrySet()) {
                s.append("    ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
            }
        }
        return s.toString();
    }
}
