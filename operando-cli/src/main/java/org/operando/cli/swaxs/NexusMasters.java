package org.operando.cli.swaxs;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.operando.io.hdf5.Hdf5Files;
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
            try (Master x = new Master(m)) {
                masters.add(new Indexed((int) x.number("/entry/scan_index"), m));
            }
        }
        masters.sort(Comparator.comparingInt(Indexed::index));
        Path first = masters.get(0).master();
        int nx;
        int ny;
        double sx;
        double sy;
        double pol;
        SwaxsExperiment.Detector saxs;
        SwaxsExperiment.Detector waxs;
        Path pot = null;
        try (Master x = new Master(first)) {
            double[] shape = x.numbers("/entry/scan/shape");
            if (shape.length != 2) {
                throw new InvalidInputException(first + "::/entry/scan/shape: expected [ny, nx]");
            }
            ny = (int) shape[0];
            nx = (int) shape[1];
            sx = 1e3 * x.number("/entry/scan/step_x");
            sy = 1e3 * x.number("/entry/scan/step_y");
            saxs = x.detector("saxs");
            waxs = x.has("/entry/instrument/waxs/data_files") ? x.detector("waxs") : null;
            if (x.has("/entry/potentiostat/file")) {
                pot = SwaxsExperiment.resolve(first.getParent(), x.text("/entry/potentiostat/file"));
            }
            pol = x.has("/entry/instrument/beam/polarization_factor")
                    ? x.number("/entry/instrument/beam/polarization_factor") : Double.NaN;
        }
        List<SwaxsExperiment.Scan> scans = new ArrayList<>();
        for (Indexed ix : masters) {
            Path m = ix.master();
            try (Master x = new Master(m)) {
                double[] sh = x.numbers("/entry/scan/shape");
                if (sh.length != 2 || (int) sh[0] != ny || (int) sh[1] != nx) {
                    throw new InvalidInputException(m + "::/entry/scan/shape: raster " + java.util.Arrays.toString(sh)
                            + " differs from the pristine scan's [" + ny + ", " + nx + "] (" + first + ")");
                }
                String name = x.text("/entry/scan_name");
                List<String> sf = x.frames("saxs");
                List<String> wf = waxs == null ? List.of() : x.frames("waxs");
                String master = m.toAbsolutePath().toString();
                double start = SwaxsExperiment.parseTime(x.text("/entry/start_time"), m + "::/entry/start_time");
                double end = SwaxsExperiment.parseTime(x.text("/entry/end_time"), m + "::/entry/end_time");
                String ts = x.has("/entry/data/epoch") ? master + "::/entry/data/epoch" : null;
                scans.add(new SwaxsExperiment.Scan(name, sf, wf, null, master + "::/entry/instrument/diode/data",
                        Double.NaN, master + "::/entry/instrument/diode/open_beam",
                        x.number("/entry/scan/exposure_time"), start, end, ts));
            }
        }
        return new SwaxsExperiment(dir.resolve("raw"), nx, ny, sx, sy, saxs, waxs, pot, 0, pol, scans);
    }

    /** One master file, open while its values are read. */
    private static final class Master implements AutoCloseable {
        private final Path file;
        private final HdfFile hdf;

        Master(Path file) {
            this.file = file;
            this.hdf = Hdf5Files.open(file);
        }

        boolean has(String path) {
            try {
                return hdf.getByPath(path) != null;
            } catch (RuntimeException e) {
                return false;
            }
        }

        private Object data(String path) {
            return Hdf5Files.dataset(hdf, file, path).getData();
        }

        double[] numbers(String path) {
            Object d = data(path);
            if (d instanceof Number n) {
                return new double[] {n.doubleValue()};
            }
            int n = d.getClass().isArray() ? Array.getLength(d) : 0;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                Object v = Array.get(d, i);
                if (!(v instanceof Number num)) {
                    throw new InvalidInputException(file + "::" + path + ": expected a 1D numeric dataset");
                }
                out[i] = num.doubleValue();
            }
            return out;
        }

        double number(String path) {
            double[] v = numbers(path);
            if (v.length != 1) {
                throw new InvalidInputException(file + "::" + path + ": holds " + v.length + " values, expected one");
            }
            return v[0];
        }

        String[] texts(String path) {
            Object d = data(path);
            if (d instanceof String t) {
                return new String[] {t};
            }
            if (d instanceof String[] a) {
                return a;
            }
            throw new InvalidInputException(file + "::" + path + ": expected text");
        }

        String text(String path) {
            String[] a = texts(path);
            if (a.length != 1) {
                throw new InvalidInputException(file + "::" + path + ": holds " + a.length + " strings, expected one");
            }
            return a[0];
        }

        SwaxsExperiment.Detector detector(String role) {
            String g = "/entry/instrument/" + role;
            Path poni = SwaxsExperiment.resolve(file.getParent(), text(g + "/poni_file"));
            List<String> masks = new ArrayList<>();
            for (String m : new String[] {"pixel_mask", "beamstop_mask"}) {
                if (has(g + "/" + m)) {
                    masks.add(file.toAbsolutePath() + "::" + g + "/" + m);
                }
            }
            return new SwaxsExperiment.Detector(poni, masks);
        }

        List<String> frames(String role) {
            String g = "/entry/instrument/" + role;
            String path = text(g + "/data_path");
            List<String> out = new ArrayList<>();
            for (String f : texts(g + "/data_files")) {
                out.add(SwaxsExperiment.resolve(file.getParent(), f) + "::" + path);
            }
            return out;
        }

        @Override
        public void close() {
            hdf.close();
        }
    }
}
