package org.operando.sim.swaxs;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.operando.io.AtomicOutput;
import org.operando.io.poni.PoniFile;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import org.operando.util.ProgressListener;

/**
 * Writes a simulated experiment as a beamline would (layout in docs/sim.md):
 * <pre>
 * OUT/simulation.json                  the configuration and derived numbers
 * OUT/saxs.poni, OUT/waxs.poni         pyFAI PONI (v2) of the written frames
 * OUT/potentiostat.mpt                 BioLogic EC-Lab ASCII export, absolute start time
 * OUT/raw/SCAN_master.h5               NeXus master: positions, diode, timestamps, energy, detectors, data file names
 * OUT/raw/SCAN_saxs_data_NNNNNN.h5     frames /entry/data/data [n, rows, cols], uint32, chunk 1 frame, shuffle+deflate
 * OUT/raw/SCAN_waxs_data_NNNNNN.h5     the same for WAXS, int32
 * OUT/truth/truth.json                 per-scan scalars
 * OUT/truth/SCAN_truth.h5              ground-truth maps and masks
 * </pre>
 * Every file goes through {@link AtomicOutput}. jhdf keeps a dataset in memory until the file is closed, so frames
 * are split into data files of at most {@value #MAX_BYTES_PER_DATA_FILE} bytes of raw pixels each (Dectris style),
 * which bounds memory whatever the raster and detector size.
 */
public final class SwaxsWriter {
    public static final long MAX_BYTES_PER_DATA_FILE = 256L << 20;
    public static final String DATA_PATH = "/entry/data/data";
    private static final String MARKER = "simulation.json";

    private final SwaxsSimulation sim;
    private final SwaxsConfig config;

    private final long maxBytesPerDataFile;

    public SwaxsWriter(SwaxsSimulation sim) {
        this(sim, MAX_BYTES_PER_DATA_FILE);
    }

    /** A writer whose data files hold at most {@code maxBytesPerDataFile} bytes of raw pixels (at least one frame). */
    public SwaxsWriter(SwaxsSimulation sim, long maxBytesPerDataFile) {
        this.sim = sim;
        this.config = sim.config();
        this.maxBytesPerDataFile = maxBytesPerDataFile;
    }

    /** Frames per data file of a detector. */
    public int framesPerFile(int which) {
        DetectorModel d = sim.detector(which);
        long bytes = 4L * d.rows() * d.cols();
        return (int) Math.max(1, Math.min(config.points(), maxBytesPerDataFile / bytes));
    }

    /**
     * Checks that {@code out} can take the output: absent, empty, or a previous output of this command (then its
     * raw/ and truth/ files are replaced). Throws before anything is written.
     */
    public static void checkOutput(Path out) {
        if (Files.exists(out)) {
            InvalidInputException.require(Files.isDirectory(out), "--output " + out + ": exists and is not a directory");
            try (Stream<Path> s = Files.list(out)) {
                boolean empty = s.findAny().isEmpty();
                InvalidInputException.require(empty || Files.isRegularFile(out.resolve(MARKER)),
                        "--output " + out + ": directory is not empty and holds no previous simulation ("
                                + MARKER + "); expected a new or empty directory");
            } catch (IOException e) {
                throw new InvalidInputException("--output " + out + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Writes everything for the given scans (null: all) into {@code out}. */
    public void write(Path out, List<String> scanNames, ProgressListener progress) throws IOException {
        List<SwaxsConfig.Scan> scans = new ArrayList<>();
        for (SwaxsConfig.Scan s : config.scans()) {
            if (scanNames == null || scanNames.contains(s.name())) {
                scans.add(s);
            }
        }
        if (scanNames != null) {
            for (String n : scanNames) {
                InvalidInputException.require(scans.stream().anyMatch(s -> s.name().equals(n)),
                        "--scans: unknown scan '" + n + "', expected names from " + config.scans().stream()
                                .map(SwaxsConfig.Scan::name).toList());
            }
        }
        checkOutput(out);
        Files.createDirectories(out.resolve("raw"));
        Files.createDirectories(out.resolve("truth"));
        clean(out.resolve("raw"));
        clean(out.resolve("truth"));

        AtomicOutput.writeString(out.resolve("saxs.poni"), poni(SwaxsSimulation.SAXS));
        AtomicOutput.writeString(out.resolve("waxs.poni"), poni(SwaxsSimulation.WAXS));
        AtomicOutput.writeString(out.resolve("potentiostat.mpt"),
                MptWriter.render(config, sim.model(), "potentiostat.mpt"));

        long total = (long) scans.size() * config.points() * 2;
        progress.start("simulate swaxs", total);
        List<Map<String, Object>> scanJson = new ArrayList<>();
        try {
            // One task per data file (render its frames, then compress and write it): the tasks run in parallel on
            // the shared pool, each single-threaded, so compression (single-threaded inside jhdf) overlaps too.
            List<List<PointTruth>> truths = new ArrayList<>();
            List<Callable<Void>> tasks = new ArrayList<>();
            List<List<String>> saxsFiles = new ArrayList<>();
            List<List<String>> waxsFiles = new ArrayList<>();
            for (SwaxsConfig.Scan scan : scans) {
                List<PointTruth> truth = sim.truth(scan);
                truths.add(truth);
                saxsFiles.add(frameTasks(out, scan, SwaxsSimulation.SAXS, truth, progress, tasks));
                waxsFiles.add(frameTasks(out, scan, SwaxsSimulation.WAXS, truth, progress, tasks));
            }
            runAll(tasks);
            for (int i = 0; i < scans.size(); i++) {
                SwaxsConfig.Scan scan = scans.get(i);
                List<PointTruth> truth = truths.get(i);
                writeMaster(out.resolve("raw").resolve(scan.name() + "_master.h5"), scan, truth, saxsFiles.get(i),
                        waxsFiles.get(i));
                writeTruthMaps(out.resolve("truth").resolve(scan.name() + "_truth.h5"), scan, truth);
                scanJson.add(scanJson(scan, truth));
            }
        } finally {
            progress.finish();
        }
        writeJson(out.resolve("truth").resolve("truth.json"), truthJson(scanJson));
        writeJson(out.resolve(MARKER), simulationJson(scans));
    }

    private static void clean(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(".h5") || n.equals("truth.json"))) {
                    Files.delete(p);
                }
            }
        }
    }

    /** PONI text of a detector; the "written at" comment carries the experiment's start, not the wall clock. */
    public String poni(int which) {
        String text = PoniFile.format(sim.detector(which).geometry());
        return text.replaceFirst("# Written by operando at [^\\n]*",
                "# Written by operando simulate swaxs (digital twin), seed " + config.seed() + ", "
                        + config.instant(-config.restBefore()));
    }

    /** Adds one task per data file of a scan and detector; returns the data file names. */
    private List<String> frameTasks(Path out, SwaxsConfig.Scan scan, int which, List<PointTruth> truth,
                                    ProgressListener progress, List<Callable<Void>> tasks) {
        DetectorModel d = sim.detector(which);
        String role = which == SwaxsSimulation.SAXS ? "saxs" : "waxs";
        boolean unsigned = which == SwaxsSimulation.SAXS && d.spec().model().equals("eiger9m");
        int per = framesPerFile(which);
        List<String> names = new ArrayList<>();
        int n = truth.size();
        for (int first = 0, file = 1; first < n; first += per, file++) {
            int count = Math.min(per, n - first);
            final int base = first;
            String name = String.format(Locale.ROOT, "%s_%s_data_%06d.h5", scan.name(), role, file);
            names.add(name);
            tasks.add(() -> {
                int[][][] frames = new int[count][d.rows()][d.cols()];
                int[] flat = new int[d.rows() * d.cols()];
                for (int k = 0; k < count; k++) {
                    sim.renderFrame(scan, which, truth.get(base + k), flat);
                    for (int r = 0; r < d.rows(); r++) {
                        System.arraycopy(flat, r * d.cols(), frames[k][r], 0, d.cols());
                    }
                    progress.advance(1);
                }
                AtomicOutput.write(out.resolve("raw").resolve(name), tmp -> {
                    try (WritableHdfFile h = HdfFile.write(tmp)) {
                        WritableGroup entry = h.putGroup("entry");
                        entry.putAttribute("NX_class", "NXentry");
                        WritableGroup data = entry.putGroup("data");
                        data.putAttribute("NX_class", "NXdata");
                        data.putAttribute("signal", "data");
                        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder()
                                .chunkDimensions(1, d.rows(), d.cols()).shuffle().deflate(1);
                        if (unsigned) {
                            b.unsigned();
                        }
                        var ds = data.putDataset("data", frames, b.build());
                        ds.putAttribute("units", "counts");
                        ds.putAttribute("image_nr_low", base + 1);
                        ds.putAttribute("image_nr_high", base + count);
                    }
                });
                return null;
            });
        }
        return names;
    }

    /** Runs the tasks on the shared pool ({@code --threads}); rethrows the first failure. */
    private static void runAll(List<Callable<Void>> tasks) throws IOException {
        if (Parallel.threads() == 1) {
            for (Callable<Void> t : tasks) {
                call(t);
            }
            return;
        }
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> t : tasks) {
            futures.add(Parallel.pool().submit(t));
        }
        try {
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    private static void call(Callable<Void> t) throws IOException {
        try {
            t.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void nx(WritableGroup g, String nxClass) {
        g.putAttribute("NX_class", nxClass);
    }

    private static void put(WritableGroup g, String name, Object value, String units) {
        var ds = g.putDataset(name, value);
        if (units != null) {
            ds.putAttribute("units", units);
        }
    }

    private void writeMaster(Path file, SwaxsConfig.Scan scan, List<PointTruth> truth, List<String> saxsFiles,
                             List<String> waxsFiles) throws IOException {
        int n = truth.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] t = new double[n];
        double[] epoch = new double[n];
        double[] diode = new double[n];
        int[] index = new int[n];
        for (PointTruth pt : truth) {
            int p = pt.index();
            x[p] = pt.x();
            y[p] = pt.y();
            t[p] = pt.time() - scan.start();
            Instant at = config.instant(pt.time());
            epoch[p] = at.getEpochSecond() + at.getNano() * 1e-9;
            diode[p] = sim.diode(scan, pt);
            index[p] = p;
        }
        Instant start = config.instant(scan.start());
        Instant end = config.instant(scan.start() + config.scanDuration());
        AtomicOutput.write(file, tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                WritableGroup entry = h.putGroup("entry");
                nx(entry, "NXentry");
                entry.putAttribute("default", "data");
                put(entry, "title", "operando scanning SWAXS, hard-carbon half-cell, scan " + scan.name()
                        + " (digital twin)", null);
                put(entry, "scan_name", scan.name(), null);
                put(entry, "scan_index", scan.index(), null);
                put(entry, "start_time", start.toString(), null);
                put(entry, "end_time", end.toString(), null);
                put(entry, "program_name", "operando simulate swaxs", null);
                put(entry, "seed", config.seed(), null);
                put(entry, "sample_seed", config.sampleSeed(), null);

                WritableGroup inst = entry.putGroup("instrument");
                nx(inst, "NXinstrument");
                put(inst, "name", "cSAXS-like scanning SWAXS (digital twin)", null);
                WritableGroup src = inst.putGroup("source");
                nx(src, "NXsource");
                put(src, "type", "Synchrotron X-ray Source", null);
                put(src, "probe", "x-ray", null);
                WritableGroup mono = inst.putGroup("monochromator");
                nx(mono, "NXmonochromator");
                put(mono, "energy", config.energyKeV(), "keV");
                put(mono, "wavelength", Materials.wavelengthAngstrom(config.energyKeV()), "angstrom");
                WritableGroup beam = inst.putGroup("beam");
                nx(beam, "NXbeam");
                put(beam, "incident_energy", config.energyKeV(), "keV");
                put(beam, "flux", config.flux(), "1/s");
                put(beam, "size_x", config.beamWidth() * 1e3, "um");
                put(beam, "size_y", config.beamHeight() * 1e3, "um");
                put(beam, "polarization_factor", DetectorModel.POLARIZATION, null);
                detectorGroup(inst, SwaxsSimulation.SAXS, saxsFiles);
                detectorGroup(inst, SwaxsSimulation.WAXS, waxsFiles);
                WritableGroup mon = inst.putGroup("diode");
                nx(mon, "NXmonitor");
                put(mon, "mode", "transmission", null);
                put(mon, "data", diode, "counts");
                put(mon, "open_beam", sim.diodeOpenBeam(scan), "counts");
                put(mon, "description", "transmitted-beam diode after the sample; transmission = data / open_beam",
                        null);

                WritableGroup sample = entry.putGroup("sample");
                nx(sample, "NXsample");
                put(sample, "name", "hard-carbon electrode in a quartz-capillary Na half-cell", null);
                put(sample, "x", x, "mm");
                put(sample, "y", y, "mm");

                WritableGroup scanG = entry.putGroup("scan");
                nx(scanG, "NXcollection");
                put(scanG, "shape", new int[] {config.ny(), config.nx()}, null);
                put(scanG, "step_x", config.stepX(), "mm");
                put(scanG, "step_y", config.stepY(), "mm");
                put(scanG, "exposure_time", config.exposure(), "s");
                put(scanG, "order", "row-major: line 0 is the top line (largest y), points run towards +x", null);

                WritableGroup data = entry.putGroup("data");
                nx(data, "NXdata");
                data.putAttribute("signal", "diode");
                data.putAttribute("axes", "point");
                put(data, "point", index, null);
                put(data, "diode", diode, "counts");
                put(data, "x", x, "mm");
                put(data, "y", y, "mm");
                var ts = data.putDataset("time", t);
                ts.putAttribute("units", "s");
                ts.putAttribute("start", start.toString());
                put(data, "epoch", epoch, "s");
                put(data, "count_time", config.exposure(), "s");

                WritableGroup ec = entry.putGroup("potentiostat");
                nx(ec, "NXcollection");
                put(ec, "file", "../potentiostat.mpt", null);
                put(ec, "clock", "UTC, same clock as the beamline", null);
            }
        });
    }

    private void detectorGroup(WritableGroup inst, int which, List<String> files) {
        DetectorModel d = sim.detector(which);
        DetectorSpec s = d.spec();
        WritableGroup g = inst.putGroup(s.role());
        nx(g, "NXdetector");
        put(g, "description", DetectorSpec.description(s.model()), null);
        put(g, "model", s.model(), null);
        put(g, "distance", s.distance(), "m");
        put(g, "x_pixel_size", d.geometry().detector().pixel2(), "m");
        put(g, "y_pixel_size", d.geometry().detector().pixel1(), "m");
        put(g, "frame_shape", new int[] {d.rows(), d.cols()}, null);
        put(g, "binning", s.bin(), null);
        put(g, "crop_origin", new int[] {s.cropRow0(), s.cropCol0()}, null);
        double[] bc = d.geometry().beamCentrePixels();
        put(g, "beam_center_y", bc[0], "pixel");
        put(g, "beam_center_x", bc[1], "pixel");
        put(g, "count_time", config.exposure(), "s");
        put(g, "poni_file", "../" + s.role() + ".poni", null);
        put(g, "data_files", files.toArray(new String[0]), null);
        put(g, "data_path", DATA_PATH, null);
        put(g, "frames_per_file", framesPerFile(which), null);
        put(g, "gap_value", which == SwaxsSimulation.SAXS && s.model().equals("eiger9m") ? "4294967295 (2^32-1)"
                : "-1", null);
        int[][] mask = new int[d.rows()][d.cols()];
        int[][] bs = new int[d.rows()][d.cols()];
        boolean[] gap = d.gapPixels();
        boolean[] shadow = d.beamstopPixels();
        for (int r = 0; r < d.rows(); r++) {
            for (int c = 0; c < d.cols(); c++) {
                mask[r][c] = gap[r * d.cols() + c] ? 1 : 0;
                bs[r][c] = shadow[r * d.cols() + c] ? 1 : 0;
            }
        }
        DatasetCreationOptions opts = DatasetCreationOptions.builder().chunkDimensions(d.rows(), d.cols())
                .deflate(4).build();
        var pm = g.putDataset("pixel_mask", mask, opts);
        pm.putAttribute("description", "1 = module gap (no pixel)");
        var bm = g.putDataset("beamstop_mask", bs, opts);
        bm.putAttribute("description", "1 = in the beamstop's shadow (radius " + s.beamstop() * 1e3 + " mm, arm to -x)");
    }

    private void writeTruthMaps(Path file, SwaxsConfig.Scan scan, List<PointTruth> truth) throws IOException {
        int ny = config.ny();
        int nx = config.nx();
        float[][] filling = new float[ny][nx];
        float[][] inter = new float[ny][nx];
        float[][] d002 = new float[ny][nx];
        float[][] pseudo = new float[ny][nx];
        float[][] plating = new float[ny][nx];
        float[][] sei = new float[ny][nx];
        float[][] density = new float[ny][nx];
        float[][] trans = new float[ny][nx];
        float[][] time = new float[ny][nx];
        float[][] thick = new float[ny][nx];
        int[][] electrode = new int[ny][nx];
        int[][] collector = new int[ny][nx];
        int[][] electrolyte = new int[ny][nx];
        int[][] wall = new int[ny][nx];
        for (PointTruth pt : truth) {
            int r = pt.row();
            int c = pt.col();
            boolean el = pt.region() == PointTruth.Region.ELECTRODE;
            ElectrodeState s = pt.state();
            filling[r][c] = el ? (float) s.filling() : Float.NaN;
            inter[r][c] = el ? (float) s.intercalation() : Float.NaN;
            d002[r][c] = el ? (float) s.d002() : Float.NaN;
            pseudo[r][c] = el ? (float) s.pseudoMetal() : Float.NaN;
            plating[r][c] = el ? (float) s.plating() : Float.NaN;
            sei[r][c] = el ? (float) s.seiFactor() : Float.NaN;
            density[r][c] = el ? (float) s.density() : Float.NaN;
            trans[r][c] = (float) pt.weights().transmission();
            time[r][c] = (float) pt.time();
            thick[r][c] = (float) sim.model().cellAt(pt.time()).electrodePath(pt.x(), pt.y());
            electrode[r][c] = el ? 1 : 0;
            collector[r][c] = pt.region() == PointTruth.Region.CURRENT_COLLECTOR ? 1 : 0;
            electrolyte[r][c] = pt.region() == PointTruth.Region.ELECTROLYTE ? 1 : 0;
            wall[r][c] = pt.region() == PointTruth.Region.CAPILLARY_WALL ? 1 : 0;
        }
        double[] xs = new double[nx];
        double[] ys = new double[ny];
        for (int c = 0; c < nx; c++) {
            xs[c] = config.x(c);
        }
        for (int r = 0; r < ny; r++) {
            ys[r] = config.y(r);
        }
        AtomicOutput.write(file, tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                WritableGroup entry = h.putGroup("entry");
                nx(entry, "NXentry");
                entry.putAttribute("default", "truth");
                put(entry, "scan_name", scan.name(), null);
                WritableGroup g = entry.putGroup("truth");
                nx(g, "NXdata");
                g.putAttribute("signal", "filling");
                g.putAttribute("axes", new String[] {"y", "x"});
                put(g, "x", xs, "mm");
                put(g, "y", ys, "mm");
                map(g, "filling", filling, "1", "micropore filling fraction (NaN outside the electrode)");
                map(g, "intercalation", inter, "1", "intercalation degree");
                map(g, "d002", d002, "angstrom", "interlayer spacing d002 = 2 pi / q002");
                map(g, "pseudo_metal", pseudo, "1", "pseudo-metallic sodium amplitude (0..1)");
                map(g, "plating", plating, "1", "volume fraction of plated metallic sodium in the electrode");
                map(g, "sei_factor", sei, "1", "particle-surface (Porod) amplitude relative to pristine");
                map(g, "hc_density", density, "1",
                        "hard-carbon content per electrode volume relative to pristine (< 1 when swollen)");
                map(g, "transmission", trans, "1", "noiseless transmission averaged over the beam");
                map(g, "time", time, "s", "exposure start, seconds since the current was switched on");
                map(g, "electrode_thickness", thick, "mm", "electrode path along the beam at the beam centre");
                mask(g, "electrode_mask", electrode);
                mask(g, "current_collector_mask", collector);
                mask(g, "electrolyte_mask", electrolyte);
                mask(g, "capillary_wall_mask", wall);
            }
        });
    }

    private static void map(WritableGroup g, String name, float[][] v, String units, String description) {
        var ds = g.putDataset(name, v);
        ds.putAttribute("units", units);
        ds.putAttribute("long_name", description);
    }

    private static void mask(WritableGroup g, String name, int[][] v) {
        var ds = g.putDataset(name, v);
        ds.putAttribute("long_name", "1 = beam centre in this region");
    }

    private Map<String, Object> scanJson(SwaxsConfig.Scan scan, List<PointTruth> truth) {
        SwaxsSimulation.ScanSummary s = sim.summary(scan, truth);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", scan.index());
        m.put("name", scan.name());
        m.put("start", config.instant(scan.start()).toString());
        m.put("end", config.instant(scan.start() + config.scanDuration()).toString());
        m.put("time_s", round(s.midTime(), 3));
        m.put("time_note", "scan mid-time, seconds since the current was switched on");
        m.put("voltage_V", round(s.voltage(), 6));
        m.put("mean_sodiation", round(s.meanSodiation(), 6));
        m.put("electrode_mean_filling", round(s.meanFilling(), 6));
        m.put("electrode_mean_intercalation", round(s.meanIntercalation(), 6));
        m.put("electrode_mean_d002_A", round(s.meanD002(), 6));
        m.put("electrode_mean_pseudo_metal", round(s.meanPseudoMetal(), 6));
        m.put("max_plating_fraction", round(s.maxPlating(), 6));
        m.put("plating", s.plating());
        if (s.plating()) {
            Map<String, Object> loc = new LinkedHashMap<>();
            loc.put("x_mm", round(s.platingX(), 4));
            loc.put("y_mm", round(s.platingY(), 4));
            loc.put("height_above_current_collector_mm", round(Math.max(0, s.platingY()), 4));
            loc.put("region", s.platingRegion());
            m.put("plating_location", loc);
        } else {
            m.put("plating_location", null);
        }
        m.put("master_file", "raw/" + scan.name() + "_master.h5");
        m.put("truth_file", "truth/" + scan.name() + "_truth.h5");
        return m;
    }

    private Map<String, Object> truthJson(List<Map<String, Object>> scans) {
        SodiationModel model = sim.model();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "operando simulate swaxs");
        m.put("seed", config.seed());
        m.put("sample_seed", config.sampleSeed());
        m.put("size", config.size());
        m.put("potentiostat_file", "potentiostat.mpt");
        m.put("acquisition_start", config.instant(-config.restBefore()).toString());
        m.put("current_on", config.instant(0).toString());
        m.put("current_off", config.instant(config.currentOff()).toString());
        m.put("current_mA", -config.currentMa());
        m.put("hard_carbon_mass_mg", round(SodiationModel.hardCarbonMassMg(config.cell()), 6));
        m.put("capacity_mAh", round(model.capacityMah(), 6));
        m.put("c_rate", round(model.cRate(), 4));
        m.put("plating_onset_s", config.platingOnset());
        m.put("plating_onset", config.instant(config.platingOnset()).toString());
        m.put("plating_threshold_fraction", SwaxsSimulation.PLATING_THRESHOLD);
        m.put("d002_pristine_A", ScatteringModel.D002_PRISTINE);
        m.put("scans", scans);
        return m;
    }

    private Map<String, Object> simulationJson(List<SwaxsConfig.Scan> written) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "operando simulate swaxs");
        m.put("size", config.size());
        m.put("seed", config.seed());
        m.put("sample_seed", config.sampleSeed());
        m.put("raster", lmap("nx", config.nx(), "ny", config.ny(), "step_x_mm", config.stepX(),
                "step_y_mm", config.stepY(), "x_centre_mm", config.xCentre(), "y_top_mm", config.yTop()));
        m.put("beam", lmap("width_mm", config.beamWidth(), "height_mm", config.beamHeight(),
                "flux_per_s", config.flux(), "energy_keV", config.energyKeV(),
                "exposure_s", config.exposure()));
        CellGeometry c = config.cell();
        m.put("cell", lmap("capillary_inner_diameter_mm", 2 * c.innerRadius(), "wall_mm", c.wall(),
                "pin_diameter_mm", 2 * c.pinRadius(), "electrode_width_mm", 2 * c.capRadius(),
                "electrode_height_mm", c.capHeight()));
        Map<String, Object> mu = new LinkedHashMap<>();
        sim.beam().attenuation().asMap().forEach((k, v) -> mu.put(k, round(v, 5)));
        m.put("attenuation_per_mm", mu);
        List<Map<String, Object>> dets = new ArrayList<>();
        for (int w : new int[] {SwaxsSimulation.SAXS, SwaxsSimulation.WAXS}) {
            DetectorModel d = sim.detector(w);
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("role", d.spec().role());
            dm.put("model", d.spec().model());
            dm.put("distance_m", d.spec().distance());
            dm.put("binning", d.spec().bin());
            dm.put("shape", List.of(d.rows(), d.cols()));
            dm.put("frames_per_file", framesPerFile(w));
            dets.add(dm);
        }
        m.put("detectors", dets);
        m.put("scans_written", written.stream().map(SwaxsConfig.Scan::name).toList());
        return m;
    }

    /** An insertion-ordered map (Map.of iterates in a per-JVM random order: output must be reproducible). */
    private static Map<String, Object> lmap(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return null;
        }
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }

    private static void writeJson(Path file, Object value) {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            AtomicOutput.writeString(file, om.writer(pp).writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not be written", e);
        }
    }
}
