package org.operando.cli.swaxs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.operando.io.hdf5.Hdf5Arrays;
import org.operando.util.InvalidInputException;

/**
 * Reads an experiment from NeXus scan masters ({@code DIR/raw/SCAN_master.h5}), the self-describing layout of
 * {@code operando simulate swaxs} and of beamlines that write one master per scan: {@code /entry/scan} (shape
 * [ny, nx], step_x/step_y in mm, exposure_time), {@code /entry/instrument/{saxs,waxs}} (poni_file, data_files,
 * data_path, pixel_mask, beamstop_mask), {@code /entry/instrument/diode} (data, open_beam), {@code /entry/data/epoch}
 * (per-point times), {@code /entry/potentiostat/file}. Scans are ordered by {@code /entry/scan_index}; the first is
 * the pristine reference.
 */
final class NexusMasters {
    private NexusMasters() { }

    static List<Path> find(Path dir) {
        Path raw = dir.resolve("raw");
        if (!Files.isDirectory(raw)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(raw)) {
            return s.filter(p -> p.getFileName().toString().endsWith("_master.h5")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(raw + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    static SwaxsExperiment read(Path dir) {
        record Indexed(int index, Path master) { }
        List<Indexed> masters = new ArrayList<>();
        for (Path m : find(dir)) {
            masters.add(new Indexed((int) Hdf5Arrays.readScalar(m, "/entry/scan_index"), m));
        }
        masters.sort(Comparator.comparingInt(Indexed::index));
        Path first = masters.get(0).master();
        double[] shape = Hdf5Arrays.readDoubles(first, "/entry/scan/shape");
        if (shape.length != 2) {
            throw new InvalidInputException(first + "::/entry/scan/shape: expected [ny, nx]");
        }
        int ny = (int) shape[0];
        int nx = (int) shape[1];
        double sx = 1e3 * Hdf5Arrays.readScalar(first, "/entry/scan/step_x");
        double sy = 1e3 * Hdf5Arrays.readScalar(first, "/entry/scan/step_y");
        SwaxsExperiment.Detector saxs = detector(first, "saxs");
        SwaxsExperiment.Detector waxs = hasGroup(first, "/entry/instrument/waxs/data_files") ? detector(first, "waxs") : null;
        Path pot = null;
        if (hasGroup(first, "/entry/potentiostat/file")) {
            pot = SwaxsExperiment.resolve(first.getParent(), Hdf5Arrays.readString(first, "/entry/potentiostat/file"));
        }
        List<SwaxsExperiment.Scan> scans = new ArrayList<>();
        for (Indexed ix : masters) {
            Path m = ix.master();
            double[] sh = Hdf5Arrays.readDoubles(m, "/entry/scan/shape");
            if (sh.length != 2 || (int) sh[0] != ny || (int) sh[1] != nx) {
                throw new InvalidInputException(m + "::/entry/scan/shape: raster " + java.util.Arrays.toString(sh)
                        + " differs from the pristine scan's [" + ny + ", " + nx + "] (" + first + ")");
            }
            String name = Hdf5Arrays.readString(m, "/entry/scan_name");
            List<String> sf = frames(m, "saxs");
            List<String> wf = waxs == null ? List.of() : frames(m, "waxs");
            String master = m.toAbsolutePath().toString();
            String diode = master + "::/entry/instrument/diode/data";
            String empty = master + "::/entry/instrument/diode/open_beam";
            double exposure = Hdf5Arrays.readScalar(m, "/entry/scan/exposure_time");
            double start = SwaxsExperiment.parseTime(Hdf5Arrays.readString(m, "/entry/start_time"), m + "::/entry/start_time");
            double end = SwaxsExperiment.parseTime(Hdf5Arrays.readString(m, "/entry/end_time"), m + "::/entry/end_time");
            String ts = hasGroup(m, "/entry/data/epoch") ? master + "::/entry/data/epoch" : null;
            scans.add(new SwaxsExperiment.Scan(name, sf, wf, null, diode, Double.NaN, empty, exposure, start, end, ts));
        }
        double pol = hasGroup(first, "/entry/instrument/beam/polarization_factor")
                ? Hdf5Arrays.readScalar(first, "/entry/instrument/beam/polarization_factor") : Double.NaN;
        return new SwaxsExperiment(dir.resolve("raw"), nx, ny, sx, sy, saxs, waxs, pot, 0, pol, scans);
    }

    private static SwaxsExperiment.Detector detector(Path master, String role) {
        String g = "/entry/instrument/" + role;
        Path poni = SwaxsExperiment.resolve(master.getParent(), Hdf5Arrays.readString(master, g + "/poni_file"));
        List<String> masks = new ArrayList<>();
        for (String m : new String[] {"pixel_mask", "beamstop_mask"}) {
            if (hasGroup(master, g + "/" + m)) {
                masks.add(master.toAbsolutePath() + "::" + g + "/" + m);
            }
        }
        return new SwaxsExperiment.Detector(poni, masks);
    }

    private static List<String> frames(Path master, String role) {
        String g = "/entry/instrument/" + role;
        String path = Hdf5Arrays.readString(master, g + "/data_path");
        List<String> out = new ArrayList<>();
        for (String f : Hdf5Arrays.readStrings(master, g + "/data_files")) {
            out.add(SwaxsExperiment.resolve(master.getParent(), f) + "::" + path);
        }
        return out;
    }

    private static boolean hasGroup(Path file, String path) {
        try (var hdf = org.operando.io.hdf5.Hdf5Files.open(file)) {
            return hdf.getByPath(path) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
