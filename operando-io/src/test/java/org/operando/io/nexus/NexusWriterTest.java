package org.operando.io.nexus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.CurveSet;
import org.operando.data.CurveVolume;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.data.Volume;
import org.operando.io.hdf5.Hdf5Describer;
import org.operando.testing.PythonPeer;

class NexusWriterTest {
    @TempDir
    Path dir;

    static Curve curve() {
        Axis q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.5, 5.0, 200);
        double[] v = new double[200];
        double[] s = new double[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1000 * Math.exp(-q.get(i)) + 1e-7 * i; // doubles that float32 would round
            s[i] = Math.sqrt(v[i]);
        }
        return new Curve(q, v, s, "I", Unit.ARBITRARY);
    }

    static CurveSet curveSet(int count, int points) {
        Axis tth = Axis.linear("2θ", Unit.TWO_THETA_DEG, 1, 30, points);
        CurveSet s = CurveSet.allocate(tth, count, false, "I", Unit.COUNTS);
        Random r = new Random(7);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < points; k++) {
                s.set(i, k, r.nextFloat() * 1000);
            }
        }
        return s;
    }

    /** Writes a file with every kind of content; returns its path. */
    Path writeAll() throws IOException {
        Path out = dir.resolve("result.nxs");
        Map2D map = Map2D.of(30, 20, randomFloats(600, 1), 5.0, 2.5, "transmission", Unit.RELATIVE);
        Volume vol = Volume.allocate(40, 30, 70, 0.65, "μ", Unit.INV_CENTIMETER);
        for (int z = 0; z < 70; z++) {
            vol.setSliceZ(z, randomFloats(1200, 100 + z));
        }
        CurveVolume cv = new CurveVolume(6, 5, 4, Axis.linear("r", Unit.ANGSTROM, 1, 10, 3), 2.0, "G(r)",
                Unit.INV_ANGSTROM_SQUARED);
        for (long i = 0; i < cv.data().length(); i++) {
            cv.data().set(i, i * 0.25f);
        }
        Axis time = Axis.linear("t", Unit.SECOND, 0, 99 * 30, 100);
        NexusWriter.write(out, root -> {
            NexusWriter.Group entry = root.entry("entry");
            entry.attr("title", "test entry").attr("scan_points", new int[] {1, 2, 3});
            entry.addCurve("curve", curve());
            entry.addCurveSet("series", curveSet(100, 1000), time);
            entry.addMap("map", map);
            entry.addVolume("tomogram", vol);
            entry.addCurveVolume("pdfct", cv);
            NexusWriter.Group proc = entry.group("process", "NXprocess");
            proc.dataset("program", "operando");
            proc.dataset("labels", new String[] {"a", "bb", "ccc"});
            proc.dataset("iterations", 42);
            proc.dataset("wavelength", 0.4959, Unit.ANGSTROM);
            proc.dataset("counts", new int[] {1, -2, 3});
            proc.unsignedDataset("flags", new int[] {0, 1, (int) 4000000000L});
        });
        return out;
    }

    @Test
    void readsBackIdenticallyWithJhdf() throws IOException {
        Path out = writeAll();
        Curve back = NexusReader.readCurve(out, "/entry/curve");
        Curve c = curve();
        assertThat(back.values()).containsExactly(c.values());
        assertThat(back.sigma()).containsExactly(c.sigma());
        assertThat(back.axis()).isEqualTo(c.axis());
        assertThat(back.unit()).isEqualTo(Unit.ARBITRARY);
        assertThat(back.quantity()).isEqualTo("I");

        CurveSet set = NexusReader.readCurveSet(out, "/entry/series");
        CurveSet orig = curveSet(100, 1000);
        assertThat(Arrays.equals(set.rawValues(), orig.rawValues())).isTrue();
        assertThat(set.axis().values()).containsExactly(orig.axis().values());
        assertThat(set.axis().unit()).isEqualTo(Unit.TWO_THETA_DEG);
        assertThat(set.axis().name()).isEqualTo("two_theta");
        assertThat(set.unit()).isEqualTo(Unit.COUNTS);

        try (HdfFile h = new HdfFile(out)) {
            assertThat(h.getAttribute("NX_class").getData()).isEqualTo("NXroot");
            assertThat(h.getAttribute("default").getData()).isEqualTo("entry");
            Group e = (Group) h.getByPath("/entry");
            assertThat(e.getAttribute("NX_class").getData()).isEqualTo("NXentry");
            assertThat(e.getAttribute("default").getData()).isEqualTo("curve");
            assertThat((int[]) e.getAttribute("scan_points").getData()).containsExactly(1, 2, 3);
            Group series = (Group) h.getByPath("/entry/series");
            assertThat((String[]) series.getAttribute("axes").getData()).containsExactly("t", "two_theta");
            assertThat(series.getAttribute("t_indices").getData()).isEqualTo(0);
            assertThat(series.getAttribute("two_theta_indices").getData()).isEqualTo(1);
            Dataset data = (Dataset) h.getByPath("/entry/series/data");
            assertThat(data.getDimensions()).containsExactly(100, 1000);
            assertThat(data).isInstanceOf(ChunkedDataset.class);
            assertThat(data.getFilters()).extracting(f -> f.getId()).containsExactly(1); // deflate
            assertThat(data.getStorageInBytes()).isLessThan(data.getSizeInBytes());

            Dataset map = (Dataset) h.getByPath("/entry/map/data");
            assertThat(map.getDimensions()).containsExactly(20, 30);
            assertThat(((double[]) ((Dataset) h.getByPath("/entry/map/x")).getData())[2]).isEqualTo(10.0);
            assertThat(((double[]) ((Dataset) h.getByPath("/entry/map/y")).getData())[2]).isEqualTo(5.0);

            Dataset tomo = (Dataset) h.getByPath("/entry/tomogram/data");
            assertThat(tomo.getDimensions()).containsExactly(70, 30, 40);
            assertThat(((ChunkedDataset) tomo).getChunkDimensions()).containsExactly(1, 30, 40);
            float[][][] t = (float[][][]) tomo.getData();
            for (int z : new int[] {0, 33, 69}) {
                float[] expect = randomFloats(1200, 100 + z);
                for (int y = 0; y < 30; y++) {
                    assertThat(t[z][y]).containsExactly(Arrays.copyOfRange(expect, y * 40, y * 40 + 40));
                }
            }
            assertThat(((Dataset) h.getByPath("/entry/tomogram/z")).getAttribute("units").getData()).isEqualTo("um");
            float[][][][] p = (float[][][][]) ((Dataset) h.getByPath("/entry/pdfct/data")).getData();
            assertThat(p[2][3][4][5]).isEqualTo(cv.get(2, 5, 4, 3));

            assertThat(((Dataset) h.getByPath("/entry/process/program")).getData()).isEqualTo("operando");
            assertThat((String[]) ((Dataset) h.getByPath("/entry/process/labels")).getData())
                    .containsExactly("a", "bb", "ccc");
            assertThat(((Dataset) h.getByPath("/entry/process/wavelength")).getAttribute("units").getData())
                    .isEqualTo("angstrom");
            assertThat((long[]) ((Dataset) h.getByPath("/entry/process/flags")).getData())
                    .containsExactly(0L, 1L, 4000000000L);
        }
    }

    static CurveVolume cv = cvFixture();

    static CurveVolume cvFixture() {
        CurveVolume v = new CurveVolume(6, 5, 4, Axis.linear("r", Unit.ANGSTROM, 1, 10, 3), 2.0, "G(r)",
                Unit.INV_ANGSTROM_SQUARED);
        for (long i = 0; i < v.data().length(); i++) {
            v.data().set(i, i * 0.25f);
        }
        return v;
    }

    @Test
    void everyAxisOfEveryNxdataHasUnits() throws IOException {
        Path out = writeAll();
        try (HdfFile h = new HdfFile(out)) {
            Group entry = (Group) h.getByPath("/entry");
            int checked = 0;
            for (var child : entry.getChildren().values()) {
                if (child instanceof Group g && "NXdata".equals(g.getAttribute("NX_class").getData())) {
                    for (String a : (String[]) g.getAttribute("axes").getData()) {
                        if (!a.equals(".")) {
                            assertThat(g.getChild(a).getAttribute("units")).as(g.getPath() + a).isNotNull();
                            checked++;
                        }
                    }
                    assertThat(g.getChild("data").getAttribute("units")).isNotNull();
                }
            }
            assertThat(checked).isEqualTo(1 + 2 + 2 + 3 + 4);
        }
    }

    @Test
    void describerNamesDeflateAndNexusClasses() throws IOException {
        String text = Hdf5Describer.describe(writeAll());
        assertThat(text).contains("/entry/series/data  Dataset {100, 1000} float32 LE, chunks {100, 1000}"
                + ", filters: deflate level 4");
        assertThat(text).contains("/entry/curve  Group  [NXdata]").contains("@signal = \"data\"")
                .contains("@units = \"1/angstrom\"").contains("[NXentry]");
        assertThat(text).contains("Compression: deflate level 4 on ");
        assertThat(text).contains("/entry/process/flags  Dataset {3} uint32 LE, contiguous, 12 B  = [0, 1, 4000000000]");
    }

    @Test
    void failedContentLeavesNoFile() {
        Path out = dir.resolve("broken.nxs");
        assertThatThrownBy(() -> NexusWriter.write(out, root -> {
            root.entry("entry").addCurve("c", curve());
            throw new IOException("simulated failure mid-write");
        })).isInstanceOf(IOException.class);
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void rejectsInvalidNames() {
        assertThatThrownBy(() -> NexusWriter.write(dir.resolve("x.nxs"), root -> root.entry("bad name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        assertThat(dir.resolve("x.nxs")).doesNotExist();
    }

    @Test
    void chunkShapeKeepsTrailingDimensions() {
        assertThat(NexusWriter.chunkFor(new int[] {100, 1000})).containsExactly(100, 1000);
        assertThat(NexusWriter.chunkFor(new int[] {5000, 1000})).containsExactly(262, 1000);
        assertThat(NexusWriter.chunkFor(new int[] {10, 2000, 2000})).containsExactly(1, 131, 2000);
        assertThat(NexusWriter.chunkFor(new int[] {1 << 20})).containsExactly(1 << 18);
    }

    @Test
    void h5pyReadsAttributesUnitsAndValues() throws Exception {
        String py = PythonPeer.require("h5py", "python3-h5py");
        Path out = writeAll();
        String script = String.join("\n",
                "import h5py, json, sys, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "s = lambda v: v.decode() if isinstance(v, bytes) else (str(v) if not isinstance(v, np.ndarray) else [s(x) for x in v])",
                "r = {}",
                "r['root_class'] = s(f.attrs['NX_class']); r['default'] = s(f.attrs['default'])",
                "c = f['entry/curve']",
                "r['curve_axes'] = s(c.attrs['axes']); r['curve_signal'] = s(c.attrs['signal'])",
                "r['q_units'] = s(c['q'].attrs['units']); r['q'] = c['q'][()].tolist(); r['I'] = c['data'][()].tolist()",
                "r['I_dtype'] = str(c['data'].dtype); r['err0'] = float(c['data_errors'][0])",
                "d = f['entry/series/data']",
                "r['series_shape'] = list(d.shape); r['series_chunks'] = list(d.chunks); r['series_compression'] = d.compression",
                "r['series_sum'] = float(np.sum(d[()], dtype=np.float64)); r['series_dtype'] = str(d.dtype)",
                "r['series_axes'] = s(f['entry/series'].attrs['axes'])",
                "t = f['entry/tomogram/data']",
                "r['tomo_shape'] = list(t.shape); r['tomo_chunks'] = list(t.chunks); r['tomo_z33_sum'] = float(np.sum(t[33], dtype=np.float64))",
                "r['pdfct'] = float(f['entry/pdfct/data'][2,3,4,5])",
                "r['labels'] = s(f['entry/process/labels'][()]); r['program'] = s(f['entry/process/program'][()])",
                "r['flags'] = f['entry/process/flags'][()].tolist(); r['flags_dtype'] = str(f['entry/process/flags'].dtype)",
                "r['wl_units'] = s(f['entry/process/wavelength'].attrs['units'])",
                "print(json.dumps(r))");
        PythonPeer.Result res = PythonPeer.run(py, script, out.toString());
        assertThat(res.exit()).as(res.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(res.out());
        assertThat(j.get("root_class").asText()).isEqualTo("NXroot");
        assertThat(j.get("default").asText()).isEqualTo("entry");
        assertThat(j.get("curve_signal").asText()).isEqualTo("data");
        assertThat(j.get("curve_axes").get(0).asText()).isEqualTo("q");
        assertThat(j.get("q_units").asText()).isEqualTo("1/angstrom");
        Curve c = curve();
        for (int i = 0; i < c.size(); i++) {
            assertThat(j.get("q").get(i).asDouble()).isEqualTo(c.x(i));
            assertThat(j.get("I").get(i).asDouble()).isEqualTo(c.y(i));
        }
        assertThat(j.get("I_dtype").asText()).isEqualTo("float64");
        assertThat(j.get("err0").asDouble()).isEqualTo(c.sigma()[0]);
        assertThat(j.get("series_shape").toString()).isEqualTo("[100,1000]");
        assertThat(j.get("series_compression").asText()).isEqualTo("gzip");
        assertThat(j.get("series_dtype").asText()).isEqualTo("float32");
        double sum = 0;
        for (float v : curveSet(100, 1000).rawValues()) {
            sum += v;
        }
        assertThat(j.get("series_sum").asDouble()).isEqualTo(sum);
        assertThat(j.get("series_axes").toString()).isEqualTo("[\"t\",\"two_theta\"]");
        assertThat(j.get("tomo_shape").toString()).isEqualTo("[70,30,40]");
        assertThat(j.get("tomo_chunks").toString()).isEqualTo("[1,30,40]");
        double z33 = 0;
        for (float v : randomFloats(1200, 133)) {
            z33 += v;
        }
        assertThat(j.get("tomo_z33_sum").asDouble()).isEqualTo(z33);
        assertThat(j.get("pdfct").asDouble()).isEqualTo(cv.get(2, 5, 4, 3));
        assertThat(j.get("labels").toString()).isEqualTo("[\"a\",\"bb\",\"ccc\"]");
        assertThat(j.get("program").asText()).isEqualTo("operando");
        assertThat(j.get("flags").toString()).isEqualTo("[0,1,4000000000]");
        assertThat(j.get("flags_dtype").asText()).isEqualTo("uint32");
        assertThat(j.get("wl_units").asText()).isEqualTo("angstrom");
    }

    static float[] randomFloats(int n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    @Test
    void tooLargeVolumeIsRefusedWithAReason() {
        assertThatThrownBy(() -> NexusWriter.write(dir.resolve("big.nxs"), root ->
                root.entry("e").addCurveVolume("v", new CurveVolume(1024, 1024, 1024, Axis.linear("q", Unit.Q_INV_ANGSTROM, 0, 1, 2),
                        1, "I", Unit.ARBITRARY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jhdf 0.13");
        assertThat(Files.exists(dir.resolve("big.nxs"))).isFalse();
    }
}
