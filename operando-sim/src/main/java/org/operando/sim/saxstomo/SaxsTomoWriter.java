package org.operando.sim.saxstomo;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.operando.data.Axis;
import org.operando.data.CurveVolume;
import org.operando.data.LargeFloatArray;
import org.operando.data.Unit;
import org.operando.data.Volume;
import org.operando.io.AtomicOutput;
import org.operando.io.nexus.NexusWriter;
import org.operando.io.poni.PoniFile;
import org.operando.sim.swaxs.DetectorModel;
import org.operando.sim.swaxs.DetectorSpec;
import org.operando.sim.swaxs.Materials;
import org.operando.sim.swaxs.Rng;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import org.operando.util.ProgressListener;

/**
 * Writes the three-electrode SAXS-tomography twin as a beamline would, one dataset per electrode in the NeXus-master
 * layout of {@code operando simulate swaxs} (one master per projection, so {@code operando saxstomo} integrates the
 * raw frames with the SWAXS integration path):
 * <pre>
 * OUT/simulation.json                          configuration, sizes, angles, truth summary per electrode
 * OUT/ELECTRODE/saxs.poni                      pyFAI PONI of the SAXS frames
 * OUT/ELECTRODE/raw/projNNN_master.h5          NeXus master of projection NNN: /entry/sample/rotation_angle (deg),
 *                                              /entry/scan (shape [rows, n], steps in mm), diode, positions, flux,
 *                                              detector group (PONI, data files, pixel mask)
 * OUT/ELECTRODE/raw/projNNN_saxs_data_000001.h5  frames /entry/data/data [points, rows, cols] uint32, 1 frame/chunk
 * OUT/ELECTRODE/truth/truth.h5                 electrode fraction, mask, filling, micropore-region (0.2–0.5 Å⁻¹)
 *                                              mean dΣ/dΩ, and the voxel curves on the default 39 q-bins
 * </pre>
 * Raster order in a projection: row-major, row 0 at the base of the electrode (the first slice), points run
 * towards +x; the rotation axis is at translation index {@code n/2}.
 */
public final class SaxsTomoWriter {
    /** Default analysis q-bins: 39 bins between these edges (Å⁻¹), as in the study. */
    public static final double Q_MIN = 0.02;
    public static final double Q_MAX = 0.6;
    public static final int Q_BINS = 39;
    private static final String MARKER = "simulation.json";
    private static final Instant START = Instant.parse("2024-03-21T09:00:00Z");

    private final SaxsTomoTwin twin;

    public SaxsTomoWriter(SaxsTomoTwin twin) {
        this.twin = twin;
    }

    /** Refuses an output that is a file, or a non-empty folder that is not a previous simulation. */
    public static void checkOutput(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("-o " + out + ": exists and is not a directory");
        }
        if (Files.isDirectory(out) && !Files.isRegularFile(out.resolve(MARKER))) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new InvalidInputException("-o " + out + ": folder is not empty and holds no " + MARKER
                            + " of a previous simulation; choose a new or empty folder");
                }
            } catch (IOException e) {
                throw new InvalidInputException("-o " + out + ": cannot be listed (" + e.getMessage() + ")", e);
            }
        }
    }

    /** The default analysis q-bin centres (Å⁻¹). */
    public static Axis defaultQ() {
        double w = (Q_MAX - Q_MIN) / Q_BINS;
        return Axis.linear("q", Unit.Q_INV_ANGSTROM, Q_MIN + w / 2, Q_MAX - w / 2, Q_BINS);
    }

    /** Simulates and writes the three electrodes into {@code out}. */
    public void write(Path out, ProgressListener progress) throws IOException {
        checkOutput(out);
        SaxsTomoTwin.Config c = twin.config();
        Files.createDirectories(out);
        List<SaxsTomoTwin.Sample> samples = new ArrayList<>();
        for (int e = 0; e < SaxsTomoTwin.ELECTRODES.size(); e++) {
            samples.add(twin.sample(e));
        }
        progress.start("simulating SAXS-CT frames", (long) samples.size() * c.projections() * c.points());
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (int e = 0; e < samples.size(); e++) {
            SaxsTomoTwin.Sample s = samples.get(e);
            Path dir = out.resolve(s.electrode().name());
            Files.createDirectories(dir.resolve("raw"));
            Files.createDirectories(dir.resolve("truth"));
            clean(dir.resolve("raw"));
            AtomicOutput.writeString(dir.resolve("saxs.poni"), PoniFile.format(twin.detector().geometry())
                    .replaceFirst("# Written by operando at [^\\n]*", "# Written by operando simulate saxstomo"
                            + " (digital twin), seed " + c.seed()));
            float[][] rays = new float[c.rows()][];
            for (int z = 0; z < c.rows(); z++) {
                rays[z] = twin.rayIntegrals(s, z);
            }
            final int ei = e;
            Parallel.forRange(0, c.projections(), a -> {
                try {
                    writeProjection(dir, ei, s, rays, a, progress);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            summaries.add(writeTruth(dir.resolve("truth").resolve("truth.h5"), s));
        }
        progress.finish();
        writeJson(out.resolve(MARKER), summaries);
    }

    private static void clean(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".h5")) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String name(int a) {
        return String.format(Locale.ROOT, "proj%03d", a);
    }

    private void writeProjection(Path dir, int e, SaxsTomoTwin.Sample s, float[][] rays, int a,
                                 ProgressListener progress) throws IOException {
        SaxsTomoTwin.Config c = twin.config();
        DetectorModel d = twin.detector();
        int n = c.n();
        int points = c.points();
        Rng rng = Rng.forKeys(c.seed(), e, a);
        int[][][] frames = new int[points][d.rows()][d.cols()];
        int[] flat = new int[d.rows() * d.cols()];
        double[] diode = new double[points];
        double[] x = new double[points];
        double[] y = new double[points];
        double[] epoch = new double[points];
        double perPoint = c.exposure() + 0.005;
        double start = START.getEpochSecond() + a * (points * perPoint + 5.0);
        double stepMm = c.voxelUm() * 1e-3;
        for (int z = 0; z < c.rows(); z++) {
            for (int j = 0; j < n; j++) {
                int p = z * n + j;
                twin.renderFrame(rays[z], a, j, s.electrode().intercalation(), rng, flat);
                for (int r = 0; r < d.rows(); r++) {
                    System.arraycopy(flat, r * d.cols(), frames[p][r], 0, d.cols());
                }
                diode[p] = rng.poisson(c.photons() * SaxsTomoTwin.transmission(rays[z], a, j, n));
                x[p] = (j - c.axis()) * stepMm;
                y[p] = z * stepMm;
                epoch[p] = start + p * perPoint;
                progress.advance(1);
            }
        }
        String dataName = name(a) + "_saxs_data_000001.h5";
        Path raw = dir.resolve("raw");
        AtomicOutput.write(raw.resolve(dataName), tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                WritableGroup entry = h.putGroup("entry");
                entry.putAttribute("NX_class", "NXentry");
                WritableGroup data = entry.putGroup("data");
                data.putAttribute("NX_class", "NXdata");
                data.putAttribute("signal", "data");
                var ds = data.putDataset("data", frames, DatasetCreationOptions.builder()
                        .chunkDimensions(1, d.rows(), d.cols()).shuffle().deflate(1).unsigned().build());
                ds.putAttribute("units", "counts");
            }
        });
        double angle = c.anglesDeg()[a];
        Instant t0 = Instant.ofEpochMilli(Math.round(start * 1000));
        Instant t1 = Instant.ofEpochMilli(Math.round((start + points * perPoint) * 1000));
        NexusWriter.write(raw.resolve(name(a) + "_master.h5"), root -> {
            NexusWriter.Group entry = root.entry("entry");
            entry.attr("default", "data");
            entry.dataset("title", "operando ex-situ scanning SAXS tomography, electrode " + s.electrode().name()
                    + ", projection " + a + " at " + angle + " deg (digital twin)");
            entry.dataset("scan_name", name(a));
            entry.dataset("scan_index", a);
            entry.dataset("start_time", t0.toString());
            entry.dataset("end_time", t1.toString());
            entry.dataset("program_name", "operando simulate saxstomo");
            entry.dataset("seed", c.seed());
            NexusWriter.Group inst = entry.group("instrument", "NXinstrument");
            inst.dataset("name", "cSAXS-like scanning SAXS tomography (digital twin)");
            NexusWriter.Group mono = inst.group("monochromator", "NXmonochromator");
            mono.dataset("energy", Materials.ENERGY_KEV).attr("units", "keV");
            NexusWriter.Group beam = inst.group("beam", "NXbeam");
            beam.dataset("incident_energy", Materials.ENERGY_KEV).attr("units", "keV");
            beam.dataset("flux", c.flux()).attr("units", "1/s");
            beam.dataset("polarization_factor", DetectorModel.POLARIZATION);
            NexusWriter.Group diodeG = inst.group("diode", "NXmonitor");
            diodeG.dataset("data", diode).attr("units", "counts");
            diodeG.dataset("open_beam", c.photons()).attr("units", "counts");
            diodeG.dataset("description", "transmitted-beam diode; transmission = data / open_beam");
            detectorGroup(inst, dataName);
            NexusWriter.Group sample = entry.group("sample", "NXsample");
            sample.dataset("name", "hard-carbon electrode " + s.electrode().name() + " (ex situ, dried)");
            sample.dataset("rotation_angle", angle).attr("units", "deg");
            sample.dataset("rotation_axis_x", 0.0).attr("units", "mm");
            sample.dataset("x", x).attr("units", "mm");
            sample.dataset("y", y).attr("units", "mm");
            NexusWriter.Group scan = entry.group("scan", "NXcollection");
            scan.dataset("shape", new int[] {c.rows(), n});
            scan.dataset("step_x", stepMm).attr("units", "mm");
            scan.dataset("step_y", stepMm).attr("units", "mm");
            scan.dataset("exposure_time", c.exposure()).attr("units", "s");
            scan.dataset("order", "row-major: line 0 is the base of the electrode (y = 0), points run towards +x");
            NexusWriter.Group data = entry.data("data");
            data.attr("signal", "diode");
            data.dataset("diode", diode).attr("units", "counts");
            data.dataset("x", x).attr("units", "mm");
            data.dataset("y", y).attr("units", "mm");
            data.dataset("epoch", epoch).attr("units", "s");
        });
    }

    private void detectorGroup(NexusWriter.Group inst, String dataName) {
        DetectorModel d = twin.detector();
        DetectorSpec s = d.spec();
        NexusWriter.Group g = inst.group("saxs", "NXdetector");
        g.dataset("description", DetectorSpec.description(s.model()));
        g.dataset("model", s.model());
        g.dataset("distance", s.distance()).attr("units", "m");
        g.dataset("x_pixel_size", d.geometry().detector().pixel2()).attr("units", "m");
        g.dataset("y_pixel_size", d.geometry().detector().pixel1()).attr("units", "m");
        g.dataset("frame_shape", new int[] {d.rows(), d.cols()});
        g.dataset("binning", s.bin());
        g.dataset("count_time", twin.config().exposure()).attr("units", "s");
        g.dataset("poni_file", "../saxs.poni");
        g.dataset("data_files", new String[] {dataName});
        g.dataset("data_path", "/entry/data/data");
        int[][] mask = new int[d.rows()][d.cols()];
        boolean[] gap = d.gapPixels();
        for (int r = 0; r < d.rows(); r++) {
            for (int col = 0; col < d.cols(); col++) {
                mask[r][col] = gap[r * d.cols() + col] ? 1 : 0;
            }
        }
        g.dataset("pixel_mask", mask).attr("description", "1 = module gap (no pixel)");
    }

    private Map<String, Object> writeTruth(Path file, SaxsTomoTwin.Sample s) throws IOException {
        SaxsTomoTwin.Config c = twin.config();
        int n = c.n();
        int nz = c.rows();
        int count = n * n * nz;
        Volume frac = volume(s.fraction(), "electrode volume fraction", Unit.DIMENSIONLESS);
        float[] maskF = new float[count];
        float[] micro = new float[count];
        boolean[] mask = s.mask();
        double sum = 0;
        double sum2 = 0;
        int inMask = 0;
        for (int i = 0; i < count; i++) {
            maskF[i] = mask[i] ? 1 : 0;
            micro[i] = (float) s.regionMean(i, 0.2, 0.5);
            if (mask[i]) {
                sum += micro[i];
                sum2 += (double) micro[i] * micro[i];
                inMask++;
            }
        }
        Axis q = defaultQ();
        CurveVolume curves = new CurveVolume(n, n, nz, q, c.voxelUm(), "dΣ/dΩ", Unit.INV_CENTIMETER);
        for (int ch = 0; ch < q.size(); ch++) {
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        curves.set(ch, x, y, z, (float) s.intensity(s.index(x, y, z), q.get(ch)));
                    }
                }
            }
        }
        Volume maskV = volume(maskF, "electrode mask (fraction >= 0.5)", Unit.DIMENSIONLESS);
        Volume fillV = volume(s.filling(), "micropore filling fraction", Unit.DIMENSIONLESS);
        Volume microV = volume(micro, "mean dΣ/dΩ over 0.2-0.5 Å⁻¹", Unit.INV_CENTIMETER);
        NexusWriter.write(file, root -> {
            NexusWriter.Group entry = root.entry("entry");
            entry.dataset("electrode", s.electrode().name());
            entry.dataset("intercalation", s.electrode().intercalation());
            entry.dataset("filling_mean", s.electrode().fillingMean());
            entry.dataset("filling_spread", s.electrode().fillingSpread());
            entry.dataset("rotation_axis_px", c.axis()).attr("units", "pixel");
            entry.addVolume("micropore_intensity", microV);
            entry.addVolume("electrode_mask", maskV);
            entry.addVolume("electrode_fraction", frac);
            entry.addVolume("filling", fillV);
            entry.addCurveVolume("voxel_curves", curves);
        });
        double mean = sum / inMask;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.electrode().name());
        m.put("filling_mean", s.electrode().fillingMean());
        m.put("filling_spread", s.electrode().fillingSpread());
        m.put("intercalation", s.electrode().intercalation());
        m.put("voxels_in_mask", inMask);
        m.put("micropore_intensity_mean_per_cm", mean);
        m.put("micropore_intensity_std_per_cm", Math.sqrt(Math.max(0, sum2 / inMask - mean * mean)));
        return m;
    }

    private Volume volume(float[] v, String quantity, Unit unit) {
        SaxsTomoTwin.Config c = twin.config();
        int n = c.n();
        LargeFloatArray d = new LargeFloatArray(v.length);
        d.write(0, v, 0, v.length);
        double s = c.voxelUm();
        return new Volume(n, n, c.rows(), d, new double[] {s, s, s},
                new double[] {-(n / 2) * s, -(n / 2) * s, 0}, Unit.MICROMETER, quantity, unit);
    }

    private void writeJson(Path file, List<Map<String, Object>> electrodes) {
        SaxsTomoTwin.Config c = twin.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", "operando simulate saxstomo");
        m.put("size", c.size());
        m.put("seed", c.seed());
        m.put("sample_seed", c.sampleSeed());
        m.put("translations", c.n());
        m.put("rows", c.rows());
        m.put("projections", c.projections());
        m.put("angles_deg", "0:180:" + c.projections() + " (i * 180 / N)");
        m.put("voxel_um", c.voxelUm());
        m.put("rotation_axis_px", c.axis());
        m.put("energy_keV", Materials.ENERGY_KEV);
        m.put("flux_per_s", c.flux());
        m.put("exposure_s", c.exposure());
        m.put("saxs_frame", new int[] {twin.detector().rows(), twin.detector().cols()});
        m.put("saxs_distance_m", c.saxs().distance());
        m.put("electrodes", electrodes);
        try {
            AtomicOutput.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
