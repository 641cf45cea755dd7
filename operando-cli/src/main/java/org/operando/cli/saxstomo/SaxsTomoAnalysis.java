package org.operando.cli.saxstomo;

import java.util.Arrays;
import org.operando.data.CurveVolume;
import org.operando.data.Unit;
import org.operando.tomo.ParallelGeometry;
import org.operando.tomo.ProjectionAligner;
import org.operando.tomo.Reconstructor;
import org.operando.tomo.SaxsTomography;
import org.operando.tomo.Sinograms;
import org.operando.tomo.VolumeTools;
import org.operando.util.ProgressListener;

/**
 * Tomography and analysis of one electrode: rotation axis (auto or given) and optional alignment on the summed
 * mask-range projections, reconstruction of every q-bin with one shared geometry and system, voxel scattering
 * curves in cm⁻¹ sr⁻¹ (when the sinograms are absolute), then {@link SaxsTomography#analyse}: mask, micropore-region
 * volume with the mean filter, statistics and histogram.
 */
final class SaxsTomoAnalysis {
    private SaxsTomoAnalysis() { }

    /**
     * Result for one electrode.
     *
     * @param statMask      voxels used for statistics and histograms (the mask eroded in-plane and in height)
     * @param regionValues  region-volume values inside {@code statMask}, sorted
     * @param meanCurve     mean voxel curve inside the mask, per q-bin
     * @param meanCurveStd  standard deviation of the voxel curves inside the mask, per q-bin
     */
    record Electrode(String name, SaxsTomoDataset.Sinograms data, ParallelGeometry geometry, double centre,
                     double[] dx, double[] dy, CurveVolume volume, SaxsTomography.Result analysis, boolean[] statMask,
                     long maskVoxels, float[] regionValues, double[] meanCurve, double[] meanCurveStd,
                     VolumeTools.Stats stats) {

        boolean absolute() {
            return data.absolute();
        }

        String unitLabel() {
            return absolute() ? "cm⁻¹ sr⁻¹" : "a.u.";
        }

        /** Percentile p ∈ [0, 100] of the region values in the statistics mask (linear interpolation). */
        double percentile(double p) {
            float[] v = regionValues;
            double pos = p / 100 * (v.length - 1);
            int i = (int) Math.floor(pos);
            if (i >= v.length - 1) {
                return v[v.length - 1];
            }
            return v[i] + (pos - i) * (v[i + 1] - v[i]);
        }
    }

    static Electrode analyse(SaxsTomoDataset.Sinograms sg, SaxsTomoCommand.Settings s, ProgressListener progress) {
        int n = sg.n();
        int rows = sg.rows();
        int na = sg.anglesDeg().length;
        float[][][] ch = sg.channels();
        int nq = ch.length;
        ParallelGeometry g0 = ParallelGeometry.ofDegrees(sg.anglesDeg(), n);
        // the mask q-range intensity, summed: the strongest electrode signal, used for the axis and alignment
        float[][] proj = new float[na][rows * n];
        for (int k = 0; k < nq; k++) {
            double q = sg.q().get(k);
            if (q >= s.maskQ()[0] && q <= s.maskQ()[1]) {
                for (int a = 0; a < na; a++) {
                    for (int p = 0; p < rows * n; p++) {
                        proj[a][p] += ch[k][a][p];
                    }
                }
            }
        }
        float[] summed = new float[na * n];
        for (int a = 0; a < na; a++) {
            for (int p = 0; p < rows * n; p++) {
                summed[a * n + p % n] += proj[a][p];
            }
        }
        double centre = SaxsTomoCommand.centre(s.center(), summed, g0);
        ParallelGeometry g = g0.withCentre(centre);
        double[] dx = new double[na];
        double[] dy = new double[na];
        if (s.align()) {
            ProjectionAligner.Result r = ProjectionAligner.align(proj, rows, n, g, ProjectionAligner.Options.defaults(),
                    progress);
            dx = r.dx();
            dy = r.dy();
            for (int k = 0; k < nq; k++) {
                ch[k] = ProjectionAligner.shiftAll(ch[k], rows, n, dx, dy);
            }
        }
        Sinograms sino = Sinograms.ofChannels(ch, rows, n);
        sino.requireFinite(sg.dir().toString());
        Reconstructor.checkMemory(g, rows, nq, s.method(), Runtime.getRuntime().maxMemory(),
                "the Java heap; raise it with OPERANDO_JAVA_OPTS=-Xmx...");
        float[][] rec = Reconstructor.reconstruct(sino, g, s.reconstruction(), progress, null);
        if (sg.absolute()) {
            // reconstruction values are per pixel of path; one pixel = one translation step
            float perCm = (float) (1 / (sg.stepXUm() * 1e-4));
            for (float[] slice : rec) {
                for (int i = 0; i < slice.length; i++) {
                    slice[i] *= perCm;
                }
            }
        }
        Unit unit = sg.absolute() ? Unit.INV_CENTIMETER : Unit.ARBITRARY;
        CurveVolume cv = Reconstructor.toCurveVolume(rec, g, sg.q(), sg.stepXUm(),
                sg.absolute() ? "dΣ/dΩ per sr" : "I", unit);
        SaxsTomography.Result r = SaxsTomography.analyse(cv, s.maskQ()[0], s.maskQ()[1], s.regionQ()[0],
                s.regionQ()[1], s.meanFilter(), s.histBins(), 0, s.maskThreshold());
        boolean[] mask = r.mask();
        boolean[] statMask = erodeZ(s.erode() == 0 ? mask : VolumeTools.erodeXY(mask, n, n, rows, s.erode()),
                n * n, rows, s.erodeZ());
        VolumeTools.Stats stats = statistics(r.region(), statMask, sg.dir());
        long inMask = 0;
        long inStat = 0;
        for (int i = 0; i < mask.length; i++) {
            inMask += mask[i] ? 1 : 0;
            inStat += statMask[i] ? 1 : 0;
        }
        float[] values = new float[(int) inStat];
        int j = 0;
        for (int i = 0; i < statMask.length; i++) {
            if (statMask[i]) {
                values[j++] = r.region().data().get(i);
            }
        }
        Arrays.sort(values);
        double[] mean = new double[nq];
        double[] std = new double[nq];
        float[] buf = new float[mask.length];
        for (int c = 0; c < nq; c++) {
            cv.data().read(cv.index(c, 0, 0, 0), buf, 0, buf.length);
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < buf.length; i++) {
                if (mask[i]) {
                    s1 += buf[i];
                    s2 += (double) buf[i] * buf[i];
                }
            }
            mean[c] = s1 / inMask;
            std[c] = Math.sqrt(Math.max(0, s2 / inMask - mean[c] * mean[c]));
        }
        return new Electrode(sg.name(), sg, g, centre, dx, dy, cv, r, statMask, inMask, values, mean, std, stats);
    }

    /**
     * Keeps a voxel only when the {@code k} voxels above and below it are in the mask too (outside the volume counts
     * as outside): drops the partial-volume voxels at the top and bottom of the electrode that the mean filter
     * mixes with empty space.
     */
    static boolean[] erodeZ(boolean[] mask, int slice, int nz, int k) {
        if (k == 0) {
            return mask;
        }
        boolean[] out = new boolean[mask.length];
        for (int z = 0; z < nz; z++) {
            for (int p = 0; p < slice; p++) {
                boolean keep = mask[z * slice + p];
                for (int d = 1; d <= k && keep; d++) {
                    keep = z - d >= 0 && z + d < nz && mask[(z - d) * slice + p] && mask[(z + d) * slice + p];
                }
                out[z * slice + p] = keep;
            }
        }
        return out;
    }

    private static VolumeTools.Stats statistics(org.operando.data.Volume region, boolean[] statMask,
                                                java.nio.file.Path dir) {
        long c = 0;
        for (boolean b : statMask) {
            c += b ? 1 : 0;
        }
        org.operando.util.InvalidInputException.require(c > 0, dir + ": no voxel is left for statistics after eroding"
                + " the electrode mask (--erode, --erode-z); use smaller erosions");
        return VolumeTools.stats(region, statMask);
    }
}
