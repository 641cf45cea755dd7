package org.operando.tomo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operando.util.Parallel;

/**
 * Pixel-driven back-projection of filtered projections that shares one detector-position computation among up to
 * eight (pixel, angle) pairs, using the symmetries of the square pixel grid (Fbp's kernel).
 *
 * <p>With x, y pixel coordinates relative to the image centre and u = x·cos θ − y·sin θ the detector offset from
 * the axis, the pair (x, y, θ) has the same u as (y, −x, θ + 90°), (−x, y, 180° − θ) and (−y, −x, 90° − θ), and
 * the opposite u as the point-reflected pixel (−x, −y, θ). Angles are grouped into such orbits (every orbit found in
 * the angle list, whatever the list; angles without partners form orbits of one or two). For every pixel of one
 * half of the grid and every orbit the detector position is computed once (32.32 fixed point, stepped along the
 * row) and the orbit's filtered projections are read at that position from one interleaved table: the members'
 * projections and, when the axis lies on a bin or half-bin boundary of the table, their mirror images (which give
 * the value at −u at the same index and weight). Every read lands in its own accumulator plane; the planes are
 * mapped back onto the image at the end. Each (pixel, angle) value is the same linear (or nearest-bin)
 * interpolation of the same filtered projection as a plain pixel-driven loop computes; only the order of the float
 * additions differs.
 */
final class SymmetricBackprojector {
    private static final double ONE = 4294967296.0;
    /** Accumulator planes per pixel: 4 maps × (direct, point-reflected). */
    private static final int SLOTS = 8;

    private final ParallelGeometry g;
    private final int n;
    private final int half;
    private final int width;
    private final boolean circle;
    private final boolean nearest;
    private final boolean reflect;
    /** Table bins per projection; filtered bin f is table bin f + margin, zero outside. */
    private final int bins;
    private final int margin;
    private final int extent;
    /** Table coordinate of the axis (+ 0.5 for nearest-bin rounding). */
    private final double base;
    /** 2 × the axis table coordinate (an integer when {@link #reflect}). */
    private final int mirror;
    /** Orbits of 4, 2 and 1 angles: member angle indices; members[1] of a pair is its map in {@link #pairMap}. */
    private final int[][] quads;
    private final int[][] pairs;
    private final int[] pairMap;
    private final int[] singles;
    /**
     * The three orbit tables and the accumulator planes (17 MB for 512² from 720 angles), kept for the next slice;
     * a concurrent call that finds them taken allocates its own.
     */
    private final java.util.concurrent.atomic.AtomicReference<float[][]> spare = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param margin table bins before filtered bin 0
     * @param bins   table bins per projection (the filtered extent plus both margins)
     * @param extent filtered bins known per projection
     * @param axis   table coordinate of the rotation axis
     */
    SymmetricBackprojector(ParallelGeometry g, boolean circle, boolean nearest, int margin, int bins, int extent, double axis) {
        this.g = g;
        this.n = g.size();
        this.half = n / 2;
        this.width = 2 * half + 1;
        this.circle = circle;
        this.nearest = nearest;
        this.margin = margin;
        this.bins = bins;
        this.extent = extent;
        long twice = Math.round(2 * axis);
        this.reflect = Math.abs(2 * axis - twice) < 1e-9;
        this.mirror = (int) twice;
        this.base = axis + (nearest ? 0.5 : 0);

        int nA = g.angleCount();
        Map<Long, Integer> byAngle = new HashMap<>();
        for (int a = nA - 1; a >= 0; a--) {
            byAngle.put(Math.round(g.angle(a) * 1e9), a);
        }
        boolean[] used = new boolean[nA];
        List<int[]> q = new ArrayList<>();
        List<int[]> p = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        for (int a = 0; a < nA; a++) {
            if (used[a]) {
                continue;
            }
            used[a] = true;
            double t = g.angle(a);
            int[] m = {a, find(byAngle, used, t + Math.PI / 2), find(byAngle, used, Math.PI - t), find(byAngle, used, Math.PI / 2 - t)};
            if (m[1] >= 0 && m[2] >= 0 && m[3] >= 0 && m[1] != m[2] && m[1] != m[3] && m[2] != m[3]) {
                used[m[1]] = used[m[2]] = used[m[3]] = true;
                q.add(m);
                continue;
            }
            int map = m[1] >= 0 ? 1 : m[2] >= 0 ? 2 : m[3] >= 0 ? 3 : 0;
            if (map > 0) {
                used[m[map]] = true;
                p.add(new int[] {a, m[map], map});
            } else {
                s.add(a);
            }
        }
        this.quads = q.toArray(new int[0][]);
        this.pairs = new int[p.size()][];
        this.pairMap = new int[p.size()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new int[] {p.get(i)[0], p.get(i)[1]};
            pairMap[i] = p.get(i)[2];
        }
        this.singles = s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int find(Map<Long, Integer> byAngle, boolean[] used, double angle) {
        long key = Math.round(angle * 1e9);
        for (long d = -1; d <= 1; d++) {
            Integer i = byAngle.get(key + d);
            if (i != null && !used[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Orbit sizes found (for tests and diagnostics): {quads, pairs, singles, reflect ? 1 : 0}. */
    int[] orbitCounts() {
        return new int[] {quads.length, pairs.length, singles.length, reflect ? 1 : 0};
    }

    /** Back-projects filtered projections q[angle][filtered bin] (≥ extent values each); returns n × n, row-major. */
    float[] backproject(float[][] q) {
        int per = reflect ? 2 : 1;
        int rows = reflect ? half + 1 : width;
        float[][] w = spare.getAndSet(null);
        if (w == null) {
            w = new float[][] {new float[quads.length * bins * 8 * per], new float[pairs.length * bins * 4 * per],
                    new float[singles.length * bins * 2 * per], new float[rows * width * SLOTS]};
        }
        float[] tq = table(q, quads, 8 * per, w[0]);
        float[] tp = table(q, pairs, 4 * per, w[1]);
        int[][] one = new int[singles.length][];
        for (int i = 0; i < one.length; i++) {
            one[i] = new int[] {singles[i]};
        }
        float[] ts = table(q, one, 2 * per, w[2]);
        float[] acc = w[3];
        java.util.Arrays.fill(acc, 0f);
        // Rows differ in length (circle) and the pool splits the index range into contiguous chunks: visit the rows
        // in a scrambled order (visit ↦ visit·stride mod rows, a permutation) so that every chunk holds short and long rows.
        int stride = scramble(rows);
        Parallel.forRange(0, rows, visit -> {
            int row = (int) ((long) visit * stride % rows);
            int y = row - half;
            int xr;
            int xl;
            if (circle) {
                long r2 = (long) half * half;
                long dy2 = (long) y * y;
                if (dy2 > r2) {
                    return;
                }
                int h = (int) Math.floor(Math.sqrt(r2 - dy2));
                while ((long) (h + 1) * (h + 1) + dy2 <= r2) {
                    h++;
                }
                while ((long) h * h + dy2 > r2) {
                    h--;
                }
                xl = -h;
                xr = h;
            } else {
                xl = -half;
                xr = half;
            }
            if (reflect && y == 0) {
                xr = 0; // the other half of the centre row is the point image of this half
            }
            int jl = row * width + xl + half;
            int je = jl + (xr - xl) + 1;
            int i2 = 0;
            for (; i2 + 1 < quads.length; i2 += 2) {
                long p = start(quads[i2][0], xl, y, i2);
                long k = step(quads[i2][0]);
                long q2 = start(quads[i2 + 1][0], xl, y, i2 + 1);
                long k2 = step(quads[i2 + 1][0]);
                if (reflect) {
                    twoQuadsReflected(acc, tq, p, k, q2, k2, jl, je);
                } else {
                    twoQuads(acc, tq, p, k, q2, k2, jl, je);
                }
            }
            for (int i = i2; i < quads.length; i++) {
                long p = start(quads[i][0], xl, y, i);
                long k = step(quads[i][0]);
                if (reflect) {
                    quadReflected(acc, tq, p, k, jl, je);
                } else {
                    quad(acc, tq, p, k, jl, je);
                }
            }
            for (int i = 0; i < pairs.length; i++) {
                long p = start(pairs[i][0], xl, y, i);
                long k = step(pairs[i][0]);
                if (reflect) {
                    pairReflected(acc, tp, p, k, jl, je, pairMap[i]);
                } else {
                    pair(acc, tp, p, k, jl, je, pairMap[i]);
                }
            }
            for (int i = 0; i < singles.length; i++) {
                long p = start(singles[i], xl, y, i);
                long k = step(singles[i]);
                if (reflect) {
                    singleReflected(acc, ts, p, k, jl, je);
                } else {
                    single(acc, ts, p, k, jl, je);
                }
            }
        });
        float[] img = fold(acc);
        spare.set(w);
        return img;
    }

    /** An increment near 0.618·count that is coprime with count (1 for count ≤ 2). */
    private static int scramble(int count) {
        int s = Math.max(1, (int) Math.round(count * 0.618));
        while (gcd(s, count) != 1) {
            s++;
        }
        return s;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** 32.32 fixed-point table position of pixel (x, y) at angle a, in orbit i's table (integer part offset by i·bins). */
    private long start(int a, int x, int y, int orbit) {
        double u = base + x * g.cos(a) - y * g.sin(a);
        return Math.round(u * ONE) + ((long) orbit * bins << 32);
    }

    private long step(int a) {
        return Math.round(g.cos(a) * ONE);
    }

    /**
     * The interleaved table of a list of orbits: for orbit o and table bin i, {@code stride} floats at
     * (o·bins + i)·stride: per member (v − d, d) with d the forward difference (linear; F·d + (v − d) interpolates
     * with F = 1 + fraction) or (v, 0) (nearest), then the same for the members' mirror images when reflecting.
     * Every entry of {@code t} (orbits · bins · stride floats) is overwritten.
     */
    private float[] table(float[][] q, int[][] orbits, int stride, float[] t) {
        Parallel.forRange(0, orbits.length, o -> {
            int[] members = orbits[o];
            int m = members.length;
            for (int k = 0; k < m; k++) {
                float[] src = q[members[k]];
                for (int i = 0; i < bins; i++) {
                    int at = (o * bins + i) * stride + 2 * k;
                    float v = at(src, i - margin);
                    float d = nearest ? 0f : at(src, i - margin + 1) - v;
                    t[at] = v - d;
                    t[at + 1] = d;
                    if (reflect) {
                        int r = mirror - i - margin;
                        float vr = at(src, r);
                        float dr = nearest ? 0f : at(src, r - 1) - vr;
                        t[at + 2 * m] = vr - dr;
                        t[at + 2 * m + 1] = dr;
                    }
                }
            }
        });
        return t;
    }

    private float at(float[] src, int f) {
        return f >= 0 && f < extent ? src[f] : 0f;
    }

    /** Maps the accumulator planes onto the n × n image. */
    private float[] fold(float[] acc) {
        float[] img = new float[n * n];
        int ic = (int) g.imageCentre();
        Parallel.forRange(0, n, r -> {
            int y = r - ic;
            for (int c = 0; c < n; c++) {
                int x = c - ic;
                img[r * n + c] = slot(acc, x, y, 0) + slot(acc, -y, x, 1) + slot(acc, -x, y, 2) + slot(acc, -y, -x, 3);
            }
        });
        return img;
    }

    /** Contribution of map m to the pixel whose pre-image under the map is (x, y). */
    private float slot(float[] acc, int x, int y, int m) {
        if (!reflect) {
            return acc[((y + half) * width + x + half) * SLOTS + m];
        }
        if (y < 0 || (y == 0 && x <= 0)) {
            return acc[((y + half) * width + x + half) * SLOTS + m];
        }
        return acc[((-y + half) * width - x + half) * SLOTS + 4 + m];
    }

    // Kernels: K = table offset of the pixel's bin, f = 1 + interpolation weight (float bits), one fma per read.
    // Constant offsets from K let the JIT check the table bounds once per pixel.

    /**
     * Two orbits of four per pass (16 pairs with reflection, 8 without): the two orbits' values are added before
     * they go to the accumulator planes, which halves the accumulator loads and stores per pair (the kernel's
     * limit on this machine; measured in BENCHMARKS.md).
     */
    private static void twoQuadsReflected(float[] acc, float[] t, long p, long k, long q, long kq, int jl, int je) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 28) & ~15;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            int m = (int) (q >>> 28) & ~15;
            float g = Float.intBitsToFloat(((int) q >>> 9) | 0x3F800000);
            int o = SLOTS * j;
            acc[o + 0] += Math.fma(f, t[i + 1], t[i + 0]) + Math.fma(g, t[m + 1], t[m + 0]);
            acc[o + 1] += Math.fma(f, t[i + 3], t[i + 2]) + Math.fma(g, t[m + 3], t[m + 2]);
            acc[o + 2] += Math.fma(f, t[i + 5], t[i + 4]) + Math.fma(g, t[m + 5], t[m + 4]);
            acc[o + 3] += Math.fma(f, t[i + 7], t[i + 6]) + Math.fma(g, t[m + 7], t[m + 6]);
            acc[o + 4] += Math.fma(f, t[i + 9], t[i + 8]) + Math.fma(g, t[m + 9], t[m + 8]);
            acc[o + 5] += Math.fma(f, t[i + 11], t[i + 10]) + Math.fma(g, t[m + 11], t[m + 10]);
            acc[o + 6] += Math.fma(f, t[i + 13], t[i + 12]) + Math.fma(g, t[m + 13], t[m + 12]);
            acc[o + 7] += Math.fma(f, t[i + 15], t[i + 14]) + Math.fma(g, t[m + 15], t[m + 14]);
            p += k;
            q += kq;
        }
    }

    private static void twoQuads(float[] acc, float[] t, long p, long k, long q, long kq, int jl, int je) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 29) & ~7;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            int m = (int) (q >>> 29) & ~7;
            float g = Float.intBitsToFloat(((int) q >>> 9) | 0x3F800000);
            int o = SLOTS * j;
            acc[o + 0] += Math.fma(f, t[i + 1], t[i + 0]) + Math.fma(g, t[m + 1], t[m + 0]);
            acc[o + 1] += Math.fma(f, t[i + 3], t[i + 2]) + Math.fma(g, t[m + 3], t[m + 2]);
            acc[o + 2] += Math.fma(f, t[i + 5], t[i + 4]) + Math.fma(g, t[m + 5], t[m + 4]);
            acc[o + 3] += Math.fma(f, t[i + 7], t[i + 6]) + Math.fma(g, t[m + 7], t[m + 6]);
            p += k;
            q += kq;
        }
    }

    private static void quadReflected(float[] acc, float[] t, long p, long k, int jl, int je) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 28) & ~15;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            int o = SLOTS * j;
            acc[o] += Math.fma(f, t[i + 1], t[i]);
            acc[o + 1] += Math.fma(f, t[i + 3], t[i + 2]);
            acc[o + 2] += Math.fma(f, t[i + 5], t[i + 4]);
            acc[o + 3] += Math.fma(f, t[i + 7], t[i + 6]);
            acc[o + 4] += Math.fma(f, t[i + 9], t[i + 8]);
            acc[o + 5] += Math.fma(f, t[i + 11], t[i + 10]);
            acc[o + 6] += Math.fma(f, t[i + 13], t[i + 12]);
            acc[o + 7] += Math.fma(f, t[i + 15], t[i + 14]);
            p += k;
        }
    }

    private static void quad(float[] acc, float[] t, long p, long k, int jl, int je) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 29) & ~7;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            int o = SLOTS * j;
            acc[o] += Math.fma(f, t[i + 1], t[i]);
            acc[o + 1] += Math.fma(f, t[i + 3], t[i + 2]);
            acc[o + 2] += Math.fma(f, t[i + 5], t[i + 4]);
            acc[o + 3] += Math.fma(f, t[i + 7], t[i + 6]);
            p += k;
        }
    }

    private static void pairReflected(float[] acc, float[] t, long p, long k, int jl, int je, int map) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 29) & ~7;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            int o = SLOTS * j;
            acc[o] += Math.fma(f, t[i + 1], t[i]);
            acc[o + map] += Math.fma(f, t[i + 3], t[i + 2]);
            acc[o + 4] += Math.fma(f, t[i + 5], t[i + 4]);
            acc[o + 4 + map] += Math.fma(f, t[i + 7], t[i + 6]);
            p += k;
        }
    }

    private static void pair(float[] acc, float[] t, long p, long k, int jl, int je, int map) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 30) & ~3;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            int o = SLOTS * j;
            acc[o] += Math.fma(f, t[i + 1], t[i]);
            acc[o + map] += Math.fma(f, t[i + 3], t[i + 2]);
            p += k;
        }
    }

    private static void singleReflected(float[] acc, float[] t, long p, long k, int jl, int je) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 30) & ~3;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            int o = SLOTS * j;
            acc[o] += Math.fma(f, t[i + 1], t[i]);
            acc[o + 4] += Math.fma(f, t[i + 3], t[i + 2]);
            p += k;
        }
    }

    private static void single(float[] acc, float[] t, long p, long k, int jl, int je) {
        for (int j = jl; j < je; j++) {
            int i = (int) (p >>> 31) & ~1;
            float f = Float.intBitsToFloat(((int) p >>> 9) | 0x3F800000);
            acc[SLOTS * j] += Math.fma(f, t[i + 1], t[i]);
            p += k;
        }
    }
}
