package org.operando.cli.tomo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.cli.CliTestSupport;
import org.operando.tomo.ParallelGeometry;
import org.operando.tomo.Phantoms;
import org.operando.tomo.ProjectionAligner;

class TomoCommandTest {
    @TempDir
    Path dir;

    static final int N = 96;
    static final double TRUE_CENTRE = 46.6;

    static List<Phantoms.Ellipse> phantom() {
        return Phantoms.translate(Phantoms.sheppLogan(0.42 * N), 2, -3);
    }

    /** Analytic sinogram [angles][bins] of the phantom with the axis at TRUE_CENTRE. */
    static float[][] sinogram(double[] deg) {
        ParallelGeometry g = ParallelGeometry.ofDegrees(deg, N, TRUE_CENTRE, N);
        float[] s = Phantoms.sinogram(phantom(), g, 4);
        float[][] out = new float[deg.length][N];
        for (int a = 0; a < deg.length; a++) {
            System.arraycopy(s, a * N, out[a], 0, N);
        }
        return out;
    }

    Path h5(String name, String dataset, Object data) {
        Path p = dir.resolve(name);
        try (WritableHdfFile f = HdfFile.write(p)) {
            String[] parts = dataset.replaceFirst("^/", "").split("/");
            io.jhdf.api.WritableGroup grp = f;
            for (int i = 0; i < parts.length - 1; i++) {
                grp = grp.putGroup(parts[i]);
            }
            grp.putDataset(parts[parts.length - 1], data);
        }
        return p;
    }

    static float[][][] readVolume(Path p) {
        try (HdfFile f = new HdfFile(p)) {
            return (float[][][]) f.getDatasetByPath("/volume").getData();
        }
    }

    /** RMS of the reconstruction against the phantom shifted onto the reconstruction grid (axis at N/2). */
    static double rmsVsTruth(float[] rec) {
        // Reconstructing with the true axis puts the phantom at its own coordinates around pixel N/2.
        float[] truth = Phantoms.rasterize(phantom(), N, 4);
        double s = 0;
        for (int i = 0; i < rec.length; i++) {
            s += (rec[i] - truth[i]) * (rec[i] - truth[i]);
        }
        return Math.sqrt(s / rec.length);
    }

    static float[] flat(float[][] a) {
        float[] out = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        }
        return out;
    }

    @Test
    void reconFbpFromHdf5WithAutomaticCentre() {
        Path in = h5("sino.h5", "/data", sinogram(ParallelGeometry.evenDegrees(0, 180, 180)));
        Path out = dir.resolve("rec.h5");
        CliTestSupport.Run r = CliTestSupport.run("tomo", "recon", "--method", "fbp", "--angles", "0:180:180",
                "--filter", "shepp-logan", "--no-circle", in.toString(), "-o", out.toString(), "--png", dir.resolve("png").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("centre of rotation (auto): 46.6");
        float[][][] v = readVolume(out);
        assertThat(v.length).isEqualTo(1);
        double e = rmsVsTruth(flat(v[0]));
        System.out.printf("CLI fbp RMS vs truth %.4f%n", e);
        assertThat(e).isLessThan(0.06);
        assertThat(dir.resolve("png/slice_xy.png")).exists();
        assertThat(dir.resolve("png/slice_xz.png")).exists();
    }

    @Test
    void reconSirtAndCglsFromTiffStackWithMask() throws Exception {
        double[] deg = ParallelGeometry.evenDegrees(0, 180, 60);
        float[][] s = sinogram(deg);
        // Two identical detector rows -> a two-slice volume; one TIFF page per projection (2 x N).
        List<float[]> pages = new ArrayList<>();
        for (float[] p : s) {
            float[] page = new float[2 * N];
            System.arraycopy(p, 0, page, 0, N);
            System.arraycopy(p, 0, page, N, N);
            pages.add(page);
        }
        Path in = dir.resolve("stack.tif");
        TomoIo.writeImages(in, "data", pages, N, 2, java.util.Map.of(), java.util.Map.of());
        float[] mask = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                mask[r * N + c] = Math.hypot(r - N / 2, c - N / 2) < 0.45 * N ? 1 : 0;
            }
        }
        Path maskFile = dir.resolve("mask.tif");
        TomoIo.writeImages(maskFile, "data", List.of(mask), N, N, java.util.Map.of(), java.util.Map.of());
        Path angles = dir.resolve("angles.txt");
        StringBuilder sb = new StringBuilder("# degrees\n");
        for (double d : deg) {
            sb.append(d).append('\n');
        }
        Files.writeString(angles, sb.toString());
        for (String m : List.of("sirt", "cgls")) {
            Path out = dir.resolve(m + ".tif");
            CliTestSupport.Run r = CliTestSupport.run("tomo", "recon", "--method", m, "--angles", angles.toString(),
                    "--center", Double.toString(TRUE_CENTRE), "--iterations", m.equals("sirt") ? "150" : "25",
                    "--mask", maskFile.toString(), in.toString(), "-o", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            List<float[]> slices = new ArrayList<>();
            int[] wh = TomoIo.readTiff(out, slices);
            assertThat(wh).containsExactly(N, N);
            assertThat(slices).hasSize(2);
            for (int i = 0; i < N * N; i++) {
                if (mask[i] == 0) {
                    assertThat(slices.get(1)[i]).isZero();
                }
                assertThat(slices.get(0)[i]).isGreaterThanOrEqualTo(0f);
            }
            double e = rmsVsTruth(slices.get(0));
            System.out.printf("CLI %s (60 views, mask) RMS vs truth %.4f%n", m, e);
            assertThat(e).isLessThan(0.05);
        }
    }

    @Test
    void multiChannelStackGivesOneVolumePerChannel() {
        double[] deg = ParallelGeometry.evenDegrees(0, 180, 36);
        float[][] s = sinogram(deg);
        int nc = 3;
        float[][][][] in4 = new float[nc][deg.length][2][N];
        for (int c = 0; c < nc; c++) {
            for (int a = 0; a < deg.length; a++) {
                for (int j = 0; j < N; j++) {
                    in4[c][a][0][j] = s[a][j] * (c + 1);
                    in4[c][a][1][j] = s[a][j] * (c + 1) * 0.5f;
                }
            }
        }
        Path in = h5("q.h5", "/data", in4);
        Path out = dir.resolve("qvol.h5");
        CliTestSupport.Run r = CliTestSupport.run("tomo", "recon", "--method", "sirt", "--iterations", "40", "--angles",
                "0:180:36", "--center", Double.toString(TRUE_CENTRE), in.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("x 3 channels");
        try (HdfFile f = new HdfFile(out)) {
            float[][][][] v = (float[][][][]) f.getDatasetByPath("/volume").getData();
            assertThat(f.getDatasetByPath("/volume").getDimensions()).containsExactly(nc, 2, N, N);
            // Linearity: channel c, slice z is (c + 1)·(1 or 0.5) times channel 0, slice 0.
            int p = N / 2;
            for (int c = 0; c < nc; c++) {
                assertThat(v[c][0][p][p]).isCloseTo(v[0][0][p][p] * (c + 1), org.assertj.core.data.Offset.offset(1e-3f * (c + 1)));
                assertThat(v[c][1][p][p]).isCloseTo(v[0][0][p][p] * (c + 1) * 0.5f, org.assertj.core.data.Offset.offset(1e-3f * (c + 1)));
            }
        }
    }

    @Test
    void centerPrintsTheAxis() {
        Path in = h5("sino.h5", "/entry/sino", sinogram(ParallelGeometry.evenDegrees(-60, 60, 121)));
        CliTestSupport.Run r = CliTestSupport.run("tomo", "center", "--dataset", "/entry/sino", "--angles", "-60:60:121", in.toString());
        assertThat(r.code()).as(r.err()).isZero();
        double c = Double.parseDouble(r.out().replaceAll("(?s).*centre of rotation: ([0-9.]+) px.*", "$1"));
        assertThat(Math.abs(c - TRUE_CENTRE)).isLessThan(0.25);
    }

    @Test
    void alignWritesCorrectedProjectionsAndShifts() throws Exception {
        double[] deg = ParallelGeometry.evenDegrees(0, 180, 72);
        float[][] s = sinogram(deg);
        Random rnd = new Random(3);
        float[][][] stack = new float[deg.length][1][];
        double[] tx = new double[deg.length];
        for (int a = 0; a < deg.length; a++) {
            tx[a] = (rnd.nextDouble() - 0.5) * 8;
            stack[a][0] = ProjectionAligner.shift(s[a], 1, N, -tx[a], 0);
        }
        Path in = h5("shifted.h5", "/data", stack);
        Path out = dir.resolve("aligned.h5");
        CliTestSupport.Run r = CliTestSupport.run("tomo", "align", "--angles", "0:180:72", "--center", Double.toString(TRUE_CENTRE),
                in.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("aligned.h5.shifts.csv"));
        assertThat(lines.get(1)).isEqualTo("angle_deg,dx_px,dy_px");
        double[] est = new double[deg.length];
        for (int a = 0; a < deg.length; a++) {
            est[a] = Double.parseDouble(lines.get(a + 2).split(",")[1]);
        }
        // Up to a rigid translation of the object (cos/sin component), the shifts are recovered within 0.5 px.
        ParallelGeometry g = ParallelGeometry.ofDegrees(deg, N, TRUE_CENTRE, N);
        double[] d = new double[deg.length];
        for (int a = 0; a < d.length; a++) {
            d[a] = est[a] - tx[a];
        }
        double sc = 0;
        double ss = 0;
        double cc = 0;
        double sd = 0;
        double cd = 0;
        for (int a = 0; a < d.length; a++) {
            cc += g.cos(a) * g.cos(a);
            ss += g.sin(a) * g.sin(a);
            sc += g.sin(a) * g.cos(a);
            cd += g.cos(a) * d[a];
            sd += g.sin(a) * d[a];
        }
        double det = cc * ss - sc * sc;
        double x = (cd * ss - sd * sc) / det;
        double y = (sd * cc - cd * sc) / det;
        for (int a = 0; a < d.length; a++) {
            assertThat(Math.abs(d[a] - x * g.cos(a) - y * g.sin(a))).isLessThan(0.5);
        }
        try (HdfFile f = new HdfFile(out)) {
            assertThat(f.getDatasetByPath("/data").getDimensions()).containsExactly(72, 1, N);
            assertThat(f.getDatasetByPath("/shift_x_px").getDimensions()).containsExactly(72);
        }
    }

    @Test
    void badInputExitsWithTwoAndLeavesNoOutput() throws Exception {
        float[][] s = sinogram(ParallelGeometry.evenDegrees(0, 180, 90));
        Path in = h5("sino.h5", "/data", s);
        Path out = dir.resolve("bad.h5");
        CliTestSupport.Run r = CliTestSupport.run("tomo", "recon", "--angles", "0:180:80", in.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--angles 0:180:80").contains("80 angles").contains("90 projections");

        r = CliTestSupport.run("tomo", "recon", "--angles", "0:180:90", "--center", "120", in.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--center 120").contains("outside the detector");

        float[][] nan = sinogram(ParallelGeometry.evenDegrees(0, 180, 90));
        nan[7][11] = Float.NaN;
        nan[40][3] = Float.POSITIVE_INFINITY;
        Path bad = h5("nan.h5", "/data", nan);
        r = CliTestSupport.run("tomo", "recon", "--angles", "0:180:90", bad.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nan.h5::/data").contains("2 NaN/Inf values").contains("projection 7, row 0, bin 11");

        Path emptyMask = dir.resolve("empty.tif");
        TomoIo.writeImages(emptyMask, "data", List.of(new float[N * N]), N, N, java.util.Map.of(), java.util.Map.of());
        r = CliTestSupport.run("tomo", "recon", "--method", "sirt", "--angles", "0:180:90", "--mask", emptyMask.toString(),
                in.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--mask").contains("empty");

        r = CliTestSupport.run("tomo", "recon", "--angles", "0:180:90", "--size", "4000", "--memory-limit", "64M",
                in.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--memory-limit 64M").contains("4000 x 4000");

        r = CliTestSupport.run("tomo", "recon", "--angles", "0:180:90", "--dataset", "/nope", in.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("/nope");

        r = CliTestSupport.run("tomo", "recon", "--angles", "0:180:90", "--filter", "gauss", in.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--filter 'gauss'");

        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList()).isEmpty();
        }
    }
}
