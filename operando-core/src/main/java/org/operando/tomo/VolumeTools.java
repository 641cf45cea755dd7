package org.operando.tomo;

import java.util.Arrays;
import org.operando.data.LargeFloatArray;
import org.operando.data.Map2D;
import org.operando.data.Volume;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;

/**
 * Volume utilities for reconstructed tomograms: box mean filter, masked statistics and histograms, and the
 * central slices (horizontal and two vertical ones).
 */
public final class VolumeTools {
    private VolumeTools() { }

    /**
     * k × k × k box mean (k = 2 is the default of the hard-carbon study). The window of voxel i covers
     * i − ⌊(k−1)/2⌋ … i + ⌈(k−1)/2⌉ along each axis (for k = 2: i and i + 1, i.e. the result is centred half a
     * voxel up) and is truncated at the volume edges (mean of the voxels that exist).
     */
    public static Volume meanFilter(Volume v, int k) {
        InvalidInputException.require(k >= 1, "mean filter size must be at least 1, got " + k);
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        int lo = (k - 1) / 2;
        int hi = k - 1 - lo;
        float[][] slices = new float[nz][];
        for (int z = 0; z < nz; z++) {
            slices[z] = v.sliceZ(z);
        }
        // Along x and y within each slice.
        Parallel.forRange(0, nz, z -> {
            float[] s = slices[z];
            float[] line = new float[Math.max(nx, ny)];
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    line[x] = s[y * nx + x];
                }
                box(line, nx, lo, hi, s, y * nx, 1);
            }
            for (int x = 0; x < nx; x++) {
                for (int y = 0; y < ny; y++) {
                    line[y] = s[y * nx + x];
                }
                box(line, ny, lo, hi, s, x, nx);
            }
        });
        // Along z.
        Volume out = new Volume(nx, ny, nz, new LargeFloatArray(v.voxelCount()), v.voxelSize(), v.origin(),
                v.lengthUnit(), v.quantity() + " (mean " + k + "x" + k + "x" + k + ")", v.unit());
        float[][] res = new float[nz][nx * ny];
        Parallel.forRange(0, ny, y -> {
            float[] line = new float[nz];
            float[] col = new float[nz];
            for (int x = 0; x < nx; x++) {
                int p = y * nx + x;
                for (int z = 0; z < nz; z++) {
                    line[z] = slices[z][p];
                }
                box(line, nz, lo, hi, col, 0, 1);
                for (int z = 0; z < nz; z++) {
                    res[z][p] = col[z];
                }
            }
        });
        for (int z = 0; z < nz; z++) {
            out.setSliceZ(z, res[z]);
        }
        return out;
    }

    private static void box(float[] in, int n, int lo, int hi, float[] out, int off, int stride) {
        double[] cum = new double[n + 1];
        for (int i = 0; i < n; i++) {
            cum[i + 1] = cum[i] + in[i];
        }
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - lo);
            int b = Math.min(n - 1, i + hi);
            out[off + i * stride] = (float) ((cum[b + 1] - cum[a]) / (b - a + 1));
        }
    }

    /** Statistics of the voxels inside a mask. */
    public record Stats(long count, double mean, double std, double min, double max, double median,
                        double p05, double p95) { }

    /** Statistics over voxels where {@code mask} is true (null mask = all voxels); NaN voxels are skipped. */
    public static Stats stats(Volume v, boolean[] mask) {
        float[] vals = masked(v, mask);
        InvalidInputException.require(vals.length > 0, "the mask selects no voxels");
        double s = 0;
        for (float f : vals) {
            s += f;
        }
        double mean = s / vals.length;
        double ss = 0;
        for (float f : vals) {
            ss += (f - mean) * (f - mean);
        }
        Arrays.sort(vals);
        return new Stats(vals.length, mean, vals.length > 1 ? Math.sqrt(ss / (vals.length - 1)) : 0, vals[0],
                vals[vals.length - 1], quantile(vals, 0.5), quantile(vals, 0.05), quantile(vals, 0.95));
    }

    private static double quantile(float[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static float[] masked(Volume v, boolean[] mask) {
        long n = v.voxelCount();
        InvalidInputException.require(n < Integer.MAX_VALUE, "volume too large for in-memory statistics");
        InvalidInputException.require(mask == null || mask.length == n,
                "mask has " + (mask == null ? 0 : mask.length) + " voxels, the volume " + n);
        float[] buf = new float[(int) n];
        v.data().read(0, buf, 0, (int) n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if ((mask == null || mask[i]) && Float.isFinite(buf[i])) {
                buf[k++] = buf[i];
            }
        }
        return Arrays.copyOf(buf, k);
    }

    /** A histogram: {@code bins} equal bins over [lo, hi); values outside are counted in under/over. */
    public record Histogram(double lo, double hi, long[] counts, long under, long over) {
        public double binCentre(int i) {
            return lo + (i + 0.5) * (hi - lo) / counts.length;
        }

        /** Counts normalised to a probability density (integral 1 over the bins). */
        public double[] density() {
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            double w = (hi - lo) / counts.length;
            double[] d = new double[counts.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = total == 0 ? 0 : counts[i] / (total * w);
            }
            return d;
        }
    }

    public static Histogram histogram(Volume v, boolean[] mask, int bins, double lo, double hi) {
        InvalidInputException.require(bins >= 1, "histogram needs at least 1 bin, got " + bins);
        InvalidInputException.require(hi > lo, "histogram range [" + lo + ", " + hi + ") is empty");
        float[] vals = masked(v, mask);
        InvalidInputException.require(vals.length > 0, "the mask selects no voxels");
        long[] counts = new long[bins];
        long under = 0;
        long over = 0;
        for (float f : vals) {
            if (f < lo) {
                under++;
            } else if (f >= hi) {
                over++;
            } else {
                counts[Math.min(bins - 1, (int) ((f - lo) / (hi - lo) * bins))]++;
            }
        }
        return new Histogram(lo, hi, counts, under, over);
    }

    /** Which central slice. */
    public enum Plane {
        /** z = nz/2: the horizontal slice (x right, y down). */
        XY,
        /** y = ny/2: vertical slice (x right, z down). */
        XZ,
        /** x = nx/2: vertical slice (y right, z down). */
        YZ
    }

    /** The central slice in {@code plane} as a map with the voxel size. */
    public static Map2D centralSlice(Volume v, Plane plane) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        double[] vs = v.voxelSize();
        return switch (plane) {
            case XY -> new Map2D(nx, ny, v.sliceZ(nz / 2), vs[0], vs[1], 0, 0, v.lengthUnit(), v.quantity(), v.unit());
            case XZ -> {
                float[] out = new float[nx * nz];
                for (int z = 0; z < nz; z++) {
                    for (int x = 0; x < nx; x++) {
                        out[z * nx + x] = v.get(x, ny / 2, z);
                    }
                }
                yield new Map2D(nx, nz, out, vs[0], vs[2], 0, 0, v.lengthUnit(), v.quantity(), v.unit());
            }
            case YZ -> {
                float[] out = new float[ny * nz];
                for (int z = 0; z < nz; z++) {
                    for (int y = 0; y < ny; y++) {
                        out[z * ny + y] = v.get(nx / 2, y, z);
                    }
                }
                yield new Map2D(ny, nz, out, vs[1], vs[2], 0, 0, v.lengthUnit(), v.quantity(), v.unit());
            }
        };
    }

    /**
     * In-plane erosion of a volume mask (index (z·ny + y)·nx + x) by {@code r} voxels with a (2r+1)² square: a
     * voxel stays inside only if every voxel of its square in the same slice is inside (outside the volume counts
     * as outside). Removes partial-volume edge voxels before statistics.
     */
    public static boolean[] erodeXY(boolean[] mask, int nx, int ny, int nz, int r) {
        InvalidInputException.require(r >= 0, "erosion radius must be >= 0, got " + r);
        InvalidInputException.require(mask.length == (long) nx * ny * nz, "mask size does not match the volume");
        boolean[] out = new boolean[mask.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    boolean keep = true;
                    for (int dy = -r; dy <= r && keep; dy++) {
                        for (int dx = -r; dx <= r; dx++) {
                            int xx = x + dx;
                            int yy = y + dy;
                            if (xx < 0 || yy < 0 || xx >= nx || yy >= ny || !mask[(z * ny + yy) * nx + xx]) {
                                keep = false;
                                break;
                            }
                        }
                    }
                    out[(z * ny + y) * nx + x] = keep;
                }
            }
        }
        return out;
    }
}
