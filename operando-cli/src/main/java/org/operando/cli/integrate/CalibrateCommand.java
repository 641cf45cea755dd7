package org.operando.cli.integrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.operando.cli.CliProgress;
import org.operando.data.Frame;
import org.operando.data.Mask;
import org.operando.geometry.Detector;
import org.operando.geometry.Geometry;
import org.operando.integrate.Calibrant;
import org.operando.integrate.Calibration;
import org.operando.io.poni.PoniFile;
import org.operando.util.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code operando calibrate}: refine the geometry from one calibrant image. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Refine the detector geometry (distance, poni1, poni2, rot1, rot2[, rot3]) from one calibrant image:"
                + " beam-centre search, ring picking, assignment to the calibrant's d-spacings, least squares.",
            "Writes a PONI file (pyFAI version 2) and prints the refined parameters and residuals.",
            "IMAGE is file.h5::/path/to/dataset (the mean of its frames is used)."})
public final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--calibrant", required = true, paramLabel = "NAME|FILE",
            description = "AgBh, LaB6, CeO2, Si, or a file with one d-spacing (Å) per line.")
    String calibrant;

    @Option(names = "--energy", required = true, paramLabel = "KEV", description = "Photon energy in keV.")
    double energy;

    @Option(names = "--detector", required = true, paramLabel = "NAME", description = "Detector, e.g. Pilatus2M, Eiger1M.")
    String detector;

    @Option(names = "--distance-guess", required = true, paramLabel = "M", description = "Rough sample-detector distance in m.")
    double distanceGuess;

    @Option(names = "--mask", paramLabel = "M", description = "Mask image file.h5::/path (non-zero = masked), added to the detector gaps.")
    String mask;

    @Option(names = "--refine-rot3", description = "Also refine rot3 (usually left at 0, as pyFAI does).")
    boolean refineRot3;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "geometry.poni", description = "Output PONI file.")
    Path output;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Calibrant image: file.h5::/path.")
    String image;

    @Override
    public Integer call() throws IOException {
        InvalidInputException.require(energy > 0 && Double.isFinite(energy), "--energy must be a positive number of keV, got " + energy);
        InvalidInputException.require(distanceGuess > 0 && Double.isFinite(distanceGuess),
                "--distance-guess must be a positive number of metres, got " + distanceGuess);
        Calibrant cal = loadCalibrant(calibrant);
        Detector det = Detector.named(detector);
        Frame img = FrameInputs.meanImage(image, "IMAGE");
        if (img.width() != det.cols() || img.height() != det.rows()) {
            throw new InvalidInputException("IMAGE " + image + " has " + img.height() + " × " + img.width()
                    + " pixels but --detector " + det.name() + " has " + det.rows() + " × " + det.cols());
        }
        Mask m = null;
        if (mask != null) {
            Frame mf = FrameInputs.meanImage(mask, "--mask");
            if (mf.width() != det.cols() || mf.height() != det.rows()) {
                throw new InvalidInputException("--mask " + mask + " has " + mf.height() + " × " + mf.width()
                        + " pixels but --detector " + det.name() + " has " + det.rows() + " × " + det.cols());
            }
            boolean[] mm = new boolean[mf.size()];
            for (int i = 0; i < mm.length; i++) {
                mm[i] = mf.get(i) != 0f;
            }
            m = new Mask(mf.width(), mf.height(), mm);
        }
        double lambda = Geometry.wavelengthFromEnergyKeV(energy);
        CliProgress progress = new CliProgress(quiet);
        Calibration.Result r = Calibration.calibrate(img, m, det, lambda, cal, distanceGuess, refineRot3, progress);
        Geometry g = r.geometry();
        PoniFile.write(output, g);
        double[] bc = g.beamCentrePixels();
        double[] s = r.sigma();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "calibrant %s, λ = %.6f Å (%.4f keV), detector %s%n", cal.name(), lambda * 1e10,
                energy, det.name()));
        sb.append(String.format(Locale.ROOT, "distance  %.6f m   ± %.1e%n", g.dist(), s[0]));
        sb.append(String.format(Locale.ROOT, "poni1     %.6f m   ± %.1e%n", g.poni1(), s[1]));
        sb.append(String.format(Locale.ROOT, "poni2     %.6f m   ± %.1e%n", g.poni2(), s[2]));
        sb.append(String.format(Locale.ROOT, "rot1      %.6f rad ± %.1e (%.4f°)%n", g.rot1(), s[3], Math.toDegrees(g.rot1())));
        sb.append(String.format(Locale.ROOT, "rot2      %.6f rad ± %.1e (%.4f°)%n", g.rot2(), s[4], Math.toDegrees(g.rot2())));
        sb.append(String.format(Locale.ROOT, "rot3      %.6f rad%s%n", g.rot3(), s.length > 5 ? String.format(Locale.ROOT, " ± %.1e", s[5]) : " (fixed)"));
        sb.append(String.format(Locale.ROOT, "beam centre: row %.3f px, column %.3f px%n", bc[0], bc[1]));
        sb.append(String.format(Locale.ROOT, "residuals: %d points on %d rings, RMS 2θ %.2e° (%.3f px)%n", r.points().size(),
                r.ringsUsed(), r.rmsTthDeg(), r.rmsPixels()));
        for (int k = 0; k < r.pointsPerRing().length; k++) {
            if (r.pointsPerRing()[k] > 0) {
                sb.append(String.format(Locale.ROOT, "  ring %2d  2θ = %8.4f°  d = %.5f Å  %5d points%n", k,
                        r.ringTthDeg()[k], lambda * 1e10 / (2 * Math.sin(Math.toRadians(r.ringTthDeg()[k]) / 2)),
                        r.pointsPerRing()[k]));
            }
        }
        sb.append("wrote ").append(output).append('\n');
        System.out.print(sb);
        return 0;
    }

    static Calibrant loadCalibrant(String spec) throws IOException {
        for (String n : Calibrant.NAMES) {
            if (n.equalsIgnoreCase(spec)) {
                return Calibrant.named(n);
            }
        }
        Path p = Path.of(spec);
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException("--calibrant " + spec + ": neither " + String.join(", ", Calibrant.NAMES)
                    + " nor an existing file of d-spacings");
        }
        try (InputStream in = Files.newInputStream(p)) {
            return new Calibrant(p.getFileName().toString(), Calibrant.parse(in, "--calibrant " + spec));
        }
    }
}
