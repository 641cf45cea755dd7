package org.operando.cli.integrate;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.operando.cli.CliProgress;
import org.operando.data.Axis;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.data.Mask;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.geometry.RadialUnit;
import org.operando.integrate.IntegrationOptions;
import org.operando.integrate.Integrator;
import org.operando.integrate.Split;
import org.operando.integrate.StackIntegration;
import org.operando.io.AtomicOutput;
import org.operando.io.poni.PoniFile;
import org.operando.util.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code operando integrate}: azimuthal integration of detector frames to I(q) curves or I(q, χ) cakes. */
@Command(name = "integrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Azimuthal integration of 2D detector frames (pyFAI-compatible geometry and results).",
            "INPUT is file.h5::/path/to/dataset (frames along the first axis), an HDF5/NeXus file (its NeXus default"
                + " signal, its one frame stack, or the one at /entry/data/data or"
                + " /entry/instrument/{detector,pilatus,eiger}/data), a TIFF/EDF/CBF file or a series such as"
                + " 'scan/img_*.cbf'. OUT ending in .csv gets a"
                + " table with a header row (frame,q_A^-1,I,sigma; chi_deg first for a cake), .xy/.dat one block per"
                + " frame with a '# q_A^-1 I sigma' header; .h5 gets NeXus (NXdata I[frame, bin] or I[frame, chi, bin],"
                + " I_errors, the radial axis with units, geometry and options as attributes).",
            "Masked: the --mask pixels (non-zero), the detector's module gaps, and per frame negative (gap/dead),"
                + " NaN and overflow (2^32-1) pixels. I = sum(c*(raw-dark)) / sum(c*flat*solidangle*polarization)"
                + " / normalization; sigma from Poisson variance max(raw, 1)."})
public final class IntegrateCommand implements Callable<Integer> {
    @Option(names = "--poni", required = true, paramLabel = "G.poni", description = "Geometry (pyFAI PONI file, version 1 or 2).")
    Path poni;

    @Option(names = "--detector", paramLabel = "NAME",
            description = "Detector (e.g. Pilatus2M, PilatusCdTe2M, Eiger1M, Eiger2CdTe_4M); default: the one in the PONI file.")
    String detector;

    @Option(names = "--mask", paramLabel = "M", description = "Mask image file.h5::/path (non-zero = masked), added to the detector gaps.")
    String mask;

    @Option(names = "--dark", paramLabel = "D", description = "Dark image file.h5::/path (mean of its frames), subtracted.")
    String dark;

    @Option(names = "--flat", paramLabel = "F", description = "Flat-field image file.h5::/path (mean of its frames), divided.")
    String flat;

    @Option(names = "--bins", required = true, paramLabel = "N", description = "Number of radial bins.")
    int bins;

    @Option(names = "--unit", paramLabel = "UNIT", defaultValue = "q_A^-1",
            description = "Radial unit: q_A^-1, q_nm^-1, 2th_deg or r_mm (default: ${DEFAULT-VALUE}).")
    String unit;

    @Option(names = "--split", paramLabel = "MODE", defaultValue = "bbox",
            description = "Pixel splitting: none, bbox or full (default: ${DEFAULT-VALUE}, as pyFAI's csr).")
    String split;

    @Option(names = "--polarization", paramLabel = "P",
            description = "Polarization factor in [-1, 1] (0.99 is typical at a synchrotron); default: no correction.")
    Double polarization;

    @Option(names = "--no-solid-angle", description = "Do not correct for the pixel solid angle (default: corrected, as pyFAI).")
    boolean noSolidAngle;

    @Option(names = "--azimuth-range", paramLabel = "A,B", description = "Azimuth range in degrees (chi, pyFAI convention).")
    String azimuthRange;

    @Option(names = "--radial-range", paramLabel = "A,B", description = "Radial range in --unit.")
    String radialRange;

    @Option(names = "--normalize", paramLabel = "DATASET|VALUE",
            description = "Divide each frame by a value (I0, diode, transmission, exposure): a positive number, or"
                    + " file.h5::/path with one value per frame (all inputs in order) or a single value.")
    String normalize;

    @Option(names = "--cake", paramLabel = "NCHI", description = "Make a 2D cake I(radial, chi) with NCHI azimuthal bins.")
    Integer cake;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output .csv, .xy, .dat or .h5 file.")
    Path output;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Frames: file.h5::/path/to/dataset, file.h5, TIFF, EDF, CBF or 'dir/img_*.cbf'.")
    List<String> inputs;

    @Override
    public Integer call() throws Exception {
        String outName = output.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean h5 = outName.endsWith(".h5") || outName.endsWith(".nxs") || outName.endsWith(".hdf5");
        boolean text = outName.endsWith(".csv") || outName.endsWith(".xy") || outName.endsWith(".dat");
        InvalidInputException.require(h5 || text, "-o " + output + ": expected a name ending in .csv, .xy, .dat or .h5");
        InvalidInputException.require(bins > 0, "--bins must be > 0, got " + bins);
        InvalidInputException.require(cake == null || cake > 0, "--cake must be > 0, got " + cake);
        RadialUnit ru = RadialUnit.parse(unit, "--unit");
        Split sp = Split.parse(split, "--split");
        double[] rr = parseRange(radialRange, "--radial-range");
        double[] ar = parseRange(azimuthRange, "--azimuth-range");

        List<FrameSource> sources = new ArrayList<>();
        try {
            for (String in : inputs) {
                sources.add(FrameInputs.open(in, "INPUT"));
            }
            FrameSource first = sources.get(0);
            for (int k = 1; k < sources.size(); k++) {
                FrameSource s = sources.get(k);
                if (s.width() != first.width() || s.height() != first.height()) {
                    throw new InvalidInputException("INPUT " + inputs.get(k) + " has " + s.height() + " × " + s.width()
                            + " pixels but " + inputs.get(0) + " has " + first.height() + " × " + first.width());
                }
            }
            int totalFrames = 0;
            for (FrameSource s : sources) {
                totalFrames += s.frameCount();
            }
            Geometry g = PoniFile.read(poni, new int[] {first.height(), first.width()});
            if (detector != null) {
                Detector d = Detector.named(detector);
                g = g.withDetector(d);
            }
            if (g.detector().isGeneric() && g.detector().rows() == 1 && g.detector().cols() == 1) {
                g = g.withDetector(g.detector().withShape(first.height(), first.width()));
            }
            if (first.width() != g.detector().cols() || first.height() != g.detector().rows()) {
                throw new InvalidInputException("INPUT " + inputs.get(0) + " has " + first.height() + " × " + first.width()
                        + " pixels but detector " + g.detector().name() + (detector != null ? " (--detector)" : " (from " + poni + ")")
                        + " has " + g.detector().rows() + " × " + g.detector().cols());
            }
            if (ru.needsWavelength() && !g.hasWavelength()) {
                throw new InvalidInputException("--poni " + poni + ": has no Wavelength, which unit " + ru.pyfaiName()
                        + " needs; add it or use --unit 2th_deg / r_mm");
            }
            Mask m = g.detector().gapMask();
            if (mask != null) {
                Frame mf = FrameInputs.meanImage(mask, "--mask");
                requireShape(mf, g, "--mask " + mask);
                boolean[] mm = new boolean[mf.size()];
                for (int i = 0; i < mm.length; i++) {
                    mm[i] = mf.get(i) != 0f;
                }
                m = m.or(new Mask(mf.width(), mf.height(), mm));
            }
            float[] darkData = null;
            if (dark != null) {
                Frame df = FrameInputs.meanImage(dark, "--dark");
                requireShape(df, g, "--dark " + dark);
                darkData = df.data();
            }
            float[] flatData = null;
            if (flat != null) {
                Frame ff = FrameInputs.meanImage(flat, "--flat");
                requireShape(ff, g, "--flat " + flat);
                flatData = ff.data();
            }
            double[] norms = normalizations(totalFrames);
            IntegrationOptions opt = new IntegrationOptions(ru, bins, cake == null ? 0 : cake, sp, rr, ar, m,
                    !noSolidAngle, polarization, flatData, darkData);
            CliProgress progress = new CliProgress(quiet);
            Integrator integ = Integrator.build(g, opt);
            Geometry geom = g;
            progress.start("integrate", totalFrames);
            try {
                if (text) {
                    writeText(integ, geom, sources, norms, progress, outName.endsWith(".csv"));
                } else {
                    writeNexus(integ, geom, sources, norms, progress, totalFrames);
                }
            } finally {
                progress.finish();
            }
            System.err.printf(Locale.ROOT, "operando integrate: %d frame(s) -> %s%n", totalFrames, output);
            return 0;
        } finally {
            for (FrameSource s : sources) {
                s.close();
            }
        }
    }

    private static void requireShape(Frame f, Geometry g, String what) {
        if (f.width() != g.detector().cols() || f.height() != g.detector().rows()) {
            throw new InvalidInputException(what + " has " + f.height() + " × " + f.width() + " pixels but the frames/detector "
                    + g.detector().name() + " have " + g.detector().rows() + " × " + g.detector().cols());
        }
    }

    private double[] normalizations(int totalFrames) {
        double[] out = new double[totalFrames];
        if (normalize == null) {
            java.util.Arrays.fill(out, 1.0);
            return out;
        }
        double[] v;
        try {
            v = new double[] {Double.parseDouble(normalize)};
        } catch (NumberFormatException e) {
            v = FrameInputs.values(normalize, "--normalize");
        }
        if (v.length != 1 && v.length != totalFrames) {
            throw new InvalidInputException("--normalize " + normalize + ": has " + v.length + " values, expected 1 or "
                    + totalFrames + " (one per frame)");
        }
        for (int i = 0; i < totalFrames; i++) {
            double x = v.length == 1 ? v[0] : v[i];
            if (!(x > 0) || !Double.isFinite(x)) {
                throw new InvalidInputException("--normalize " + normalize + ": value " + x + " for frame " + i
                        + " is not a positive number");
            }
            out[i] = x;
        }
        return out;
    }

    static double[] parseRange(String s, String option) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split(",");
        if (parts.length != 2) {
            throw new InvalidInputException(option + " '" + s + "': expected A,B");
        }
        double a;
        double b;
        try {
            a = Double.parseDouble(parts[0].trim());
            b = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " '" + s + "': expected two numbers A,B");
        }
        if (!(a < b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new InvalidInputException(option + " '" + s + "': expected A < B (inverted or empty range)");
        }
        return new double[] {a, b};
    }

    private String describe(Geometry g) {
        return String.format(Locale.ROOT, "detector=%s dist_m=%s poni1_m=%s poni2_m=%s rot1_rad=%s rot2_rad=%s rot3_rad=%s"
                        + " wavelength_m=%s", g.detector().name(), g.dist(), g.poni1(), g.poni2(), g.rot1(), g.rot2(),
                g.rot3(), g.hasWavelength() ? Double.toString(g.wavelength()) : "none");
    }

    private String describeOptions(Integrator integ) {
        IntegrationOptions o = integ.options();
        return String.format(Locale.ROOT, "unit=%s bins=%d%s split=%s solid_angle=%s polarization=%s radial_range=%s"
                        + " azimuth_range_deg=%s dark=%s flat=%s mask=%s normalize=%s", o.unit().pyfaiName(), o.radialBins(),
                o.isCake() ? " chi_bins=" + o.chiBins() : "", o.split().pyfaiName(), o.solidAngle(),
                o.polarization() == null ? "none" : o.polarization().toString(), radialRange == null ? "auto" : radialRange,
                azimuthRange == null ? "all" : azimuthRange, dark == null ? "none" : dark, flat == null ? "none" : flat,
                mask == null ? "detector gaps" : mask + " + detector gaps", normalize == null ? "1" : normalize);
    }

    private void writeText(Integrator integ, Geometry g, List<FrameSource> sources, double[] norms, CliProgress progress,
                           boolean csv) throws IOException {
        RadialUnit ru = integ.options().unit();
        Axis radial = integ.radialAxis();
        Axis chi = integ.chiAxis();
        String sep = csv ? "," : " ";
        AtomicOutput.writeStream(output, os -> {
            PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8), false);
            w.println("# operando integrate");
            w.println("# poni: " + poni);
            w.println("# geometry: " + describe(g));
            w.println("# options: " + describeOptions(integ));
            w.println("# inputs: " + String.join(" ", inputs));
            w.println("# units: " + ru.quantity() + " in " + ru.unit().nexus() + (chi != null ? ", chi in deg" : "")
                    + "; I and sigma in counts per unit relative solid angle (divided by the normalization value)");
            String cols = (chi != null ? "chi_deg" + sep : "") + ru.pyfaiName() + sep + "I" + sep + "sigma";
            if (csv) {
                w.println("frame," + cols);
            }
            int offset = 0;
            for (int si = 0; si < sources.size(); si++) {
                FrameSource src = sources.get(si);
                int off = offset;
                StackIntegration.run(integ, src, off, progress, (k, sums) -> {
                    double[][] ie = integ.intensity(sums, norms[k]);
                    if (!csv) {
                        w.println("# frame " + k + ": " + src.description() + " [" + (k - off) + "], normalization " + norms[k]);
                        w.println("# " + cols);
                    }
                    int nr = radial.size();
                    int nc = chi == null ? 1 : chi.size();
                    StringBuilder sb = new StringBuilder(64);
                    for (int c = 0; c < nc; c++) {
                        for (int r = 0; r < nr; r++) {
                            int b = r * nc + c;
                            sb.setLength(0);
                            if (csv) {
                                sb.append(k).append(sep);
                            }
                            if (chi != null) {
                                sb.append(fmt(chi.get(c))).append(sep);
                            }
                            sb.append(fmt(radial.get(r))).append(sep).append(fmt(ie[0][b])).append(sep).append(fmt(ie[1][b]));
                            w.println(sb);
                        }
                    }
                    if (!csv) {
                        w.println();
                    }
                });
                offset += src.frameCount();
            }
            w.flush();
            if (w.checkError()) {
                throw new IOException(output + ": write failed");
            }
        });
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.8g", v);
    }

    private void writeNexus(Integrator integ, Geometry g, List<FrameSource> sources, double[] norms, CliProgress progress,
                            int totalFrames) throws IOException {
        Axis radial = integ.radialAxis();
        Axis chi = integ.chiAxis();
        int nr = radial.size();
        int nc = chi == null ? 1 : chi.size();
        float[][] iAll = new float[totalFrames][];
        float[][] sAll = new float[totalFrames][];
        int offset = 0;
        for (FrameSource src : sources) {
            StackIntegration.run(integ, src, offset, progress, (k, sums) -> {
                double[][] ie = integ.intensity(sums, norms[k]);
                float[] iv = new float[nr * nc];
                float[] sv = new float[nr * nc];
                for (int r = 0; r < nr; r++) {
                    for (int c = 0; c < nc; c++) {
                        // χ-major [chi][radial] for cakes
                        iv[c * nr + r] = (float) ie[0][r * nc + c];
                        sv[c * nr + r] = (float) ie[1][r * nc + c];
                    }
                }
                iAll[k] = iv;
                sAll[k] = sv;
            });
            offset += src.frameCount();
        }
        RadialUnit ru = integ.options().unit();
        String radialName = ru.quantity().equals("2theta") ? "two_theta" : ru.quantity();
        AtomicOutput.write(output, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                WritableGroup entry = f.putGroup("entry");
                entry.putAttribute("NX_class", "NXentry");
                entry.putAttribute("default", "integrated");
                WritableGroup data = entry.putGroup("integrated");
                data.putAttribute("NX_class", "NXdata");
                data.putAttribute("signal", "I");
                if (chi == null) {
                    data.putAttribute("axes", new String[] {"frame", radialName});
                    data.putDataset("I", iAll).putAttribute("units", "a.u.");
                    data.putDataset("I_errors", sAll).putAttribute("units", "a.u.");
                } else {
                    float[][][] i3 = new float[totalFrames][nc][nr];
                    float[][][] s3 = new float[totalFrames][nc][nr];
                    for (int k = 0; k < totalFrames; k++) {
                        for (int c = 0; c < nc; c++) {
                            System.arraycopy(iAll[k], c * nr, i3[k][c], 0, nr);
                            System.arraycopy(sAll[k], c * nr, s3[k][c], 0, nr);
                        }
                    }
                    data.putAttribute("axes", new String[] {"frame", "chi", radialName});
                    data.putDataset("I", i3).putAttribute("units", "a.u.");
                    data.putDataset("I_errors", s3).putAttribute("units", "a.u.");
                    data.putDataset("chi", chi.values()).putAttribute("units", "deg");
                }
                int[] frames = new int[totalFrames];
                for (int k = 0; k < totalFrames; k++) {
                    frames[k] = k;
                }
                data.putDataset("frame", frames);
                data.putDataset(radialName, radial.values()).putAttribute("units", ru.unit().nexus());
                data.putDataset("normalization", norms);
                data.putAttribute("radial_unit", ru.pyfaiName());
                data.putAttribute("geometry", describe(g));
                data.putAttribute("options", describeOptions(integ));
                data.putAttribute("inputs", String.join(" ", inputs));
                WritableGroup geo = entry.putGroup("geometry");
                geo.putAttribute("NX_class", "NXcollection");
                geo.putDataset("distance", g.dist()).putAttribute("units", "m");
                geo.putDataset("poni1", g.poni1()).putAttribute("units", "m");
                geo.putDataset("poni2", g.poni2()).putAttribute("units", "m");
                geo.putDataset("rot1", g.rot1()).putAttribute("units", "rad");
                geo.putDataset("rot2", g.rot2()).putAttribute("units", "rad");
                geo.putDataset("rot3", g.rot3()).putAttribute("units", "rad");
                if (g.hasWavelength()) {
                    geo.putDataset("wavelength", g.wavelength()).putAttribute("units", "m");
                }
                geo.putDataset("pixel1", g.detector().pixel1()).putAttribute("units", "m");
                geo.putDataset("pixel2", g.detector().pixel2()).putAttribute("units", "m");
                geo.putAttribute("detector", g.detector().name());
                geo.putAttribute("poni", PoniFile.format(g));
            }
        });
    }

}
