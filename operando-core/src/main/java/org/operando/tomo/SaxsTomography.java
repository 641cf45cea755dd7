package org.operando.tomo;

import org.operando.data.Axis;
import org.operando.data.CurveVolume;
import org.operando.data.LargeFloatArray;
import org.operando.data.Volume;
import org.operando.util.InvalidInputException;

/**
 * Analysis of reconstructed SAXS tomograms (one volume per q-bin, a {@link CurveVolume}) as in the hard-carbon
 * study: the electrode mask from the intensity integrated over 0.12–0.3 Å⁻¹ (Otsu threshold of its histogram), a
 * q-region volume (e.g. the micropore region 0.2–0.5 Å⁻¹) smoothed with the 2×2×2 mean filter, and its statistics
 * and histogram inside the electrode mask.
 */
public final class SaxsTomography {
    /** The electrode mask q-range of the study, Å⁻¹. */
    public static final double MASK_Q_MIN = 0.12;
    public static final double MASK_Q_MAX = 0.3;
    /** The micropore q-region of the study, Å⁻¹. */
    public static final double MICROPORE_Q_MIN = 0.2;
    public static final double MICROPORE_Q_MAX = 0.5;

    private SaxsTomography() { }

    /** Mask, mask threshold, smoothed region volume, its statistics and histogram in the mask. */
    public record Result(boolean[] mask, double threshold, Volume maskIntensity, Volume region,
                         VolumeTools.Stats stats, VolumeTools.Histogram histogram) { }

    /** Mean over the channels whose q lies in [qMin, qMax] (inclusive), as a volume. */
    public static Volume qRegion(CurveVolume v, double qMin, double qMax) {
        Axis q = v.axis();
        int n = 0;
        long voxels = (long) v.nx() * v.ny() * v.nz();
        InvalidInputException.require(voxels < Integer.MAX_VALUE, "volume too large for q-region averaging");
        float[] acc = new float[(int) voxels];
        float[] buf = new float[(int) voxels];
        for (int c = 0; c < q.size(); c++) {
            if (q.get(c) >= qMin && q.get(c) <= qMax) {
                v.data().read(v.index(c, 0, 0, 0), buf, 0, buf.length);
                for (int i = 0; i < buf.length; i++) {
                    acc[i] += buf[i];
                }
                n++;
            }
        }
        InvalidInputException.require(n > 0, String.format(java.util.Locale.ROOT,
                "no q-bin of %s lies in [%.3g, %.3g] %s", q, qMin, qMax, q.unit().symbol()));
        for (int i = 0; i < acc.length; i++) {
            acc[i] /= n;
        }
        LargeFloatArray d = new LargeFloatArray(voxels);
        d.write(0, acc, 0, acc.length);
        double s = v.voxelSize();
        return new Volume(v.nx(), v.ny(), v.nz(), d, new double[] {s, s, s}, new double[3],
                org.operando.data.Unit.MICROMETER, String.format(java.util.Locale.ROOT, "%s, q %.3g-%.3g %s",
                v.quantity(), qMin, qMax, q.unit().symbol()), v.unit());
    }

    /** Otsu's threshold (maximum between-class variance) over a 256-bin histogram of the values. */
    public static double otsu(Volume v) {
        int n = (int) v.voxelCount();
        float[] x = new float[n];
        v.data().read(0, x, 0, n);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float f : x) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        InvalidInputException.require(hi > lo, "the mask intensity is constant; no electrode can be separated");
        int bins = 256;
        long[] h = new long[bins];
        for (float f : x) {
            h[Math.min(bins - 1, (int) ((f - lo) / (hi - lo) * bins))]++;
        }
        double total = n;
        double sumAll = 0;
        for (int i = 0; i < bins; i++) {
            sumAll += i * (double) h[i];
        }
        double w0 = 0;
        double sum0 = 0;
        double best = -1;
        int bestK = 0;
        for (int k = 0; k < bins - 1; k++) {
            w0 += h[k];
            sum0 += k * (double) h[k];
            double w1 = total - w0;
            if (w0 == 0 || w1 == 0) {
                continue;
            }
            double m0 = sum0 / w0;
            double m1 = (sumAll - sum0) / w1;
            double between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if (between > best) {
                best = between;
                bestK = k;
            }
        }
        return lo + (bestK + 1) * (hi - lo) / bins;
    }

    /**
     * Mask from the mean intensity in [maskQMin, maskQMax] (voxels above the Otsu threshold), region volume in
     * [regionQMin, regionQMax] smoothed by the {@code filter}³ mean, statistics and a {@code bins}-bin histogram
     * of the region volume inside the mask.
     */
    public static Result analyse(CurveVolume v, double maskQMin, double maskQMax, double regionQMin, double regionQMax,
                                 int filter, int bins) {
        return analyse(v, maskQMin, maskQMax, regionQMin, regionQMax, filter, bins, 0);
    }

    /**
     * As {@link #analyse(CurveVolume, double, double, double, double, int, int)}, with the statistics and histogram
     * taken inside the mask eroded in-plane by {@code erosion} voxels (partial-volume edge voxels excluded); the
     * returned mask is the uneroded electrode mask.
     */
    public static Result analyse(CurveVolume v, double maskQMin, double maskQMax, double regionQMin, double regionQMax,
                                 int filter, int bins, int erosion) {
        return analyse(v, maskQMin, maskQMax, regionQMin, regionQMax, filter, bins, erosion, Double.NaN);
    }

    /**
     * As {@link #analyse(CurveVolume, double, double, double, double, int, int, int)} with a given mask threshold on
     * the mean intensity in [maskQMin, maskQMax] (same unit as the volume); NaN = Otsu's threshold.
     */
    public static Result analyse(CurveVolume v, double maskQMin, double maskQMax, double regionQMin, double regionQMax,
                                 int filter, int bins, int erosion, double threshold) {
        Volume m = qRegion(v, maskQMin, maskQMax);
        double thr = Double.isNaN(threshold) ? otsu(m) : threshold;
        boolean[] mask = new boolean[(int) m.voxelCount()];
        long inside = 0;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = m.data().get(i) > thr;
            inside += mask[i] ? 1 : 0;
        }
        InvalidInputException.require(inside > 0, String.format(java.util.Locale.ROOT,
                "the electrode mask is empty: no voxel has a mean intensity over %.3g-%.3g %s above the threshold %.4g",
                maskQMin, maskQMax, v.axis().unit().symbol(), thr));
        Volume region = VolumeTools.meanFilter(qRegion(v, regionQMin, regionQMax), filter);
        boolean[] statMask = erosion == 0 ? mask : VolumeTools.erodeXY(mask, v.nx(), v.ny(), v.nz(), erosion);
        boolean any = false;
        for (boolean b : statMask) {
            any |= b;
        }
        InvalidInputException.require(any, "the electrode mask (" + inside + " voxels) eroded in-plane by " + erosion
                + " voxels is empty; use a smaller erosion");
        VolumeTools.Stats st = VolumeTools.stats(region, statMask);
        double pad = 0.05 * (st.max() - st.min() + 1e-30);
        VolumeTools.Histogram h = VolumeTools.histogram(region, statMask, bins, st.min() - pad, st.max() + pad);
        return new Result(mask, thr, m, region, st, h);
    }
}
