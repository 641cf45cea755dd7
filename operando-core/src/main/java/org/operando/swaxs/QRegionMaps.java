package org.operando.swaxs;

import org.operando.data.Axis;
import org.operando.data.CurveSet;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.util.InvalidInputException;

/**
 * Maps of the mean intensity in a q range per raster pixel: curve i of the set belongs to raster pixel i
 * (row-major, ny rows of nx points).
 */
public final class QRegionMaps {
    private QRegionMaps() { }

    /** Indices of the axis bins inside the range; throws naming the range when none (outside the coverage). */
    public static int[] bins(Axis q, QRange range) {
        int n = 0;
        for (int i = 0; i < q.size(); i++) {
            if (range.contains(q.get(i))) {
                n++;
            }
        }
        if (n == 0) {
            throw new InvalidInputException("q range " + range + " lies outside the detector's coverage "
                    + String.format(java.util.Locale.ROOT, "%.4g–%.4g", q.get(0), q.get(q.size() - 1)) + " " + q.unit().symbol());
        }
        int[] idx = new int[n];
        for (int i = 0, j = 0; i < q.size(); i++) {
            if (range.contains(q.get(i))) {
                idx[j++] = i;
            }
        }
        return idx;
    }

    /** Mean over the range's bins of each curve (finite values only), as a map with the given raster. */
    public static Map2D mean(CurveSet curves, int nx, int ny, double stepX, double stepY, QRange range) {
        if (curves.count() != nx * ny) {
            throw new IllegalArgumentException("curve set of " + curves.count() + " curves is not a " + ny + "x" + nx + " raster");
        }
        int[] idx = bins(curves.axis(), range);
        float[] out = new float[nx * ny];
        for (int c = 0; c < curves.count(); c++) {
            double s = 0;
            int n = 0;
            for (int i : idx) {
                float v = curves.get(c, i);
                if (Float.isFinite(v)) {
                    s += v;
                    n++;
                }
            }
            out[c] = n == 0 ? Float.NaN : (float) (s / n);
        }
        return Map2D.of(nx, ny, out, stepX, stepY, "I(" + range.name() + ")", curves.unit());
    }

    /** The mean curve of the selected pixels (σ combined in quadrature when present). */
    public static org.operando.data.Curve meanCurve(CurveSet curves, boolean[] include) {
        int n = curves.points();
        double[] s = new double[n];
        double[] v = new double[n];
        int[] cnt = new int[n];
        for (int c = 0; c < curves.count(); c++) {
            if (include != null && !include[c]) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                float x = curves.get(c, i);
                if (Float.isFinite(x)) {
                    s[i] += x;
                    if (curves.hasSigma()) {
                        double e = curves.sigma(c, i);
                        v[i] += e * e;
                    }
                    cnt[i]++;
                }
            }
        }
        double[] mean = new double[n];
        double[] sig = curves.hasSigma() ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            mean[i] = cnt[i] == 0 ? Double.NaN : s[i] / cnt[i];
            if (sig != null) {
                sig[i] = cnt[i] == 0 ? Double.NaN : Math.sqrt(v[i]) / cnt[i];
            }
        }
        return new org.operando.data.Curve(curves.axis(), mean, sig, curves.quantity(), curves.unit());
    }

    /** Relative difference map ΔI/I = (I_op − I_pristine) / I_pristine (eq. 5) where selected and I_pristine > 0. */
    public static Map2D relativeDifference(Map2D op, Map2D pristine, boolean[] include) {
        if (op.nx() != pristine.nx() || op.ny() != pristine.ny()) {
            throw new InvalidInputException("raster " + op.ny() + "x" + op.nx() + " differs from the pristine scan's "
                    + pristine.ny() + "x" + pristine.nx());
        }
        float[] a = op.values();
        float[] b = pristine.values();
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            boolean ok = (include == null || include[i]) && b[i] > 0 && Float.isFinite(a[i]);
            out[i] = ok ? (a[i] - b[i]) / b[i] : Float.NaN;
        }
        return op.withValues(out, "ΔI/I " + op.quantity(), Unit.RELATIVE);
    }
}
