package org.operando.swaxs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.CurveSet;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.fit.PowerLaw;
import org.operando.segment.Masks;
import org.operando.segment.Otsu;
import org.operando.stats.Stats;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import org.operando.util.ProgressListener;

/**
 * The scanning SWAXS imaging analysis of the hard-carbon sodiation study, from integrated curves to maps, time
 * series and plating: transmission correction, masks (collector: transmission &lt; 0.1; electrode: Otsu on the
 * 0.12–0.3 Å⁻¹ intensity of the pristine scan), background subtraction from an electrolyte-only region above the
 * electrode, q-region maps, relative difference maps (eq. 5), the WAXS model (eq. 4), the low-q power law (eq. 2)
 * and detection of metallic sodium plating.
 */
public final class SwaxsAnalysis {
    private final SwaxsOptions options;

    public SwaxsAnalysis(SwaxsOptions options) {
        this.options = options;
    }

    /** Analyses the scans; the first is the pristine reference. */
    public SwaxsResult run(List<SwaxsScan> scans, ProgressListener progress) {
        if (scans.isEmpty()) {
            throw new InvalidInputException("no scans to analyse");
        }
        SwaxsScan ref = scans.get(0);
        for (SwaxsScan s : scans) {
            if (s.nx() != ref.nx() || s.ny() != ref.ny()) {
                throw new InvalidInputException("scan " + s.name() + " has a " + s.ny() + "x" + s.nx() + " raster, the pristine scan "
                        + ref.name() + " " + ref.ny() + "x" + ref.nx() + ": every scan must use the same raster");
            }
            if (s.transmission() == null) {
                throw new InvalidInputException("scan " + s.name() + " has no diode/transmission values: needed for "
                        + "the transmission correction");
            }
            if (!s.saxs().axis().equals(ref.saxs().axis())) {
                throw new InvalidInputException("scan " + s.name() + " has a different SAXS q axis than the pristine scan "
                        + "(another detector or geometry)");
            }
            if ((s.waxs() == null) != (ref.waxs() == null)
                    || (s.waxs() != null && !s.waxs().axis().equals(ref.waxs().axis()))) {
                throw new InvalidInputException("scan " + s.name() + " has different WAXS data than the pristine scan");
            }
        }
        int nx = ref.nx();
        int ny = ref.ny();
        int n = nx * ny;
        progress.start("SWAXS analysis", scans.size() + 1L);

        // 1. transmission correction
        List<CurveSet> saxs = new ArrayList<>();
        List<CurveSet> waxs = new ArrayList<>();
        for (SwaxsScan s : scans) {
            saxs.add(divideByTransmission(s.saxs(), s.transmission()));
            waxs.add(s.waxs() == null ? null : divideByTransmission(s.waxs(), s.transmission()));
        }
        // 2. masks from the pristine scan
        boolean[] collector = new boolean[n];
        if (!Double.isNaN(options.collectorTransmission())) {
            for (int i = 0; i < n; i++) {
                collector[i] = !(ref.transmission()[i] >= options.collectorTransmission());
            }
        }
        Map2D electrodeMap = QRegionMaps.mean(saxs.get(0), nx, ny, ref.stepX(), ref.stepY(), options.electrodeRange());
        boolean[] candidates = new boolean[n];
        for (int i = 0; i < n; i++) {
            candidates[i] = !collector[i] && Float.isFinite(electrodeMap.values()[i]);
        }
        if (Masks.count(candidates) < 2) {
            throw new InvalidInputException("no raster points outside the current collector (transmission >= "
                    + options.collectorTransmission() + "): cannot find the electrode");
        }
        double threshold = Double.isNaN(options.electrodeThreshold())
                ? logOtsu(electrodeMap.values(), candidates) : options.electrodeThreshold();
        boolean[] electrode = new boolean[n];
        for (int i = 0; i < n; i++) {
            electrode[i] = candidates[i] && electrodeMap.values()[i] > threshold;
        }
        electrode = Masks.fillHoles(Masks.largestComponent(electrode, nx, ny), nx, ny);
        for (int i = 0; i < n; i++) {
            electrode[i] &= !collector[i];
        }
        if (Masks.count(electrode) == 0) {
            throw new InvalidInputException("the electrode mask is empty: no point exceeds the threshold "
                    + threshold + " on the " + options.electrodeRange() + " intensity (set --electrode-threshold)");
        }
        // interior: the electrode without its rim towards the electrolyte, where the beam mixes electrode and
        // electrolyte and the swelling electrode moves in and out of the beam; the interface row with the
        // current collector stays. Electrode averages and error bars use the interior when it is not too small.
        boolean[] interior = Masks.erodeExcept(electrode, collector, nx, ny);
        if (Masks.count(interior) < Math.max(4, Masks.count(electrode) / 4)) {
            interior = electrode.clone();
        }
        boolean[] background = backgroundRegion(electrode, collector, electrodeMap.values(), threshold, nx, ny);
        progress.advance(1);

        // 3. background subtraction (each scan's own electrolyte curves, per raster column by default)
        List<Curve> electrolyteWaxs = new ArrayList<>();
        for (int s = 0; s < scans.size(); s++) {
            boolean[] bg = s == 0 ? background : clearOfElectrode(background, QRegionMaps.mean(saxs.get(s), nx, ny,
                    ref.stepX(), ref.stepY(), options.electrodeRange()).values(), threshold, nx, ny);
            subtractBackground(saxs.get(s), bg, nx);
            electrolyteWaxs.add(waxs.get(s) == null ? null : subtractBackground(waxs.get(s), bg, nx));
        }

        // 4–7. per-scan maps, differences, fits, plating
        List<SwaxsResult.ScanResult> results = new ArrayList<>();
        Map<String, Map2D> pristineMaps = null;
        Map<String, Double> firstStd = null;
        MetalPeakSignal metal = new MetalPeakSignal();
        for (int s = 0; s < scans.size(); s++) {
            SwaxsScan scan = scans.get(s);
            Map<String, Map2D> maps = new LinkedHashMap<>();
            for (QRange r : options.ranges()) {
                CurveSet src = pick(saxs.get(s), waxs.get(s), r);
                maps.put(r.name(), QRegionMaps.mean(src, nx, ny, scan.stepX(), scan.stepY(), r));
            }
            Map<String, Map2D> diffs = new LinkedHashMap<>();
            Map<String, Double> meanDiff = new LinkedHashMap<>();
            Map<String, Double> stdDiff = new LinkedHashMap<>();
            if (s == 0) {
                pristineMaps = maps;
            } else {
                boolean first = firstStd == null;
                if (first) {
                    firstStd = new LinkedHashMap<>();
                }
                for (QRange r : options.ranges()) {
                    Map2D d = QRegionMaps.relativeDifference(maps.get(r.name()), pristineMaps.get(r.name()), electrode);
                    diffs.put(r.name(), d);
                    meanDiff.put(r.name(), Stats.mean(d.values(), interior));
                    if (first) {
                        firstStd.put(r.name(), Stats.std(d.values(), interior));
                    }
                }
                stdDiff.putAll(firstStd);
            }
            Curve saxsMean = QRegionMaps.meanCurve(saxs.get(s), electrode);
            PowerLaw pl = PowerLaw.fit(saxsMean.axis().values(), saxsMean.values(), saxsMean.sigma(),
                    options.powerLawRange().lo(), options.powerLawRange().hi());
            Map2D alphaMap = pixelPowerLaw(saxs.get(s), electrode, nx, ny, scan);
            Curve waxsMean = null;
            WaxsModel.Result fit = null;
            Map2D d002Map = null;
            Map2D pseudoMap = null;
            Map2D platingMap = null;
            double platingSig = Double.NaN;
            if (waxs.get(s) != null) {
                waxsMean = equalWeightMean(waxs.get(s), interior, options.waxsFitLo(), options.waxsFitHi());
                Curve bkg = electrolyteWaxs.get(s);
                WaxsModel model = new WaxsModel().fitRange(options.waxsFitLo(), options.waxsFitHi());
                double[] band = model.electrolyteBand(bkg.axis().values(), bkg.values());
                if (band != null) {
                    model.withDisplacedElectrolyte(band[0], band[1]);
                }
                fit = model.fit(waxsMean.axis().values(), waxsMean.values(), waxsMean.sigma());
                platingSig = metal.measure(waxsMean.axis().values(), waxsMean.values(), waxsMean.sigma()).significance();
                platingMap = pixelMetal(waxs.get(s), electrode, collector, nx, ny, scan, metal);
                if (options.fitPixels()) {
                    Map2D[] m = pixelWaxs(waxs.get(s), electrode, nx, ny, scan, model.withShapesFrom(fit));
                    d002Map = m[0];
                    pseudoMap = m[1];
                }
            }
            boolean plating = s > 0 && platingSig > options.platingSignificance();
            double meanT = Stats.mean(scan.transmission(), electrode);
            results.add(new SwaxsResult.ScanResult(scan.name(), scan.startTime(), scan.endTime(), maps, diffs, meanDiff,
                    stdDiff, saxsMean, waxsMean, fit, pl, d002Map, pseudoMap, alphaMap, platingMap, platingSig, plating,
                    meanT));
            progress.advance(1);
        }
        progress.finish();

        int onset = -1;
        for (int s = 1; s < results.size(); s++) {
            if (results.get(s).plating()) {
                onset = s;
                break;
            }
        }
        double[] centroid = {Double.NaN, Double.NaN};
        double distance = Double.NaN;
        if (onset >= 0 && results.get(onset).platingMap() != null) {
            centroid = platingCentroid(results.get(onset).platingMap(), electrode, collector, ref);
            distance = distanceToCollector(centroid, collector, ref);
        }
        return new SwaxsResult(collector, electrode, interior, background, threshold, electrodeMap, results, onset, centroid,
                distance);
    }

    /** The curve set (SAXS or WAXS) with more bins inside the range; SAXS when neither has any (reported later). */
    private static CurveSet pick(CurveSet saxs, CurveSet waxs, QRange r) {
        if (waxs == null) {
            return saxs;
        }
        return binsInside(waxs.axis(), r) > binsInside(saxs.axis(), r) ? waxs : saxs;
    }

    private static int binsInside(Axis a, QRange r) {
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            if (r.contains(a.get(i))) {
                n++;
            }
        }
        return n;
    }

    static CurveSet divideByTransmission(CurveSet in, float[] t) {
        CurveSet out = CurveSet.allocate(in.axis(), in.count(), in.hasSigma(), in.quantity(), in.unit());
        int m = in.points();
        float[] v = in.rawValues();
        float[] o = out.rawValues();
        for (int c = 0; c < in.count(); c++) {
            float tc = t[c];
            boolean ok = tc > 0 && Float.isFinite(tc);
            for (int k = 0; k < m; k++) {
                o[c * m + k] = ok ? v[c * m + k] / tc : Float.NaN;
                if (in.hasSigma()) {
                    out.rawSigma()[c * m + k] = ok ? in.rawSigma()[c * m + k] / tc : Float.NaN;
                }
            }
        }
        return out;
    }

    /**
     * Otsu's threshold on the logarithm of the positive intensities. The electrode's scattering scales with its
     * thickness along the beam, which tapers to nothing at its rim, so on a linear scale the thick centre dominates the
     * electrode class and Otsu cuts the thin rim off; on a log scale the two classes (electrolyte, electrode) are
     * compact and the threshold falls between them.
     */
    static double logOtsu(float[] values, boolean[] candidates) {
        float[] logs = new float[values.length];
        boolean[] use = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            use[i] = candidates[i] && values[i] > 0 && Float.isFinite(values[i]);
            logs[i] = use[i] ? (float) Math.log(values[i]) : Float.NaN;
        }
        if (Masks.count(use) < 2) {
            throw new InvalidInputException("fewer than two raster points with positive intensity in the electrode q "
                    + "range: cannot find the electrode (set --electrode-threshold)");
        }
        return Math.exp(Otsu.threshold(logs, use));
    }

    /**
     * The electrode-average WAXS curve with every pixel weighted equally: each pixel's curve is divided by its mean in
     * [lo, hi] before averaging, and the average is scaled back by the mean of those scales. A plain sum weights
     * pixels by their electrode thickness, so its peak positions are thickness-weighted; maps and their means count
     * every pixel once, and so does this curve.
     */
    static Curve equalWeightMean(CurveSet set, boolean[] mask, double lo, double hi) {
        double[] q = set.axis().values();
        int nq = q.length;
        double[] sum = new double[nq];
        double[] var = new double[nq];
        int[] cnt = new int[nq];
        double scales = 0;
        int used = 0;
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                continue;
            }
            Curve c = set.curve(i);
            double sc = 0;
            int k = 0;
            for (int b = 0; b < nq; b++) {
                if (q[b] >= lo && q[b] <= hi && Double.isFinite(c.values()[b])) {
                    sc += c.values()[b];
                    k++;
                }
            }
            sc = k == 0 ? 0 : sc / k;
            if (!(sc > 0)) {
                continue;
            }
            scales += sc;
            used++;
            for (int b = 0; b < nq; b++) {
                double v = c.values()[b];
                if (Double.isFinite(v)) {
                    sum[b] += v / sc;
                    double e = c.sigma() == null ? 0 : c.sigma()[b];
                    var[b] += Double.isFinite(e) ? e * e / (sc * sc) : 0;
                    cnt[b]++;
                }
            }
        }
        if (used == 0) {
            return QRegionMaps.meanCurve(set, mask);
        }
        double m = scales / used;
        double[] v = new double[nq];
        double[] e = new double[nq];
        for (int b = 0; b < nq; b++) {
            v[b] = cnt[b] == 0 ? Double.NaN : m * sum[b] / cnt[b];
            e[b] = cnt[b] == 0 ? Double.NaN : m * Math.sqrt(var[b]) / cnt[b];
        }
        Curve first = set.curve(0);
        return new Curve(set.axis(), v, e, first.quantity(), first.unit());
    }

    /**
     * The background points of a later scan: those of the pristine scan's region that are still clear of the
     * electrode, i.e. at least two lines (and one column) away from any point whose electrode-range intensity now
     * exceeds the threshold. A swelling or delaminating electrode rises into lines that held electrolyte in the
     * pristine scan; subtracted as "electrolyte", it would remove electrode scattering from whole columns. When no
     * point stays clear, the pristine region is kept.
     */
    private static boolean[] clearOfElectrode(boolean[] background, float[] elMap, double threshold, int nx, int ny) {
        boolean[] near = new boolean[nx * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                if (!(elMap[y * nx + x] > threshold)) {
                    continue;
                }
                for (int yy = Math.max(0, y - 2); yy <= Math.min(ny - 1, y + 2); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
                        near[yy * nx + xx] = true;
                    }
                }
            }
        }
        boolean[] clear = new boolean[nx * ny];
        for (int i = 0; i < clear.length; i++) {
            clear[i] = background[i] && !near[i];
        }
        return Masks.count(clear) > 0 ? clear : background;
    }

    /**
     * Subtracts the electrolyte background from every curve: with {@link SwaxsOptions#columnBackground} each raster
     * column's own background curve (the mean of its background points; the region mean for columns without any),
     * otherwise the region mean. Returns the region mean (the electrolyte curve of the scan).
     */
    private Curve subtractBackground(CurveSet set, boolean[] background, int nx) {
        Curve all = QRegionMaps.meanCurve(set, background);
        Curve[] perColumn = new Curve[nx];
        if (options.columnBackground()) {
            for (int x = 0; x < nx; x++) {
                boolean[] column = new boolean[background.length];
                int n = 0;
                for (int i = x; i < background.length; i += nx) {
                    column[i] = background[i];
                    n += background[i] ? 1 : 0;
                }
                perColumn[x] = n > 0 ? QRegionMaps.meanCurve(set, column) : null;
            }
        }
        for (int c = 0; c < set.count(); c++) {
            Curve b = perColumn[c % nx];
            subtract(set, c, b != null ? b : all);
        }
        return all;
    }

    private static void subtract(CurveSet set, int c, Curve bkg) {
        int m = set.points();
        float[] v = set.rawValues();
        for (int k = 0; k < m; k++) {
            double b = bkg.values()[k];
            v[c * m + k] = Double.isFinite(b) ? (float) (v[c * m + k] - b) : Float.NaN;
            if (set.hasSigma() && bkg.sigma() != null) {
                float s = set.rawSigma()[c * m + k];
                double sb = bkg.sigma()[k];
                set.rawSigma()[c * m + k] = (float) Math.sqrt(s * s + sb * sb);
            }
        }
    }

    /**
     * Electrolyte-only region: the given box, or automatically the points on the far side of the electrode from the
     * current collector (at least two lines beyond the electrode's extent), over the electrode's columns (their
     * central half without per-column backgrounds), excluding anything electrode-like.
     */
    private boolean[] backgroundRegion(boolean[] electrode, boolean[] collector, float[] elMap, double threshold,
                                       int nx, int ny) {
        boolean[] bg = new boolean[nx * ny];
        int[] box = options.backgroundBox();
        if (box != null) {
            if (box.length != 4 || box[0] < 0 || box[1] < 0 || box[2] >= nx || box[3] >= ny || box[2] < box[0] || box[3] < box[1]) {
                throw new InvalidInputException("--background-box " + java.util.Arrays.toString(box)
                        + ": expected x0,y0,x1,y1 inside the " + nx + "x" + ny + " raster with x0<=x1, y0<=y1");
            }
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    int i = y * nx + x;
                    bg[i] = !collector[i] && !electrode[i];
                }
            }
            if (Masks.count(bg) == 0) {
                throw new InvalidInputException("--background-box " + java.util.Arrays.toString(box)
                        + " holds no electrolyte-only point (all electrode or collector)");
            }
            return bg;
        }
        int minX = nx;
        int maxX = -1;
        int minY = ny;
        int maxY = -1;
        double ey = 0;
        int ne = 0;
        double cy = 0;
        int nc = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                if (electrode[i]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                    ey += y;
                    ne++;
                }
                if (collector[i]) {
                    cy += y;
                    nc++;
                }
            }
        }
        // the collector lies below (larger line index) or above the electrode; without one, use the top
        boolean collectorBelow = nc == 0 || cy / nc > ey / ne;
        // every electrode column (each gets its own background curve); with one region curve, the central half,
        // whose capillary chords are closest to the electrode's average
        int w = maxX - minX + 1;
        int x0 = options.columnBackground() ? minX : minX + w / 4;
        int x1 = options.columnBackground() ? maxX : maxX - w / 4;
        int yFrom = collectorBelow ? 0 : maxY + 2;
        int yTo = collectorBelow ? minY - 2 : ny - 1;
        for (int y = yFrom; y <= yTo; y++) {
            for (int x = x0; x <= x1; x++) {
                int i = y * nx + x;
                bg[i] = !collector[i] && !electrode[i] && elMap[i] < threshold && Float.isFinite(elMap[i]);
            }
        }
        if (Masks.count(bg) == 0) {
            throw new InvalidInputException("no electrolyte-only region found "
                    + (collectorBelow ? "above" : "below") + " the electrode (it reaches the raster edge): give one with "
                    + "--background-box x0,y0,x1,y1");
        }
        return bg;
    }

    private static Map2D pixelPowerLaw(CurveSet saxs, boolean[] electrode, int nx, int ny, SwaxsScan scan) {
        // filled in per pixel with the scan's own range; NaN outside the electrode
        float[] out = new float[nx * ny];
        java.util.Arrays.fill(out, Float.NaN);
        double[] q = saxs.axis().values();
        Parallel.forRange(0, nx * ny, i -> {
            if (!electrode[i]) {
                return;
            }
            Curve c = saxs.curve(i);
            PowerLaw p = PowerLaw.fit(q, c.values(), c.sigma(), QRange.PARTICLE.lo(), QRange.PARTICLE.hi());
            out[i] = (float) p.alpha();
        });
        return Map2D.of(nx, ny, out, scan.stepX(), scan.stepY(), "α", Unit.DIMENSIONLESS);
    }

    private static Map2D pixelMetal(CurveSet waxs, boolean[] electrode, boolean[] collector, int nx, int ny,
                                    SwaxsScan scan, MetalPeakSignal metal) {
        float[] out = new float[nx * ny];
        java.util.Arrays.fill(out, Float.NaN);
        double[] q = waxs.axis().values();
        Parallel.forRange(0, nx * ny, i -> {
            if (collector[i]) {
                return;
            }
            Curve c = waxs.curve(i);
            out[i] = (float) metal.measure(q, c.values(), c.sigma()).significance();
        });
        return Map2D.of(nx, ny, out, scan.stepX(), scan.stepY(), "Na(110) significance", Unit.DIMENSIONLESS);
    }

    private static Map2D[] pixelWaxs(CurveSet waxs, boolean[] electrode, int nx, int ny, SwaxsScan scan, WaxsModel model) {
        float[] d = new float[nx * ny];
        float[] ps = new float[nx * ny];
        java.util.Arrays.fill(d, Float.NaN);
        java.util.Arrays.fill(ps, Float.NaN);
        double[] q = waxs.axis().values();
        Parallel.forRange(0, nx * ny, i -> {
            if (!electrode[i]) {
                return;
            }
            Curve c = waxs.curve(i);
            try {
                WaxsModel.Result r = model.fit(q, c.values(), c.sigma());
                d[i] = (float) r.d002();
                ps[i] = (float) r.pseudoHeight();
            } catch (RuntimeException e) {
                // a pixel whose curve cannot be fitted stays NaN
            }
        });
        return new Map2D[] {Map2D.of(nx, ny, d, scan.stepX(), scan.stepY(), "d002", Unit.ANGSTROM),
                Map2D.of(nx, ny, ps, scan.stepX(), scan.stepY(), "pseudo-metal height", Unit.ARBITRARY)};
    }

    /**
     * Where the plating is: the significance-weighted centroid (µm, pixel centres at (x + 0.5) step) of the plating
     * core, the pixels whose metal-peak significance is at least half the map's maximum (and above the per-pixel
     * plating significance). Weak pixels at the deposit's fringe carry mostly thickness, not plating (a thick
     * electrode column shows a small plated fraction as clearly as a thin one shows a large one), and would drag the
     * centroid away from the deposit; the half-maximum contour is the deposit's extent as a FWHM is a peak's.
     */
    private double[] platingCentroid(Map2D sig, boolean[] electrode, boolean[] collector, SwaxsScan ref) {
        float[] v = sig.values();
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (!collector[i] && Float.isFinite(v[i]) && (best < 0 || v[i] > v[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double cut = Math.max(options.platingPixelSignificance(), v[best] / 2);
        double sx = 0;
        double sy = 0;
        double sw = 0;
        for (int i = 0; i < v.length; i++) {
            if (!collector[i] && Float.isFinite(v[i]) && v[i] >= cut) {
                sx += v[i] * (i % ref.nx() + 0.5) * ref.stepX();
                sy += v[i] * (i / ref.nx() + 0.5) * ref.stepY();
                sw += v[i];
            }
        }
        if (sw == 0) {
            return new double[] {(best % ref.nx() + 0.5) * ref.stepX(), (best / ref.nx() + 0.5) * ref.stepY()};
        }
        return new double[] {sx / sw, sy / sw};
    }

    /** Distance from a point (µm) to the nearest collector pixel's edge (0 inside the collector). */
    static double distanceToCollector(double[] p, boolean[] collector, SwaxsScan ref) {
        double best = Double.NaN;
        for (int i = 0; i < collector.length; i++) {
            if (!collector[i]) {
                continue;
            }
            int x = i % ref.nx();
            int y = i / ref.nx();
            double x0 = x * ref.stepX();
            double x1 = x0 + ref.stepX();
            double y0 = y * ref.stepY();
            double y1 = y0 + ref.stepY();
            double dx = Math.max(0, Math.max(x0 - p[0], p[0] - x1));
            double dy = Math.max(0, Math.max(y0 - p[1], p[1] - y1));
            double d = Math.hypot(dx, dy);
            if (!(d >= best)) {
                best = d;
            }
        }
        return best;
    }
}
