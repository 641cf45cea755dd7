package org.operando.cli.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.cli.OperandoCommand;
import org.operando.data.Curve;
import org.operando.data.Frame;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;
import org.operando.integrate.Calibrant;
import org.operando.integrate.IntegrationOptions;
import org.operando.integrate.Integrator;
import org.operando.integrate.Split;
import org.operando.integrate.SyntheticCalibrant;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.io.poni.PoniFile;
import org.operando.testing.SharedData;

class IntegrateCommandTest {
    @TempDir
    Path tmp;

    private static final String DS = "/entry/instrument/pilatus/data";

    private static int run(String... args) {
        return OperandoCommand.commandLine().execute(args);
    }

    private static Path h5() {
        return SharedData.require("detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5");
    }

    private static Path poni() {
        return SharedData.require("detector/danmax-pilatus-cdte-2m/danmax_pilatus_cdte_2m.poni");
    }

    /** Writes a [frames, rows, cols] int dataset at /entry/data/data. */
    private static void writeStack(Path file, int[][][] data) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putGroup("entry").putGroup("data").putDataset("data", data);
        }
    }

    @Test
    void csvOutputHasANamedHeaderAndTheLibraryValues() throws Exception {
        Path out = tmp.resolve("curves.csv");
        assertThat(run("integrate", "--quiet", "--poni", poni().toString(), "--bins", "300", "--unit", "q_A^-1",
                "--split", "none", "--polarization", "0.99", h5() + "::" + DS, "-o", out.toString())).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).anyMatch(l -> l.startsWith("# units: q in 1/angstrom"));
        int header = lines.indexOf("frame,q_A^-1,I,sigma");
        assertThat(header).isPositive();
        assertThat(lines.size() - header - 1).isEqualTo(2 * 300);

        Geometry g = PoniFile.read(poni());
        Frame f0;
        try (Hdf5FrameSource src = Hdf5FrameSource.open(h5(), DS)) {
            f0 = src.read(0);
        }
        Integrator in = Integrator.build(g, new IntegrationOptions(RadialUnit.Q_A, 300, 0, Split.NONE, null, null,
                g.detector().gapMask(), true, 0.99, null, null));
        Curve c = in.integrate1d(f0, 1.0);
        int compared = 0;
        for (int b = 0; b < 300; b++) {
            String[] cols = lines.get(header + 1 + b).split(",");
            assertThat(cols[0]).isEqualTo("0");
            assertThat(Double.parseDouble(cols[1])).isCloseTo(c.x(b), within(1e-7 * Math.abs(c.x(b)) + 1e-12));
            if (!Double.isNaN(c.y(b))) {
                assertThat(Double.parseDouble(cols[2])).isCloseTo(c.y(b), within(1e-7 * Math.abs(c.y(b))));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(250);
    }

    @Test
    void nexusOutputHoldsTheStackAxisUnitsAndGeometry() throws Exception {
        Path out = tmp.resolve("curves.h5");
        assertThat(run("integrate", "--quiet", "--poni", poni().toString(), "--bins", "200", "--unit", "2th_deg", "--split", "none",
                "--normalize", "2", h5().toString(), "-o", out.toString())).isZero();
        try (HdfFile f = new HdfFile(out)) {
            Object i = f.getDatasetByPath("/entry/integrated/I").getData();
            assertThat(((float[][]) i).length).isEqualTo(2);
            assertThat(((float[][]) i)[0].length).isEqualTo(200);
            assertThat(f.getDatasetByPath("/entry/integrated/two_theta").getAttribute("units").getData()).isEqualTo("deg");
            assertThat(f.getByPath("/entry/integrated").getAttribute("signal").getData()).isEqualTo("I");
            assertThat((double) f.getDatasetByPath("/entry/geometry/distance").getData()).isEqualTo(0.5005323453766798);
        }
    }

    @Test
    void cakeTextOutputNamesChiAndRadialColumns() throws Exception {
        Path out = tmp.resolve("cake.xy");
        assertThat(run("integrate", "--quiet", "--poni", poni().toString(), "--bins", "50", "--cake", "12",
                "--azimuth-range", "-90,90", h5() + "::" + DS, "-o", out.toString())).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).contains("# chi_deg q_A^-1 I sigma");
        assertThat(lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).count()).isEqualTo(2 * 50 * 12);
    }

    @Test
    void badInputExitsWith2AndWritesNothing() throws Exception {
        Path out = tmp.resolve("bad.csv");
        String in = h5() + "::" + DS;
        String p = poni().toString();
        assertThat(run("integrate", "--poni", p, "--bins", "0", in, "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--radial-range", "5,1", in, "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--azimuth-range", "30,10", in, "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--detector", "Eiger1M", in, "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--unit", "q_parsec", in, "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--normalize", "-1", in, "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--normalize", "abc", in, "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", tmp.resolve("missing.h5") + "::/x", "-o", out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", h5() + "::/entry/nothing", "-o", out.toString())).isEqualTo(2);
        // PONI without wavelength but a q unit
        Path noWl = tmp.resolve("nowl.poni");
        Files.writeString(noWl, "poni_version: 2\nDetector: PilatusCdTe2M\nDetector_config: {}\nDistance: 0.5\nPoni1: 0.1\nPoni2: 0.1\n");
        assertThat(run("integrate", "--poni", noWl.toString(), "--bins", "10", in, "-o", out.toString())).isEqualTo(2);
        Path negDist = tmp.resolve("neg.poni");
        Files.writeString(negDist, "poni_version: 2\nDetector: PilatusCdTe2M\nDetector_config: {}\nDistance: -0.5\nPoni1: 0.1\nPoni2: 0.1\n");
        assertThat(run("integrate", "--poni", negDist.toString(), "--bins", "10", in, "-o", out.toString())).isEqualTo(2);
        // a mask that masks everything, and a mask of the wrong shape
        Path allMasked = tmp.resolve("all.h5");
        int[][][] ones = new int[1][1679][1475];
        for (int[] row : ones[0]) {
            java.util.Arrays.fill(row, 1);
        }
        writeStack(allMasked, ones);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--mask", allMasked + "::/entry/data/data", in, "-o",
                out.toString())).isEqualTo(2);
        Path small = tmp.resolve("small.h5");
        writeStack(small, new int[1][10][10]);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--mask", small + "::/entry/data/data", in, "-o",
                out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--dark", small + "::/entry/data/data", in, "-o",
                out.toString())).isEqualTo(2);
        assertThat(run("integrate", "--poni", p, "--bins", "10", "--flat", small.toString(), in, "-o",
                out.toString())).isEqualTo(2);
        assertThat(out).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(x -> x.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void calibrateRecoversASimulatedGeometryAndWritesAPoni() throws Exception {
        Detector det = Detector.named("Pilatus1M");
        double lambda = Geometry.wavelengthFromEnergyKeV(20.0);
        Geometry truth = new Geometry(det, 0.2021, 0.0912, 0.0803, Math.toRadians(0.6), Math.toRadians(-0.4), 0, lambda);
        Frame img = SyntheticCalibrant.image(truth, Calibrant.named("LaB6"), 500, 30, 3);
        int[][][] d = new int[1][det.rows()][det.cols()];
        for (int i = 0; i < det.rows(); i++) {
            for (int j = 0; j < det.cols(); j++) {
                d[0][i][j] = Math.round(img.get(i, j));
            }
        }
        Path image = tmp.resolve("lab6.h5");
        writeStack(image, d);
        Path out = tmp.resolve("fit.poni");
        assertThat(run("calibrate", "--quiet", "--calibrant", "LaB6", "--energy", "20.0", "--detector", "Pilatus 1M",
                "--distance-guess", "0.18", image + "::/entry/data/data", "-o", out.toString())).isZero();
        Geometry g = PoniFile.read(out);
        assertThat(Math.abs(g.dist() - truth.dist()) / truth.dist()).isLessThan(1e-3);
        double[] bc = g.beamCentrePixels();
        double[] bt = truth.beamCentrePixels();
        assertThat(Math.abs(bc[0] - bt[0])).isLessThan(0.1);
        assertThat(Math.abs(bc[1] - bt[1])).isLessThan(0.1);
        assertThat(Math.toDegrees(Math.abs(g.rot1() - truth.rot1()))).isLessThan(0.01);
        assertThat(Math.toDegrees(Math.abs(g.rot2() - truth.rot2()))).isLessThan(0.01);
        assertThat(g.wavelength()).isCloseTo(lambda, within(1e-20));
        // bad calibrate input
        assertThat(run("calibrate", "--calibrant", "Unobtainium", "--energy", "20", "--detector", "Pilatus1M",
                "--distance-guess", "0.2", image + "::/entry/data/data", "-o", tmp.resolve("x.poni").toString())).isEqualTo(2);
        assertThat(run("calibrate", "--calibrant", "LaB6", "--energy", "20", "--detector", "Eiger1M",
                "--distance-guess", "0.2", image + "::/entry/data/data", "-o", tmp.resolve("x.poni").toString())).isEqualTo(2);
        assertThat(run("calibrate", "--calibrant", "LaB6", "--energy", "-3", "--detector", "Pilatus1M",
                "--distance-guess", "0.2", image + "::/entry/data/data", "-o", tmp.resolve("x.poni").toString())).isEqualTo(2);
        assertThat(tmp.resolve("x.poni")).doesNotExist();
    }

    @Test
    void benchPrintsFramesPerSecond() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = run("bench", "integrate", "--split", "none", "--thread-counts", "1", "--repeat", "2", "--bins", "100");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        String s = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(s).contains("frames/s").containsPattern("(?m)^no\\s+1\\s+");
        assertThat(s.toLowerCase(Locale.ROOT)).contains("pilatuscdte2m");
    }
}
