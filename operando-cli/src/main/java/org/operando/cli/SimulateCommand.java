package org.operando.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.operando.sim.saxstomo.SaxsTomoTwin;
import org.operando.sim.saxstomo.SaxsTomoWriter;
import org.operando.sim.swaxs.CellGeometry;
import org.operando.sim.swaxs.DetectorSpec;
import org.operando.sim.swaxs.SwaxsConfig;
import org.operando.sim.swaxs.SwaxsSimulation;
import org.operando.sim.swaxs.SwaxsWriter;
import org.operando.util.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code operando simulate ...}: digital twins that write raw data as a beamline would, with known truth. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Digital twins: simulated raw experiment data with ground truth.",
        subcommands = {SimulateCommand.Swaxs.class, SimulateCommand.SaxsTomo.class})
public final class SimulateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code operando simulate swaxs}. */
    @Command(name = "swaxs", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Operando scanning SWAXS of a hard-carbon electrode in a quartz-capillary Na half-cell at"
                    + " 13.2 keV (the hard-carbon sodiation study): galvanostatic sodiation at 14 uA (~0.8C),"
                    + " scans pristine, op1..op7 every 10 min, post; SAXS Eiger 9M at 2 m and WAXS Pilatus 300K-W"
                    + " strip at 0.6 m with gaps, beamstop and Poisson noise.",
                "Writes OUTPUT/raw/*_master.h5 + *_data_NNNNNN.h5 (NeXus), saxs.poni, waxs.poni,"
                    + " potentiostat.mpt (EC-Lab ASCII), truth/ (maps + truth.json), simulation.json."})
    static final class Swaxs implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
                description = "Output directory (new, empty, or a previous simulation's, which is replaced).")
        Path output;

        @Option(names = "--size", defaultValue = "small", paramLabel = "SIZE",
                description = "small (40 x 20 points, binned detectors; the demo) or paper (61 x 31 points at the"
                        + " study's 25 x 15 um steps over the bore, full-size detectors). Default: ${DEFAULT-VALUE}.")
        String size;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
                description = "Noise seed: the same seeds give byte-identical files. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--sample-seed", defaultValue = "1", paramLabel = "N",
                description = "Seed of the sample's inhomogeneity and plating sites (the ground truth); --seed only"
                        + " changes the noise. Default: ${DEFAULT-VALUE}.")
        long sampleSeed;

        @Option(names = "--scans", split = ",", paramLabel = "NAME",
                description = "Only these scans (e.g. pristine,op5); default all: pristine, op1..op7, post.")
        List<String> scans;

        @Option(names = "--points", paramLabel = "NXxNY", description = "Raster points, e.g. 40x20 (overrides --size).")
        String points;

        @Option(names = "--step", paramLabel = "XxY", description = "Raster steps in um, e.g. 25x15 (beam size follows).")
        String step;

        @Option(names = "--exposure", paramLabel = "S", description = "Exposure per point in s (default 0.1).")
        Double exposure;

        @Option(names = "--flux", paramLabel = "PH_PER_S", description = "Incident flux in photons/s (default 5e10).")
        Double flux;

        @Option(names = "--electrode-width", paramLabel = "MM",
                description = "Electrode (cap) diameter in mm (default 1.45; must fit the 1.5 mm bore).")
        Double electrodeWidth;

        @Option(names = "--electrode-height", paramLabel = "MM", description = "Electrode cap height in mm (default 0.30).")
        Double electrodeHeight;

        @Option(names = "--saxs-detector", paramLabel = "MODEL",
                description = "SAXS detector model: eiger9m (default) or pilatus2m.")
        String saxsDetector;

        @Option(names = "--waxs-detector", paramLabel = "MODEL",
                description = "WAXS detector model: pilatus300kw (default).")
        String waxsDetector;

        @Option(names = "--start", paramLabel = "ISO",
                description = "Potentiostat acquisition start (UTC, e.g. 2024-03-14T08:40:00Z).")
        String start;

        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            SwaxsConfig c = SwaxsConfig.ofSize(size, seed).withSampleSeed(sampleSeed);
            if (points != null || step != null) {
                int[] n = points == null ? new int[] {c.nx(), c.ny()} : parseInts(points, "--points");
                double[] st = step == null ? new double[] {c.stepX() * 1e3, c.stepY() * 1e3} : parseDoubles(step, "--step");
                InvalidInputException.require(n[0] > 0 && n[1] > 0,
                        "--points must be positive, got " + points);
                InvalidInputException.require(st[0] > 0 && st[1] > 0, "--step must be positive, got " + step);
                double sx = st[0] * 1e-3;
                double sy = st[1] * 1e-3;
                c = c.withRaster(n[0], n[1], sx, sy, c.yTop(), sx, sy);
            }
            if (exposure != null || flux != null) {
                c = c.withExposure(exposure == null ? c.exposure() : exposure, flux == null ? c.flux() : flux);
            }
            if (electrodeWidth != null || electrodeHeight != null) {
                CellGeometry g = c.cell();
                double r = electrodeWidth == null ? g.capRadius() : electrodeWidth / 2;
                double h = electrodeHeight == null ? g.capHeight() : electrodeHeight;
                InvalidInputException.require(r > 0, "--electrode-width must be positive, got " + electrodeWidth + " mm");
                c = c.withCell(new CellGeometry(g.innerRadius(), g.wall(), Math.max(g.pinRadius(), Math.min(r,
                        g.innerRadius() * 0.999)), r, h));
            }
            if (saxsDetector != null || waxsDetector != null) {
                DetectorSpec s = c.saxs();
                DetectorSpec w = c.waxs();
                if (saxsDetector != null) {
                    requireModel(saxsDetector, "--saxs-detector", List.of("eiger9m", "pilatus2m"));
                    if (!saxsDetector.equalsIgnoreCase(s.model())) {
                        s = DetectorSpec.full(saxsDetector.toLowerCase(java.util.Locale.ROOT), "saxs", s.distance(),
                                Math.min(s.beamRow(), DetectorSpec.fullShape(saxsDetector.toLowerCase(java.util.Locale.ROOT))[0] / 2.0),
                                Math.min(s.beamCol(), DetectorSpec.fullShape(saxsDetector.toLowerCase(java.util.Locale.ROOT))[1] / 2.0),
                                s.beamstop());
                        if (c.size().equals("small")) {
                            s = s.binnedCrop(8, 0, 0, s.cropRows() / 8 * 8, s.cropCols() / 8 * 8);
                        }
                    }
                }
                if (waxsDetector != null) {
                    requireModel(waxsDetector, "--waxs-detector", List.of("pilatus300kw"));
                }
                c = c.withDetectors(s, w);
            }
            if (start != null) {
                try {
                    c = c.withStart(Instant.parse(start));
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("--start '" + start + "': expected an ISO-8601 UTC time such as"
                            + " 2024-03-14T08:40:00Z", e);
                }
            }
            SwaxsWriter.checkOutput(output);
            SwaxsSimulation sim = new SwaxsSimulation(c);
            SwaxsWriter w = new SwaxsWriter(sim);
            long t0 = System.nanoTime();
            w.write(output, scans, new CliProgress(quiet));
            double s = (System.nanoTime() - t0) * 1e-9;
            int nScans = scans == null ? c.scans().size() : scans.size();
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "simulated %d scans x %d points (%s, seed %d) into %s in %.1f s%n",
                    nScans, c.points(), c.size(), c.seed(), output, s);
            return 0;
        }

        private static void requireModel(String model, String option, List<String> allowed) {
            InvalidInputException.require(allowed.contains(model.toLowerCase(java.util.Locale.ROOT)),
                    option + ": unknown detector '" + model + "', expected one of " + allowed);
        }

        private static int[] parseInts(String s, String option) {
            double[] d = parseDoubles(s, option);
            InvalidInputException.require(d[0] == Math.rint(d[0]) && d[1] == Math.rint(d[1]),
                    option + " '" + s + "': expected whole numbers like 40x20");
            return new int[] {(int) d[0], (int) d[1]};
        }

        private static double[] parseDoubles(String s, String option) {
            String[] parts = s.toLowerCase(java.util.Locale.ROOT).split("x");
            InvalidInputException.require(parts.length == 2, option + " '" + s + "': expected two numbers like 40x20");
            try {
                return Arrays.stream(parts).mapToDouble(p -> Double.parseDouble(p.trim())).toArray();
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + " '" + s + "': expected two numbers like 40x20", e);
            }
        }
    }

    /** {@code operando simulate saxstomo}. */
    @Command(name = "saxstomo", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Ex-situ scanning SAXS tomography of three hard-carbon electrodes (pristine, low and high"
                    + " sodiation; spherical caps) at 13.2 keV: 72 projections over 0-180 deg, per projection a raster"
                    + " of translations x heights, a small SAXS detector frame (binned Eiger 9M crop, 32 x 32 pixels,"
                    + " Poisson noise) and the diode per point.",
                "Writes OUTPUT/{pristine,low,high}/raw/projNNN_master.h5 + projNNN_saxs_data_000001.h5 (NeXus,"
                    + " rotation angle in /entry/sample/rotation_angle), saxs.poni, truth/truth.h5 (electrode mask,"
                    + " filling, micropore-region intensity, voxel curves) and OUTPUT/simulation.json."})
    static final class SaxsTomo implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
                description = "Output directory (new, empty, or a previous simulation's, which is replaced).")
        Path output;

        @Option(names = "--size", defaultValue = "small", paramLabel = "SIZE",
                description = "small (24 translations x 6 rows x 72 projections at 40 um; ~31,000 frames) or paper"
                        + " (100 x 40 x 72 at 25 um; 864,000 frames). Default: ${DEFAULT-VALUE}.")
        String size;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
                description = "Noise seed: the same seeds give the same counts. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--sample-seed", defaultValue = "1", paramLabel = "N",
                description = "Seed of the micropore-filling fields (the ground truth). Default: ${DEFAULT-VALUE}.")
        long sampleSeed;

        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            SaxsTomoTwin.Config c = SaxsTomoTwin.Config.ofSize(size, seed).withSeeds(seed, sampleSeed);
            SaxsTomoWriter.checkOutput(output);
            long t0 = System.nanoTime();
            new SaxsTomoWriter(new SaxsTomoTwin(c)).write(output, new CliProgress(quiet));
            double s = (System.nanoTime() - t0) * 1e-9;
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "simulated 3 electrodes x %d projections x %d points (%s, seed %d)"
                    + " into %s in %.1f s%n", c.projections(), c.points(), c.size(), c.seed(), output, s);
            return 0;
        }
    }
}
