package org.operando.sim.swaxs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Frame;
import org.operando.geometry.Geometry;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.io.poni.PoniFile;
import org.operando.testing.PythonPeer;
import org.operando.util.InvalidInputException;
import org.operando.util.ProgressListener;

class SwaxsWriterTest {
    private final Path out = Fixture.written();
    private final SwaxsConfig config = Fixture.config(11);

    @Test
    void layoutIsComplete() {
        for (String f : List.of("simulation.json", "saxs.poni", "waxs.poni", "potentiostat.mpt", "truth/truth.json",
                "raw/pristine_master.h5", "raw/pristine_saxs_data_000001.h5", "raw/pristine_waxs_data_000001.h5",
                "raw/op6_master.h5", "truth/op6_truth.h5")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        // no temporary files left behind
        assertThat(out.resolve("raw").toFile().list()).noneMatch(n -> n.contains(".tmp-"));
    }

    @Test
    void masterFileHasPositionsDiodeTimestampsEnergyAndDetectors() throws Exception {
        try (HdfFile m = new HdfFile(out.resolve("raw/op6_master.h5"))) {
            assertThat(m.getByPath("/entry").getAttribute("NX_class").getData()).isEqualTo("NXentry");
            Dataset energy = m.getDatasetByPath("/entry/instrument/monochromator/energy");
            assertThat((Double) energy.getData()).isEqualTo(13.2);
            assertThat(energy.getAttribute("units").getData()).isEqualTo("keV");
            double[] x = (double[]) m.getDatasetByPath("/entry/sample/x").getData();
            double[] y = (double[]) m.getDatasetByPath("/entry/sample/y").getData();
            assertThat(x).hasSize(config.points());
            assertThat(x[1] - x[0]).isCloseTo(config.stepX(), within(1e-12));
            assertThat(y[0] - y[config.nx()]).isCloseTo(config.stepY(), within(1e-12));
            double[] epoch = (double[]) m.getDatasetByPath("/entry/data/epoch").getData();
            Instant start = Instant.parse((String) m.getDatasetByPath("/entry/start_time").getData());
            assertThat(epoch[0]).isCloseTo(start.getEpochSecond(), within(1e-3));
            for (int i = 1; i < epoch.length; i++) {
                assertThat(epoch[i] - epoch[i - 1]).isGreaterThanOrEqualTo(config.exposure());
            }
            assertThat(m.getDatasetByPath("/entry/data/time").getAttribute("units").getData()).isEqualTo("s");
            assertThat(m.getDatasetByPath("/entry/instrument/saxs/description").getData())
                    .isEqualTo("Dectris EIGER 9M (simulated)");
            assertThat((String[]) m.getDatasetByPath("/entry/instrument/waxs/data_files").getData())
                    .containsExactly("op6_waxs_data_000001.h5");
            assertThat((double[]) m.getDatasetByPath("/entry/instrument/diode/data").getData())
                    .hasSize(config.points());
        }
    }

    @Test
    void framesAreChunkedCompressedAndCarryGapMarkers() throws Exception {
        SwaxsSimulation sim = new SwaxsSimulation(config);
        try (HdfFile f = new HdfFile(out.resolve("raw/op6_saxs_data_000001.h5"))) {
            Dataset d = f.getDatasetByPath(SwaxsWriter.DATA_PATH);
            DetectorModel saxs = sim.detector(SwaxsSimulation.SAXS);
            assertThat(d.getDimensions()).containsExactly(config.points(), saxs.rows(), saxs.cols());
            assertThat(d.getFilters()).extracting(Object::toString).anyMatch(s -> s.toLowerCase().contains("deflate"));
            assertThat(d.getStorageInBytes()).isLessThan(d.getSizeInBytes() / 2);
        }
        try (Hdf5FrameSource saxs = Hdf5FrameSource.open(out.resolve("raw/op6_saxs_data_000001.h5"), SwaxsWriter.DATA_PATH);
             Hdf5FrameSource waxs = Hdf5FrameSource.open(out.resolve("raw/op6_waxs_data_000001.h5"), SwaxsWriter.DATA_PATH)) {
            Frame s = saxs.read(0);
            Frame w = waxs.read(0);
            boolean[] gapS = sim.detector(SwaxsSimulation.SAXS).gapPixels();
            boolean[] gapW = sim.detector(SwaxsSimulation.WAXS).gapPixels();
            for (int i = 0; i < s.size(); i++) {
                // Eiger: unsigned 32-bit 2^32-1 in gaps; counts elsewhere
                assertThat(s.get(i) >= 4.29e9f).isEqualTo(gapS[i]);
            }
            for (int i = 0; i < w.size(); i++) {
                assertThat(w.get(i) == -1f).isEqualTo(gapW[i]);
            }
        }
    }

    @Test
    void poniFilesDescribeTheWrittenFrames() {
        SwaxsSimulation sim = new SwaxsSimulation(config);
        for (int which : new int[] {SwaxsSimulation.SAXS, SwaxsSimulation.WAXS}) {
            Geometry g = PoniFile.read(out.resolve(which == 0 ? "saxs.poni" : "waxs.poni"));
            Geometry e = sim.detector(which).geometry();
            assertThat(g.dist()).isEqualTo(e.dist());
            assertThat(g.poni1()).isEqualTo(e.poni1());
            assertThat(g.poni2()).isEqualTo(e.poni2());
            assertThat(g.wavelength()).isEqualTo(e.wavelength());
            assertThat(g.detector().rows()).isEqualTo(e.detector().rows());
            assertThat(g.detector().pixel1()).isEqualTo(e.detector().pixel1());
        }
    }

    @Test
    void truthJsonHasPerScanScalars() throws Exception {
        JsonNode t = new ObjectMapper().readTree(out.resolve("truth/truth.json").toFile());
        assertThat(t.get("scans")).hasSize(2);
        JsonNode pristine = t.get("scans").get(0);
        JsonNode op6 = t.get("scans").get(1);
        assertThat(pristine.get("name").asText()).isEqualTo("pristine");
        assertThat(pristine.get("plating").asBoolean()).isFalse();
        assertThat(pristine.get("electrode_mean_d002_A").asDouble()).isCloseTo(3.57, within(1e-9));
        assertThat(op6.get("plating").asBoolean()).isTrue();
        assertThat(op6.get("plating_location").get("region").asText()).startsWith("electrode/current-collector");
        assertThat(op6.get("electrode_mean_filling").asDouble()).isGreaterThan(0.3);
        assertThat(op6.get("voltage_V").asDouble()).isLessThan(0);
        assertThat(Instant.parse(t.get("current_on").asText())).isAfter(Instant.parse(t.get("acquisition_start").asText()));
    }

    /** Memory stays bounded: a small budget splits the frames over several data files with the same content. */
    @Test
    void smallByteBudgetSplitsFramesOverDataFiles(@TempDir Path dir) throws Exception {
        SwaxsSimulation sim = new SwaxsSimulation(config);
        DetectorModel saxs = sim.detector(SwaxsSimulation.SAXS);
        long frameBytes = 4L * saxs.rows() * saxs.cols();
        SwaxsWriter w = new SwaxsWriter(sim, 30 * frameBytes);
        assertThat(w.framesPerFile(SwaxsSimulation.SAXS)).isEqualTo(30);
        w.write(dir, List.of("pristine"), ProgressListener.NONE);
        String[] names;
        try (HdfFile m = new HdfFile(dir.resolve("raw/pristine_master.h5"))) {
            names = (String[]) m.getDatasetByPath("/entry/instrument/saxs/data_files").getData();
        }
        assertThat(names).containsExactly("pristine_saxs_data_000001.h5", "pristine_saxs_data_000002.h5",
                "pristine_saxs_data_000003.h5");
        try (Hdf5FrameSource whole = Hdf5FrameSource.open(out.resolve("raw/pristine_saxs_data_000001.h5"),
                SwaxsWriter.DATA_PATH)) {
            int p = 0;
            for (String n : names) {
                try (Hdf5FrameSource part = Hdf5FrameSource.open(dir.resolve("raw").resolve(n), SwaxsWriter.DATA_PATH)) {
                    for (int k = 0; k < part.frameCount(); k++, p++) {
                        assertThat(part.read(k).data()).isEqualTo(whole.read(p).data());
                    }
                }
            }
            assertThat(p).isEqualTo(config.points());
        }
        // the paper size: a full Eiger 9M frame is 40.7 MB, so a data file holds 6 frames (≤ 256 MiB)
        SwaxsConfig paper = SwaxsConfig.paper(1);
        long eiger = 4L * paper.saxs().rows() * paper.saxs().cols();
        assertThat(SwaxsWriter.MAX_BYTES_PER_DATA_FILE / eiger).isEqualTo(6);
    }

    @Test
    void badOutputIsRefusedBeforeWriting(@TempDir Path dir) throws Exception {
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SwaxsWriter.checkOutput(foreign)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--output").hasMessageContaining("not empty");
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> SwaxsWriter.checkOutput(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a directory");
        SwaxsWriter w = new SwaxsWriter(new SwaxsSimulation(config));
        assertThatThrownBy(() -> w.write(dir.resolve("new"), List.of("op99"), ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--scans");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    /** h5py (the reference HDF5 library) reads what jhdf wrote: shapes, dtypes, chunks, filters, values, units. */
    @Test
    void h5pyReadsTheFiles() throws Exception {
        String py = PythonPeer.require("h5py", "python3-h5py");
        String script = "import h5py,sys,numpy as np\n"
                + "d=h5py.File(sys.argv[1]+'/raw/op6_saxs_data_000001.h5','r')['/entry/data/data']\n"
                + "print(d.dtype, d.shape, d.chunks, d.compression, d.shuffle)\n"
                + "f=d[7].astype(np.int64); print(int(f[f<4294967295].sum()))\n"
                + "w=h5py.File(sys.argv[1]+'/raw/op6_waxs_data_000001.h5','r')['/entry/data/data']\n"
                + "print(w.dtype, int((w[3]==-1).sum()))\n"
                + "m=h5py.File(sys.argv[1]+'/raw/op6_master.h5','r')\n"
                + "print(m['/entry/instrument/monochromator/energy'].attrs['units'].decode() if isinstance("
                + "m['/entry/instrument/monochromator/energy'].attrs['units'], bytes) else "
                + "m['/entry/instrument/monochromator/energy'].attrs['units'], float(m['/entry/data/diode'][5]))\n";
        PythonPeer.Result r = PythonPeer.run(py, script, out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\n");
        SwaxsSimulation sim = new SwaxsSimulation(config);
        DetectorModel saxs = sim.detector(SwaxsSimulation.SAXS);
        assertThat(lines[0]).isEqualTo("uint32 (" + config.points() + ", " + saxs.rows() + ", " + saxs.cols() + ") (1, "
                + saxs.rows() + ", " + saxs.cols() + ") gzip True");
        double javaSum = 0;
        int gapsW = 0;
        try (Hdf5FrameSource s = Hdf5FrameSource.open(out.resolve("raw/op6_saxs_data_000001.h5"), SwaxsWriter.DATA_PATH);
             Hdf5FrameSource w = Hdf5FrameSource.open(out.resolve("raw/op6_waxs_data_000001.h5"), SwaxsWriter.DATA_PATH)) {
            for (float v : s.read(7).data()) {
                if (v < 4.29e9f) {
                    javaSum += v;
                }
            }
            for (float v : w.read(3).data()) {
                gapsW += v == -1f ? 1 : 0;
            }
        }
        assertThat(Long.parseLong(lines[1])).isEqualTo((long) javaSum);
        assertThat(lines[2]).isEqualTo("int32 " + gapsW);
        try (HdfFile m = new HdfFile(out.resolve("raw/op6_master.h5"))) {
            double diode5 = ((double[]) m.getDatasetByPath("/entry/data/diode").getData())[5];
            String[] f = lines[3].split(" ");
            assertThat(f[0]).isEqualTo("keV");
            assertThat(Double.parseDouble(f[1])).isEqualTo(diode5);
        }
    }

    /** pyFAI reads the written PONI files and computes the same q for every pixel (relative 1e-6). */
    @Test
    void pyFaiAgreesOnTheWrittenGeometry() throws Exception {
        String py = PythonPeer.require("pyFAI", "python3-pyfai");
        String script = "import pyFAI,sys,numpy as np\n"
                + "for name in ('saxs','waxs'):\n"
                + "  ai=pyFAI.load(sys.argv[1]+'/'+name+'.poni')\n"
                + "  q=ai.array_from_unit(unit='q_A^-1', typ='center')\n"
                + "  print(q.shape[0], q.shape[1], repr(float(q[0,0])), repr(float(q[-1,-1])), repr(float(q.mean())))\n";
        PythonPeer.Result r = PythonPeer.run(py, script, Map.of(), Duration.ofSeconds(180), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\n");
        SwaxsSimulation sim = new SwaxsSimulation(config);
        for (int which = 0; which < 2; which++) {
            String[] f = lines[which].trim().split("\\s+");
            DetectorModel d = sim.detector(which);
            double[] q = d.geometry().qArray();
            assertThat(Integer.parseInt(f[0])).isEqualTo(d.rows());
            assertThat(Integer.parseInt(f[1])).isEqualTo(d.cols());
            double mean = 0;
            for (double v : q) {
                mean += v;
            }
            mean /= q.length;
            assertThat(q[0]).isCloseTo(Double.parseDouble(f[2]), within(1e-6 * q[0]));
            assertThat(q[q.length - 1]).isCloseTo(Double.parseDouble(f[3]), within(1e-6 * q[q.length - 1]));
            assertThat(mean).isCloseTo(Double.parseDouble(f[4]), within(1e-6 * mean));
        }
    }
}
