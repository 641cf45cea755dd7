package org.operando.io.poni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.io.AtomicOutput;
import org.operando.util.InvalidInputException;

/**
 * pyFAI PONI files ("point of normal incidence" geometry), versions 1 and 2.
 *
 * <p>Version 1 names the detector (optional) and gives {@code PixelSize1}/{@code PixelSize2}; version 2 names the
 * detector class and gives a {@code Detector_config} JSON object ({@code pixel1}, {@code pixel2},
 * {@code max_shape} for a generic detector, or {@code {}} for a named one). Both give {@code Distance},
 * {@code Poni1}, {@code Poni2}, {@code Rot1..3} (m, rad) and an optional {@code Wavelength} (m). Keys are
 * case-insensitive; lines starting with '#' are comments, as in pyFAI.
 */
public final class PoniFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoniFile() { }

    /**
     * Reads a PONI file. A generic detector without a shape takes it from {@code shapeHint} ({rows, cols}) when
     * given.
     *
     * @throws InvalidInputException naming the file and the missing/bad key
     */
    public static Geometry read(Path file) {
        return read(file, null);
    }

    /** Like {@link #read(Path)}; {@code shapeHint} = {rows, cols} of the frames, used by generic detectors. */
    public static Geometry read(Path file, int[] shapeHint) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such PONI file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString(), shapeHint);
    }

    /** Parses PONI text; {@code source} names it in messages. */
    public static Geometry parse(String text, String source, int[] shapeHint) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.startsWith("#") || !line.contains(":")) {
                continue;
            }
            int c = line.indexOf(':');
            kv.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).trim());
        }
        int version;
        try {
            version = Integer.parseInt(kv.getOrDefault("poni_version", "1").trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source + ": poni_version '" + kv.get("poni_version") + "' is not an integer");
        }
        Detector det;
        if (version == 1) {
            det = detectorV1(kv, source, shapeHint);
        } else if (version == 2) {
            det = detectorV2(kv, source, shapeHint);
        } else {
            throw new InvalidInputException(source + ": poni_version " + version + " is not supported (expected 1 or 2)");
        }
        double dist = number(kv, source, true, "distance", "dist");
        double poni1 = number(kv, source, true, "poni1");
        double poni2 = number(kv, source, true, "poni2");
        double rot1 = number(kv, source, false, "rot1");
        double rot2 = number(kv, source, false, "rot2");
        double rot3 = number(kv, source, false, "rot3");
        double wl = kv.containsKey("wavelength") ? number(kv, source, true, "wavelength") : Double.NaN;
        if (!(dist > 0)) {
            throw new InvalidInputException(source + ": Distance must be > 0 m, got " + dist);
        }
        if (!Double.isNaN(wl) && !(wl > 0)) {
            throw new InvalidInputException(source + ": Wavelength must be > 0 m, got " + wl);
        }
        try {
            return new Geometry(det, dist, poni1, poni2, rot1, rot2, rot3, wl);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage(), e);
        }
    }

    private static double number(Map<String, String> kv, String source, boolean required, String... keys) {
        for (String k : keys) {
            String v = kv.get(k);
            if (v != null) {
                try {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(source + ": " + k + " = '" + v + "' is not a finite number");
                }
            }
        }
        if (required) {
            throw new InvalidInputException(source + ": missing key '" + keys[0] + "'");
        }
        return 0.0;
    }

    private static Detector detectorV1(Map<String, String> kv, String source, int[] shapeHint) {
        String name = kv.get("detector");
        boolean hasPix = kv.containsKey("pixelsize1") || kv.containsKey("pixelsize2");
        if (name != null && Detector.isKnown(name) && !hasPix) {
            return Detector.named(name);
        }
        if (name != null && Detector.isKnown(name)) {
            Detector d = Detector.named(name);
            double p1 = number(kv, source, false, "pixelsize1");
            double p2 = number(kv, source, false, "pixelsize2");
            if (Math.abs(p1 - d.pixel1()) <= 1e-12 && Math.abs(p2 - d.pixel2()) <= 1e-12) {
                return d;
            }
            throw new InvalidInputException(source + ": PixelSize1/2 " + p1 + " x " + p2 + " m contradict detector "
                    + d.name() + " (" + d.pixel1() + " x " + d.pixel2() + " m)");
        }
        if (!hasPix) {
            throw new InvalidInputException(source + ": neither a known Detector nor PixelSize1/PixelSize2"
                    + (name == null ? "" : " (unknown detector '" + name + "')"));
        }
        double p1 = number(kv, source, true, "pixelsize1");
        double p2 = number(kv, source, true, "pixelsize2");
        return genericWithShape(p1, p2, null, source, shapeHint);
    }

    private static Detector detectorV2(Map<String, String> kv, String source, int[] shapeHint) {
        String name = kv.get("detector");
        if (name == null) {
            throw new InvalidInputException(source + ": missing key 'Detector' (required by poni_version 2)");
        }
        JsonNode config;
        String raw = kv.getOrDefault("detector_config", "{}");
        try {
            config = JSON.readTree(raw.isBlank() ? "{}" : raw);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": Detector_config is not valid JSON: " + raw, e);
        }
        if (config == null || !config.isObject()) {
            throw new InvalidInputException(source + ": Detector_config must be a JSON object, got " + raw);
        }
        if (Detector.isKnown(name)) {
            Detector d = Detector.named(name);
            JsonNode ms = config.get("max_shape");
            if (ms != null && ms.isArray() && ms.size() == 2) {
                int r = ms.get(0).asInt();
                int c = ms.get(1).asInt();
                if (r != d.rows() || c != d.cols()) {
                    d = d.withShape(r, c);
                }
            }
            return d;
        }
        if (!name.equalsIgnoreCase("Detector")) {
            throw new InvalidInputException(source + ": unknown detector '" + name + "'; expected one of "
                    + String.join(", ", Detector.names()) + " or Detector with pixel1/pixel2 in Detector_config");
        }
        if (!config.hasNonNull("pixel1") || !config.hasNonNull("pixel2")) {
            throw new InvalidInputException(source + ": Detector_config of a generic Detector needs pixel1 and pixel2, got " + raw);
        }
        int[] shape = null;
        JsonNode ms = config.get("max_shape");
        if (ms != null && ms.isArray() && ms.size() == 2) {
            shape = new int[] {ms.get(0).asInt(), ms.get(1).asInt()};
        }
        return genericWithShape(config.get("pixel1").asDouble(), config.get("pixel2").asDouble(), shape, source, shapeHint);
    }

    private static Detector genericWithShape(double p1, double p2, int[] shape, String source, int[] shapeHint) {
        int[] s = shape != null ? shape : shapeHint;
        if (s == null) {
            // shape unknown until frames are seen: a 1 x 1 placeholder the caller replaces via withShape()
            s = new int[] {1, 1};
        }
        try {
            return Detector.generic(p1, p2, s[0], s[1]);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage(), e);
        }
    }

    /** PONI version 2 text for {@code g}, as pyFAI writes it. */
    public static String format(Geometry g) {
        Detector d = g.detector();
        StringBuilder sb = new StringBuilder();
        sb.append("# Nota: C-Order, 1 refers to the Y axis, 2 to the X axis \n");
        sb.append("# Written by operando at ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        sb.append("poni_version: 2\n");
        sb.append("Detector: ").append(d.name()).append('\n');
        ObjectNode cfg = JSON.createObjectNode();
        if (d.isGeneric()) {
            cfg.put("pixel1", d.pixel1());
            cfg.put("pixel2", d.pixel2());
            cfg.putArray("max_shape").add(d.rows()).add(d.cols());
        } else if (!d.equals(Detector.named(d.name()))) {
            cfg.putArray("max_shape").add(d.rows()).add(d.cols());
        }
        sb.append("Detector_config: ").append(cfg.toString().replace(",", ", ").replace(":", ": ")).append('\n');
        sb.append("Distance: ").append(repr(g.dist())).append('\n');
        sb.append("Poni1: ").append(repr(g.poni1())).append('\n');
        sb.append("Poni2: ").append(repr(g.poni2())).append('\n');
        sb.append("Rot1: ").append(repr(g.rot1())).append('\n');
        sb.append("Rot2: ").append(repr(g.rot2())).append('\n');
        sb.append("Rot3: ").append(repr(g.rot3())).append('\n');
        if (g.hasWavelength()) {
            sb.append("Wavelength: ").append(repr(g.wavelength())).append('\n');
        }
        return sb.toString();
    }

    /** Shortest decimal that reads back to the same double (as Python's repr). */
    private static String repr(double v) {
        return Double.toString(v);
    }

    /** Writes {@code g} as a PONI version 2 file, atomically. */
    public static void write(Path file, Geometry g) {
        AtomicOutput.writeString(file, format(g));
    }
}
