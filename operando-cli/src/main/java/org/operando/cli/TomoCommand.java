package org.operando.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.operando.cli.tomo.TomoIo;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.data.Volume;
import org.operando.io.AtomicOutput;
import org.operando.io.figure.MapFigure;
import org.operando.tomo.CentreFinder;
import org.operando.tomo.FbpFilter;
import org.operando.tomo.IterativeSolver;
import org.operando.tomo.ParallelGeometry;
import org.operando.tomo.ProjectionAligner;
import org.operando.tomo.Reconstructor;
import org.operando.tomo.Sinograms;
import org.operando.tomo.VolumeTools;
import org.operando.util.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code operando tomo}: parallel-beam tomography — {@code recon} (FBP, SIRT, CGLS), {@code center} (axis
 * position) and {@code align} (projection alignment).
 */
@Command(name = "tomo", mixinStandardHelpOptions = true,
        description = {"Parallel-beam tomography: reconstruct (FBP, SIRT, CGLS), find the rotation axis, align projections.",
                "Input: a sinogram [angles, bins], a projection stack [angles, rows, bins] or a multi-channel stack "
                        + "[channels, angles, rows, bins] in HDF5 (--dataset), or a TIFF (one page = sinogram, "
                        + "several pages = one projection per page). Values should be line integrals (-ln(I/I0))."},
        subcommands = {TomoCommand.Recon.class, TomoCommand.Center.class, TomoCommand.Align.class})
public final class TomoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Input options shared by the subcommands. */
    static final class Input {
        @Parameters(index = "0", paramLabel = "INPUT", description = "Projections: .h5/.hdf5/.nxs or .tif.")
        Path input;

        @Option(names = "--dataset", paramLabel = "PATH", description = "HDF5 dataset of the projections (default: ${DEFAULT-VALUE}).")
        String dataset = "/data";

        @Option(names = "--angles", required = true, paramLabel = "FILE|START:STOP:N",
                description = {"Projection angles in degrees: a text file with one angle per projection, or N even angles "
                        + "START, START+(STOP-START)/N, ... (STOP excluded), e.g. 0:180:720 or -60:60:121 for a limited range."})
        String angles;

        TomoIo.Stack read() {
            TomoIo.Stack s = TomoIo.readStack(input, dataset);
            return s;
        }

        double[] angles(int count) {
            double[] a = parseAngles(angles);
            InvalidInputException.require(a.length == count, "--angles " + angles + ": gives " + a.length
                    + " angles but " + input + " has " + count + " projections");
            return a;
        }
    }

    /** Parses {@code START:STOP:N} or reads a file of angles (degrees, whitespace/comma separated, # comments). */
    public static double[] parseAngles(String spec) {
        String[] parts = spec.split(":");
        if (parts.length == 3 && !Files.exists(Path.of(spec))) {
            try {
                double start = Double.parseDouble(parts[0]);
                double stop = Double.parseDouble(parts[1]);
                int n = Integer.parseInt(parts[2]);
                InvalidInputException.require(n >= 1 && Double.isFinite(start) && Double.isFinite(stop) && stop != start,
                        "--angles " + spec + ": expected START:STOP:N with START != STOP and N >= 1");
                return ParallelGeometry.evenDegrees(start, stop, n);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--angles " + spec + ": expected START:STOP:N (numbers) or a file of angles", e);
            }
        }
        Path p = Path.of(spec);
        InvalidInputException.require(Files.isRegularFile(p), "--angles " + spec + ": no such file and not START:STOP:N");
        List<Double> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(p)) {
                String l = line.replaceAll("#.*", "").trim();
                if (l.isEmpty()) {
                    continue;
                }
                for (String tok : l.split("[\\s,;]+")) {
                    double v = Double.parseDouble(tok);
                    InvalidInputException.require(Double.isFinite(v), "--angles " + spec + ": angle '" + tok + "' is not finite");
                    out.add(v);
                }
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--angles " + spec + ": not a list of numbers (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException("--angles " + spec + ": cannot be read (" + e.getMessage() + ")", e);
        }
        InvalidInputException.require(!out.isEmpty(), "--angles " + spec + ": the file holds no angles");
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Sum over rows and channels: the sinogram used to find the axis. */
    static float[] summedSinogram(TomoIo.Stack s) {
        int na = s.angles();
        int bins = s.bins();
        float[] out = new float[na * bins];
        for (float[][] ch : s.data()) {
            for (int a = 0; a < na; a++) {
                for (int z = 0; z < s.rows(); z++) {
                    for (int j = 0; j < bins; j++) {
                        out[a * bins + j] += ch[a][z * bins + j];
                    }
                }
            }
        }
        return out;
    }

    /** Resolves {@code --center auto|VALUE} into an axis position on the detector. */
    static double centre(String spec, TomoIo.Stack s, ParallelGeometry g, PrintWriter log) {
        if (spec.equalsIgnoreCase("auto")) {
            double c = CentreFinder.estimate(summedSinogram(s), g);
            log.printf(Locale.ROOT, "centre of rotation (auto): %.3f px%n", c);
            return c;
        }
        double c;
        try {
            c = Double.parseDouble(spec);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--center '" + spec + "': expected auto or a detector position in pixels", e);
        }
        InvalidInputException.require(Double.isFinite(c) && c >= 0 && c <= s.bins() - 1, "--center " + spec
                + ": outside the detector; expected a position in [0, " + (s.bins() - 1) + "] px");
        return c;
    }

    static long parseBytes(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        double mul = 1;
        if (t.endsWith("K")) {
            mul = 1024;
        } else if (t.endsWith("M")) {
            mul = 1024.0 * 1024;
        } else if (t.endsWith("G")) {
            mul = 1024.0 * 1024 * 1024;
        } else if (t.endsWith("T")) {
            mul = 1024.0 * 1024 * 1024 * 1024;
        }
        if (mul > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t) * mul;
            InvalidInputException.require(v > 0, "--memory-limit " + s + ": must be positive");
            return (long) v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--memory-limit " + s + ": expected a size such as 4G or 512M", e);
        }
    }

    @Command(name = "recon", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Reconstruct slices with filtered back-projection (fbp), SIRT or CGLS.",
                    "Output: .h5 (dataset /volume [slices, rows, cols] or [channels, slices, rows, cols], float32, "
                            + "values per pixel, with /angles_deg and /centre_px) or a float32 multi-page .tif (one slice per page)."})
    static final class Recon implements Callable<Integer> {
        @Mixin
        Input in = new Input();

        @Option(names = "--method", paramLabel = "fbp|sirt|cgls", description = "Algorithm (default: ${DEFAULT-VALUE}).")
        String method = "fbp";

        @Option(names = "--center", paramLabel = "auto|VALUE",
                description = "Rotation axis position on the detector in pixels (0 = centre of the first bin), or auto (default).")
        String center = "auto";

        @Option(names = "--filter", paramLabel = "NAME",
                description = "FBP filter: ramp, shepp-logan, cosine, hamming, hann, none (default: ${DEFAULT-VALUE}).")
        String filter = "ramp";

        @Option(names = "--iterations", paramLabel = "N", description = "SIRT/CGLS iterations (default: 100 for sirt, 30 for cgls).")
        Integer iterations;

        @Option(names = "--mask", paramLabel = "FILE",
                description = "Support mask (.h5 or .tif; non-zero = inside), one slice (applied to all) or one per slice; sirt/cgls.")
        Path mask;

        @Option(names = "--mask-dataset", paramLabel = "PATH", description = "HDF5 dataset of the mask (default: ${DEFAULT-VALUE}).")
        String maskDataset = "/mask";

        @Option(names = "--nonneg", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "SIRT/CGLS: keep values >= 0 (default: true; --no-nonneg to allow negative values).")
        boolean nonneg;

        @Option(names = "--size", paramLabel = "N", description = "Slice size N x N pixels (default: detector width).")
        Integer size;

        @Option(names = "--no-circle", description = "FBP: keep pixels outside the inscribed circle (default: zeroed, as scikit-image circle=True).")
        boolean noCircle;

        @Option(names = "--memory-limit", paramLabel = "SIZE", description = "Refuse reconstructions needing more memory (default: the Java heap limit).")
        String memoryLimit;

        @Option(names = "--png", paramLabel = "DIR", description = "Also write the central slices (horizontal, two vertical) as PNG into DIR.")
        Path png;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output volume (.h5 or .tif).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter log = spec.commandLine().getOut();
            TomoIo.requireOutput(out, "-o");
            Reconstructor.Method m = Reconstructor.Method.parse(method);
            FbpFilter f = FbpFilter.parse(filter, "--filter");
            TomoIo.Stack s = in.read();
            double[] ang = in.angles(s.angles());
            InvalidInputException.require(s.channels() == 1 || TomoIo.isHdf5Name(out),
                    "-o " + out + ": a multi-channel reconstruction needs an .h5 output");
            Sinograms sino = Sinograms.ofChannels(s.data(), s.rows(), s.bins());
            sino.requireFinite(s.where());
            int n = size == null ? s.bins() : size;
            InvalidInputException.require(n >= 1, "--size must be positive, got " + n);
            ParallelGeometry g0 = ParallelGeometry.ofDegrees(ang, s.bins(), ParallelGeometry.defaultCentre(s.bins()), n);
            long limit = memoryLimit == null ? Runtime.getRuntime().maxMemory() : parseBytes(memoryLimit);
            Reconstructor.checkMemory(g0, s.rows(), s.channels(), m, limit,
                    memoryLimit == null ? "the Java heap; raise it with OPERANDO_JAVA_OPTS=-Xmx..." : "--memory-limit " + memoryLimit);
            ParallelGeometry g = g0.withCentre(centre(center, s, g0, log));
            boolean[][] support = null;
            if (mask != null) {
                InvalidInputException.require(m != Reconstructor.Method.FBP, "--mask applies to sirt and cgls, not fbp");
                support = TomoIo.readMask(mask, maskDataset, n, s.rows());
            }
            int it = iterations != null ? iterations : (m == Reconstructor.Method.CGLS ? 30 : 100);
            float[][] slices;
            long t0 = System.nanoTime();
            CliProgress progress = new CliProgress(false);
            if (support == null || m == Reconstructor.Method.FBP) {
                Reconstructor.Settings set = m == Reconstructor.Method.FBP
                        ? new Reconstructor.Settings(m, f, !noCircle, IterativeSolver.Options.of(1))
                        : Reconstructor.Settings.iterative(m, IterativeSolver.Options.of(it).withNonNegative(nonneg));
                slices = Reconstructor.reconstruct(sino, g, set, progress, null);
            } else {
                slices = new float[s.rows()][];
                for (int z = 0; z < s.rows(); z++) {
                    Sinograms one = sliceOf(sino, z);
                    Reconstructor.Settings set = Reconstructor.Settings.iterative(m,
                            IterativeSolver.Options.of(it).withNonNegative(nonneg).withSupport(support[z]));
                    slices[z] = Reconstructor.reconstruct(one, g, set, progress, null)[0];
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            writeVolume(slices, g, s, m, f, it);
            log.printf(Locale.ROOT, "%s: %d slice%s of %d x %d px%s from %d projections in %.2f s -> %s%n",
                    m.name().toLowerCase(Locale.ROOT), s.rows(), s.rows() == 1 ? "" : "s", n, n,
                    s.channels() > 1 ? " x " + s.channels() + " channels" : "", s.angles(), secs, out);
            if (png != null) {
                writePng(slices, g, s.channels());
                log.println("central slices: " + png.resolve("slice_xy.png") + ", slice_xz.png, slice_yz.png");
            }
            return 0;
        }

        private static Sinograms sliceOf(Sinograms s, int z) {
            Sinograms one = new Sinograms(1, s.angles(), s.bins(), s.channels());
            System.arraycopy(s.slice(z), 0, one.slice(0), 0, s.slice(z).length);
            return one;
        }

        private void writeVolume(float[][] slices, ParallelGeometry g, TomoIo.Stack s, Reconstructor.Method m,
                                 FbpFilter f, int it) throws IOException {
            int n = g.size();
            int nc = s.channels();
            List<float[]> images = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                for (float[] sl : slices) {
                    float[] im = new float[n * n];
                    for (int p = 0; p < im.length; p++) {
                        im[p] = sl[p * nc + c];
                    }
                    images.add(im);
                }
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("units", "1/pixel");
            attrs.put("long_name", "reconstructed value per pixel (input line integral per pixel length)");
            attrs.put("axes", nc > 1 ? "channel,z,y,x" : "z,y,x");
            attrs.put("method", m.name().toLowerCase(Locale.ROOT));
            if (m == Reconstructor.Method.FBP) {
                attrs.put("filter", f.id());
            } else {
                attrs.put("iterations", it);
                attrs.put("nonnegative", nonneg ? 1 : 0);
            }
            attrs.put("source", s.where());
            Map<String, Object> extra = new LinkedHashMap<>();
            double[] deg = g.anglesRad();
            for (int i = 0; i < deg.length; i++) {
                deg[i] = Math.toDegrees(deg[i]);
            }
            extra.put("angles_deg", deg);
            extra.put("centre_px", new double[] {g.centre()});
            if (nc > 1) {
                float[][][][] cube = new float[nc][slices.length][n][n];
                for (int c = 0; c < nc; c++) {
                    for (int z = 0; z < slices.length; z++) {
                        float[] im = images.get(c * slices.length + z);
                        for (int r = 0; r < n; r++) {
                            System.arraycopy(im, r * n, cube[c][z][r], 0, n);
                        }
                    }
                }
                TomoIo.writeHdf5(out, "volume", cube, attrs, extra);
            } else {
                TomoIo.writeImages(out, "volume", images, n, n, attrs, extra);
            }
        }

        private void writePng(float[][] slices, ParallelGeometry g, int nc) throws IOException {
            int n = g.size();
            float[][] first = new float[slices.length][];
            for (int z = 0; z < slices.length; z++) {
                float[] im = new float[n * n];
                for (int p = 0; p < im.length; p++) {
                    im[p] = slices[z][p * nc];
                }
                first[z] = im;
            }
            Volume v = Reconstructor.toVolume(first, g, 1.0, "value", Unit.DIMENSIONLESS);
            Files.createDirectories(png);
            for (VolumeTools.Plane p : VolumeTools.Plane.values()) {
                Map2D map = VolumeTools.centralSlice(v, p);
                String name = p.name().toLowerCase(Locale.ROOT);
                MapFigure.of(map).title(out.getFileName() + ": central " + name + " slice" + (nc > 1 ? " (channel 0)" : ""))
                        .valueLabel("value per pixel (1/px)", Unit.DIMENSIONLESS).pixelSize(1, 1, Unit.PIXEL)
                        .percentiles(0.5, 99.5).writePng(png.resolve("slice_" + name + ".png"));
            }
        }
    }

    @Command(name = "center", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Estimate the rotation axis position (detector pixels) from the projections (all rows and channels summed).",
                    "auto: mirror matching of projections 180 degrees apart when the scan has such pairs, else the "
                            + "centre-of-mass sinusoid fit (any angular range; the object must stay in the field of view, background 0)."})
    static final class Center implements Callable<Integer> {
        @Mixin
        Input in = new Input();

        @Option(names = "--method", paramLabel = "auto|com|mirror", description = "Estimator (default: ${DEFAULT-VALUE}).")
        String method = "auto";

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TomoIo.Stack s = in.read();
            double[] ang = in.angles(s.angles());
            Sinograms.ofChannels(s.data(), s.rows(), s.bins()).requireFinite(s.where());
            ParallelGeometry g = ParallelGeometry.ofDegrees(ang, s.bins());
            float[] sino = summedSinogram(s);
            double c;
            String used;
            switch (method.toLowerCase(Locale.ROOT)) {
                case "com" -> {
                    c = CentreFinder.centreOfMass(sino, g);
                    used = "centre-of-mass sinusoid";
                }
                case "mirror" -> {
                    c = CentreFinder.mirror(sino, g);
                    InvalidInputException.require(Double.isFinite(c), "--method mirror: " + in.input
                            + " has no projections 180 degrees apart; use --method com");
                    used = "mirrored opposite projections";
                }
                case "auto" -> {
                    double mir = CentreFinder.mirror(sino, g);
                    used = Double.isFinite(mir) ? "mirrored opposite projections" : "centre-of-mass sinusoid";
                    c = CentreFinder.estimate(sino, g);
                }
                default -> throw new InvalidInputException("--method '" + method + "': expected auto, com or mirror");
            }
            InvalidInputException.require(Double.isFinite(c) && c >= 0 && c <= s.bins() - 1,
                    "centre of rotation estimate " + c + " lies outside the detector [0, " + (s.bins() - 1) + "] px");
            spec.commandLine().getOut().printf(Locale.ROOT, "centre of rotation: %.3f px (%s; detector %d bins, %d projections)%n",
                    c, used, s.bins(), s.angles());
            return 0;
        }
    }

    @Command(name = "align", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Align projections with unknown shifts: centre-of-mass/cross-correlation, then iterative "
                    + "re-projection alignment (SIRT reconstruction, re-projection, cross-correlation).",
                    "Writes the shift-corrected projections (.h5 dataset /data with /shift_x_px, /shift_y_px, or .tif) and "
                            + "a CSV of the shifts (OUT.shifts.csv: angle (deg), dx (px), dy (px))."})
    static final class Align implements Callable<Integer> {
        @Mixin
        Input in = new Input();

        @Option(names = "--center", paramLabel = "auto|VALUE", description = "Rotation axis position held fixed (default: auto).")
        String center = "auto";

        @Option(names = "--iterations", paramLabel = "N", description = "Re-projection iterations (default: ${DEFAULT-VALUE}).")
        int iterations = 10;

        @Option(names = "--sirt-iterations", paramLabel = "N", description = "SIRT iterations per reconstruction (default: ${DEFAULT-VALUE}).")
        int sirtIterations = 30;

        @Option(names = "--max-shift", paramLabel = "PX", description = "Largest shift searched in pixels (default: ${DEFAULT-VALUE}).")
        double maxShift = 20;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Aligned projections (.h5 or .tif).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter log = spec.commandLine().getOut();
            TomoIo.requireOutput(out, "-o");
            TomoIo.Stack s = in.read();
            InvalidInputException.require(s.channels() == 1, in.input + ": align takes one channel ([angles, rows, bins]), got "
                    + s.channels());
            double[] ang = in.angles(s.angles());
            Sinograms.ofChannels(s.data(), s.rows(), s.bins()).requireFinite(s.where());
            ParallelGeometry g0 = ParallelGeometry.ofDegrees(ang, s.bins());
            ParallelGeometry g = g0.withCentre(centre(center, s, g0, log));
            ProjectionAligner.Result r = ProjectionAligner.align(s.data()[0], s.rows(), s.bins(), g,
                    new ProjectionAligner.Options(iterations, sirtIterations, maxShift, 0.02), new CliProgress(false));
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("long_name", "shift-corrected projections [angles, rows, bins]");
            attrs.put("source", s.where());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("shift_x_px", r.dx());
            extra.put("shift_y_px", r.dy());
            extra.put("angles_deg", ang);
            TomoIo.writeImages(out, "data", java.util.Arrays.asList(r.aligned()), s.bins(), s.rows(), attrs, extra);
            StringBuilder csv = new StringBuilder("# shifts found by operando tomo align: measured(u, z) = ideal(u - dx, z - dy)\n"
                    + "angle_deg,dx_px,dy_px\n");
            double maxAbs = 0;
            for (int a = 0; a < ang.length; a++) {
                csv.append(String.format(Locale.ROOT, "%.6g,%.4f,%.4f%n", ang[a], r.dx()[a], r.dy()[a]));
                maxAbs = Math.max(maxAbs, Math.max(Math.abs(r.dx()[a]), Math.abs(r.dy()[a])));
            }
            Path csvPath = out.resolveSibling(out.getFileName() + ".shifts.csv");
            AtomicOutput.writeString(csvPath, csv.toString());
            log.printf(Locale.ROOT, "aligned %d projections: largest shift %.2f px, %d re-projection iteration%s (last change %.3f px) -> %s, %s%n",
                    ang.length, maxAbs, r.changes().length, r.changes().length == 1 ? "" : "s",
                    r.changes().length == 0 ? 0 : r.changes()[r.changes().length - 1], out, csvPath);
            return 0;
        }
    }
}
