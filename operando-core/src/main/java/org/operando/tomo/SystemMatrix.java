package org.operando.tomo;

import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;

/**
 * The Joseph system of one slice ({@link JosephProjector}) computed once and kept as a sparse matrix in both
 * row (ray) and column (pixel) order, so that forward and back projection are gathers without races. Built once
 * per geometry and reused for every slice and every channel (e.g. 39 q-bins × 40 slices from 72 projections
 * share one matrix): the geometry is never recomputed. Memory is about 16 bytes per non-zero, roughly
 * 32 · angles · nDet · n bytes; {@link #estimateBytes} tells in advance.
 */
public final class SystemMatrix implements TomoOperator {
    private final ParallelGeometry g;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] val;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final float[] valT;

    private SystemMatrix(ParallelGeometry g, int[] rowPtr, int[] colIdx, float[] val) {
        this.g = g;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.val = val;
        int nPix = g.pixelCount();
        int nnz = val.length;
        colPtr = new int[nPix + 1];
        for (int p = 0; p < nnz; p++) {
            colPtr[colIdx[p] + 1]++;
        }
        for (int i = 0; i < nPix; i++) {
            colPtr[i + 1] += colPtr[i];
        }
        int[] fill = java.util.Arrays.copyOf(colPtr, nPix);
        rowIdx = new int[nnz];
        valT = new float[nnz];
        int rays = g.rayCount();
        for (int ray = 0; ray < rays; ray++) {
            for (int p = rowPtr[ray]; p < rowPtr[ray + 1]; p++) {
                int q = fill[colIdx[p]]++;
                rowIdx[q] = ray;
                valT[q] = val[p];
            }
        }
    }

    /** Upper bound of the memory the matrix needs, in bytes. */
    public static long estimateBytes(ParallelGeometry g) {
        long nnz = (long) g.angleCount() * g.detectorSize() * 2L * g.size();
        return nnz * 16L + (long) g.rayCount() * 4 + (long) g.pixelCount() * 4;
    }

    /** Computes the matrix (in parallel over angles). */
    public static SystemMatrix build(ParallelGeometry g) {
        long bound = (long) g.angleCount() * g.detectorSize() * 2L * g.size();
        InvalidInputException.require(bound < Integer.MAX_VALUE - 16,
                "the system matrix of " + g.angleCount() + " angles x " + g.detectorSize() + " bins x " + g.size()
                        + "^2 pixels is too large to keep; use the on-the-fly projector");
        JosephProjector jp = new JosephProjector(g);
        int nA = g.angleCount();
        int nDet = g.detectorSize();
        int[][] cols = new int[nA][];
        float[][] vals = new float[nA][];
        int[][] counts = new int[nA][];
        Parallel.forRange(0, nA, a -> {
            int cap = nDet * 2 * g.size() + 2;
            int[] c = new int[cap];
            float[] v = new float[cap];
            int[] cnt = new int[nDet];
            int[] pos = {0};
            for (int j = 0; j < nDet; j++) {
                int before = pos[0];
                jp.visitRay(a, j, (pixel, w) -> {
                    c[pos[0]] = pixel;
                    v[pos[0]] = w;
                    pos[0]++;
                });
                cnt[j] = pos[0] - before;
            }
            cols[a] = java.util.Arrays.copyOf(c, pos[0]);
            vals[a] = java.util.Arrays.copyOf(v, pos[0]);
            counts[a] = cnt;
        });
        int rays = g.rayCount();
        int[] rowPtr = new int[rays + 1];
        int nnz = 0;
        for (int a = 0; a < nA; a++) {
            nnz += cols[a].length;
        }
        int[] colIdx = new int[nnz];
        float[] val = new float[nnz];
        int p = 0;
        for (int a = 0; a < nA; a++) {
            System.arraycopy(cols[a], 0, colIdx, p, cols[a].length);
            System.arraycopy(vals[a], 0, val, p, vals[a].length);
            for (int j = 0; j < nDet; j++) {
                int ray = a * nDet + j;
                rowPtr[ray + 1] = rowPtr[ray] + counts[a][j];
            }
            p += cols[a].length;
        }
        return new SystemMatrix(g, rowPtr, colIdx, val);
    }

    @Override
    public ParallelGeometry geometry() {
        return g;
    }

    public int nonZeros() {
        return val.length;
    }

    @Override
    public void forward(float[] x, float[] y, int nc, boolean parallel) {
        JosephProjector.check(x.length == g.pixelCount() * nc && y.length == g.rayCount() * nc, "forward: array sizes");
        int ncp = paddedChannels(nc);
        if (ncp != nc) {
            float[][] buf = SCRATCH.get().take(g.pixelCount() * ncp, g.rayCount() * ncp);
            pad(x, buf[0], nc, ncp);
            forward(buf[0], buf[1], ncp, parallel);
            unpad(buf[1], y, nc, ncp);
            return;
        }
        int nA = g.angleCount();
        int nDet = g.detectorSize();
        if (parallel) {
            Parallel.forRange(0, nA, a -> gather(rowPtr, colIdx, val, x, y, nc, a * nDet, (a + 1) * nDet));
        } else {
            gather(rowPtr, colIdx, val, x, y, nc, 0, g.rayCount());
        }
    }

    @Override
    public void adjoint(float[] y, float[] x, int nc, boolean parallel) {
        JosephProjector.check(x.length == g.pixelCount() * nc && y.length == g.rayCount() * nc, "adjoint: array sizes");
        int ncp = paddedChannels(nc);
        if (ncp != nc) {
            float[][] buf = SCRATCH.get().take(g.pixelCount() * ncp, g.rayCount() * ncp);
            pad(y, buf[1], nc, ncp);
            adjoint(buf[1], buf[0], ncp, parallel);
            unpad(buf[0], x, nc, ncp);
            return;
        }
        int n = g.size();
        if (parallel) {
            Parallel.forRange(0, n, r -> gather(colPtr, rowIdx, valT, y, x, nc, r * n, (r + 1) * n));
        } else {
            gather(colPtr, rowIdx, valT, y, x, nc, 0, g.pixelCount());
        }
    }

    /**
     * The channel stride the gather runs with: a multiple of 4 (for nc &gt; 1), so that every channel goes through
     * a register block of 8 or 4. A lone remainder channel would cost a whole pass over the row's non-zeros with
     * one latency-bound accumulator; for 39 q-bins the three remainder passes took about a third of the time,
     * while copying to and from a stride of 40 costs about 1 %. The padding channels are zero in and ignored out.
     */
    static int paddedChannels(int nc) {
        return nc <= 1 || nc % 4 == 0 ? nc : (nc + 3) / 4 * 4;
    }

    private static void pad(float[] in, float[] out, int nc, int ncp) {
        int m = in.length / nc;
        for (int i = 0; i < m; i++) {
            System.arraycopy(in, i * nc, out, i * ncp, nc);
            for (int k = nc; k < ncp; k++) {
                out[i * ncp + k] = 0f;
            }
        }
    }

    private static void unpad(float[] in, float[] out, int nc, int ncp) {
        int m = out.length / nc;
        for (int i = 0; i < m; i++) {
            System.arraycopy(in, i * ncp, out, i * nc, nc);
        }
    }

    /** Per-thread padded copies of x and y (slices run concurrently, one per thread). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        private float[][] buf = {new float[0], new float[0]};

        float[][] take(int nx, int ny) {
            if (buf[0].length != nx || buf[1].length != ny) {
                buf = new float[][] {new float[nx], new float[ny]};
            }
            return buf;
        }
    }

    /**
     * out[i·nc + k] = Σ_p w[p] · in[idx[p]·nc + k] for rows i in [from, to). Channels go in register blocks of 8
     * and 4 (scalar accumulators kept in registers while the row's non-zeros stream by; the row stays in L1 across
     * blocks), then one by one.
     */
    private static void gather(int[] ptr, int[] idx, float[] w, float[] in, float[] out, int nc, int from, int to) {
        for (int i = from; i < to; i++) {
            int p0 = ptr[i];
            int p1 = ptr[i + 1];
            int k = 0;
            for (; k + 8 <= nc; k += 8) {
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                float a4 = 0;
                float a5 = 0;
                float a6 = 0;
                float a7 = 0;
                for (int p = p0; p < p1; p++) {
                    float wp = w[p];
                    int o = idx[p] * nc + k;
                    a0 = Math.fma(wp, in[o], a0);
                    a1 = Math.fma(wp, in[o + 1], a1);
                    a2 = Math.fma(wp, in[o + 2], a2);
                    a3 = Math.fma(wp, in[o + 3], a3);
                    a4 = Math.fma(wp, in[o + 4], a4);
                    a5 = Math.fma(wp, in[o + 5], a5);
                    a6 = Math.fma(wp, in[o + 6], a6);
                    a7 = Math.fma(wp, in[o + 7], a7);
                }
                int o = i * nc + k;
                out[o] = a0;
                out[o + 1] = a1;
                out[o + 2] = a2;
                out[o + 3] = a3;
                out[o + 4] = a4;
                out[o + 5] = a5;
                out[o + 6] = a6;
                out[o + 7] = a7;
            }
            for (; k + 4 <= nc; k += 4) {
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                for (int p = p0; p < p1; p++) {
                    float wp = w[p];
                    int o = idx[p] * nc + k;
                    a0 = Math.fma(wp, in[o], a0);
                    a1 = Math.fma(wp, in[o + 1], a1);
                    a2 = Math.fma(wp, in[o + 2], a2);
                    a3 = Math.fma(wp, in[o + 3], a3);
                }
                int o = i * nc + k;
                out[o] = a0;
                out[o + 1] = a1;
                out[o + 2] = a2;
                out[o + 3] = a3;
            }
            for (; k < nc; k++) {
                float a0 = 0;
                for (int p = p0; p < p1; p++) {
                    a0 = Math.fma(w[p], in[idx[p] * nc + k], a0);
                }
                out[i * nc + k] = a0;
            }
        }
    }
}
