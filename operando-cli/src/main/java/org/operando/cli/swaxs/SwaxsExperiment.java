package org.operando.cli.swaxs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.operando.util.InvalidInputException;

/**
 * What a scanning SWAXS experiment consists of: the raster, the two detectors' PONI files (and optional masks),
 * the scans with their frames, transmission (diode) and times, and the potentiostat log. Read from a small JSON
 * file ({@code experiment.json}, which the digital twin also writes); relative paths are resolved against the
 * file's folder. Datasets are named {@code file.h5::/path/in/file}.
 *
 * <pre>
 * {
 *   "raster": {"nx": 40, "ny": 20, "step_x_um": 50, "step_y_um": 30},
 *   "saxs": {"poni": "saxs.poni", "mask": ["saxs_mask.h5::/mask"]},
 *   "waxs": {"poni": "waxs.poni"},
 *   "potentiostat": "echem.mpt",
 *   "polarization": 0.99,
 *   "scans": [
 *     {"name": "pristine",
 *      "saxs_frames": ["raw/pristine_saxs.h5::/entry/data/data"],
 *      "waxs_frames": ["raw/pristine_waxs.h5::/entry/data/data"],
 *      "diode": "raw/pristine.h5::/entry/instrument/diode/data", "diode_empty": 1.0e6,
 *      "exposure_s": 0.1,
 *      "start": "2024-03-14T08:45:00Z", "end": "2024-03-14T08:49:10Z"}
 *   ]
 * }
 * </pre>
 * Instead of {@code diode}/{@code diode_empty}, {@code transmission} may name a dataset of transmissions; instead of
 * {@code start}/{@code end}, {@code timestamps} may name a dataset of per-point times (seconds since the epoch).
 */
public record SwaxsExperiment(Path source, int nx, int ny, double stepXUm, double stepYUm, Detector saxs,
                              Detector waxs, Path potentiostat, double clockOffsetS, double polarization,
                              List<Scan> scans) {

    /**
     * One detector: its geometry and static masks ({@code file.h5::/dataset} or a file whose {@code /mask} holds the
     * mask; non-zero = excluded pixel), OR-ed together with the detector's module gaps.
     */
    public record Detector(Path poni, List<String> masks) { }

    /**
     * One raster scan.
     *
     * @param diodeEmpty empty-beam diode value (NaN when {@code transmission} is given)
     * @param exposureS  exposure per point, for counts per second (NaN: no normalization)
     */
    public record Scan(String name, List<String> saxsFrames, List<String> waxsFrames, String transmission,
                       String diode, double diodeEmpty, String diodeEmptyDataset, double exposureS, double startS,
                       double endS, String timestamps) { }

    /**
     * Reads {@code experiment.json}, or {@code DIR/experiment.json} when given a folder; a folder without one but with
     * NeXus scan masters {@code DIR/raw/*_master.h5} (the layout {@code operando simulate swaxs} writes) is read from
     * the masters.
     */
    public static SwaxsExperiment read(Path input) {
        Path file = Files.isDirectory(input) ? input.resolve("experiment.json") : input;
        if (Files.isDirectory(input) && !Files.isRegularFile(file) && !NexusMasters.find(input).isEmpty()) {
            return NexusMasters.read(input);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(Files.isDirectory(input)
                    ? input + ": no experiment.json in this folder (write one naming the scans, PONI files and potentiostat log, "
                    + "or point at a folder made by 'operando simulate swaxs')"
                    : input + ": no such file or folder");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getMessage().split("\n")[0] + ")", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        JsonNode raster = need(root, "raster", file);
        int nx = needInt(raster, "nx", file, "raster.nx");
        int ny = needInt(raster, "ny", file, "raster.ny");
        double sx = needDouble(raster, "step_x_um", file, "raster.step_x_um");
        double sy = needDouble(raster, "step_y_um", file, "raster.step_y_um");
        InvalidInputException.require(nx > 0 && ny > 0 && sx > 0 && sy > 0,
                file + ": raster must have positive nx, ny, step_x_um, step_y_um");
        Detector saxs = detector(root, "saxs", dir, file, true);
        Detector waxs = detector(root, "waxs", dir, file, false);
        Path pot = root.hasNonNull("potentiostat") ? resolve(dir, root.get("potentiostat").asText()) : null;
        double offset = root.hasNonNull("clock_offset_s") ? root.get("clock_offset_s").asDouble() : 0;
        double pol = root.hasNonNull("polarization") ? root.get("polarization").asDouble() : Double.NaN;
        InvalidInputException.require(Double.isNaN(pol) || (pol >= -1 && pol <= 1),
                file + ": 'polarization' must be in [-1, 1] (pyFAI's polarization factor), got " + pol);
        JsonNode scansNode = need(root, "scans", file);
        if (!scansNode.isArray() || scansNode.size() == 0) {
            throw new InvalidInputException(file + ": 'scans' must be a non-empty list (the pristine scan first)");
        }
        List<Scan> scans = new ArrayList<>();
        for (int i = 0; i < scansNode.size(); i++) {
            JsonNode s = scansNode.get(i);
            String where = "scans[" + i + "]";
            String name = s.hasNonNull("name") ? s.get("name").asText() : "scan" + i;
            List<String> sf = frames(s, "saxs_frames", dir, file, where, true);
            List<String> wf = waxs == null ? List.of() : frames(s, "waxs_frames", dir, file, where, true);
            String trans = s.hasNonNull("transmission") ? spec(dir, s.get("transmission").asText()) : null;
            String diode = s.hasNonNull("diode") ? spec(dir, s.get("diode").asText()) : null;
            if (trans == null && diode == null) {
                throw new InvalidInputException(file + ": " + where + " (" + name + ") has neither 'transmission' nor "
                        + "'diode': the transmission correction needs one");
            }
            double empty = Double.NaN;
            String emptyDs = null;
            if (diode != null) {
                JsonNode e = s.get("diode_empty");
                if (e == null || e.isNull()) {
                    throw new InvalidInputException(file + ": " + where + " (" + name + ") gives 'diode' without "
                            + "'diode_empty' (the empty-beam diode value or dataset)");
                }
                if (e.isNumber()) {
                    empty = e.asDouble();
                    InvalidInputException.require(empty > 0, file + ": " + where + ".diode_empty must be > 0");
                } else {
                    emptyDs = spec(dir, e.asText());
                }
            }
            double exposure = s.hasNonNull("exposure_s") ? s.get("exposure_s").asDouble() : Double.NaN;
            double start = time(s, "start", file, where);
            double end = time(s, "end", file, where);
            String ts = s.hasNonNull("timestamps") ? spec(dir, s.get("timestamps").asText()) : null;
            scans.add(new Scan(name, sf, wf, trans, diode, empty, emptyDs, exposure, start, end, ts));
        }
        return new SwaxsExperiment(file, nx, ny, sx, sy, saxs, waxs, pot, offset, pol, scans);
    }

    private static Detector detector(JsonNode root, String key, Path dir, Path file, boolean required) {
        JsonNode d = root.get(key);
        if (d == null || d.isNull()) {
            if (required) {
                throw new InvalidInputException(file + ": missing '" + key + "' (its PONI file)");
            }
            return null;
        }
        if (!d.hasNonNull("poni")) {
            throw new InvalidInputException(file + ": '" + key + "' needs a 'poni' file");
        }
        Path poni = resolve(dir, d.get("poni").asText());
        List<String> masks = new ArrayList<>();
        JsonNode m = d.get("mask");
        if (m != null && m.isArray()) {
            m.forEach(x -> masks.add(spec(dir, x.asText())));
        } else if (m != null && !m.isNull()) {
            masks.add(spec(dir, m.asText()));
        }
        return new Detector(poni, masks);
    }

    private static List<String> frames(JsonNode s, String key, Path dir, Path file, String where, boolean required) {
        JsonNode f = s.get(key);
        List<String> out = new ArrayList<>();
        if (f == null || f.isNull()) {
            if (required) {
                throw new InvalidInputException(file + ": " + where + " has no '" + key + "'");
            }
            return out;
        }
        if (f.isArray()) {
            f.forEach(x -> out.add(spec(dir, x.asText())));
        } else {
            out.add(spec(dir, f.asText()));
        }
        return out;
    }

    /** Resolves the file part of "file::dataset" against dir. */
    static String spec(Path dir, String s) {
        int k = s.indexOf("::");
        String f = k < 0 ? s : s.substring(0, k);
        String rest = k < 0 ? "" : s.substring(k);
        return resolve(dir, f) + rest;
    }

    static Path resolve(Path dir, String p) {
        Path q = Path.of(p);
        return q.isAbsolute() ? q : dir.resolve(q).normalize();
    }

    static double parseTime(String text, String where) {
        try {
            Instant i = Instant.parse(text);
            return i.getEpochSecond() + i.getNano() * 1e-9;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(where + " = '" + text
                    + "': expected an ISO-8601 time such as 2024-03-14T08:45:00Z or seconds since the epoch");
        }
    }

    private static double time(JsonNode s, String key, Path file, String where) {
        JsonNode t = s.get(key);
        if (t == null || t.isNull()) {
            return Double.NaN;
        }
        if (t.isNumber()) {
            return t.asDouble();
        }
        return parseTime(t.asText(), file + ": " + where + "." + key);
    }

    private static JsonNode need(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(file + ": missing '" + key + "'");
        }
        return v;
    }

    private static int needInt(JsonNode n, String key, Path file, String name) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt()) {
            throw new InvalidInputException(file + ": '" + name + "' must be an integer");
        }
        return v.asInt();
    }

    private static double needDouble(JsonNode n, String key, Path file, String name) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) {
            throw new InvalidInputException(file + ": '" + name + "' must be a number");
        }
        return v.asDouble();
    }
}
