package org.operando.data;

/**
 * A float32 array addressed by {@code long}, stored in fixed-size chunks so that it can hold more than
 * 2^31 elements (a 2048³ volume, or a volume of curves with 39 q-bins). Chunks are allocated on first write,
 * so a sparse array costs little until used; reads of untouched chunks return 0.
 */
public final class LargeFloatArray {
    /** Elements per chunk: 2^26 floats = 256 MiB. */
    public static final int CHUNK_BITS = 26;
    static final int DEFAULT_CHUNK_BITS = CHUNK_BITS;

    private final long length;
    private final int chunkBits;
    private final long chunkMask;
    private final float[][] chunks;

    public LargeFloatArray(long length) {
        this(length, DEFAULT_CHUNK_BITS);
    }

    /** With a chosen chunk size 2^chunkBits (tests use small chunks to exercise chunk boundaries). */
    public LargeFloatArray(long length, int chunkBits) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (chunkBits < 1 || chunkBits > 30) {
            throw new IllegalArgumentException("chunkBits must be in [1, 30], got " + chunkBits);
        }
        this.length = length;
        this.chunkBits = chunkBits;
        this.chunkMask = (1L << chunkBits) - 1;
        long nChunks = (length + chunkMask) >>> chunkBits;
        if (nChunks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + length + " elements is too large");
        }
        this.chunks = new float[(int) nChunks][];
    }

    public long length() {
        return length;
    }

    public int chunkSize() {
        return 1 << chunkBits;
    }

    public int chunkCount() {
        return chunks.length;
    }

    public float get(long i) {
        checkIndex(i);
        float[] c = chunks[(int) (i >>> chunkBits)];
        return c == null ? 0f : c[(int) (i & chunkMask)];
    }

    public void set(long i, float v) {
        checkIndex(i);
        chunk((int) (i >>> chunkBits))[(int) (i & chunkMask)] = v;
    }

    public void add(long i, float v) {
        checkIndex(i);
        chunk((int) (i >>> chunkBits))[(int) (i & chunkMask)] += v;
    }

    /** Copies {@code n} elements starting at {@code from} into {@code dst[dstOffset..]}. */
    public void read(long from, float[] dst, int dstOffset, int n) {
        checkRange(from, n);
        long pos = from;
        int done = 0;
        while (done < n) {
            int ci = (int) (pos >>> chunkBits);
            int off = (int) (pos & chunkMask);
            int take = Math.min(n - done, (1 << chunkBits) - off);
            float[] c = chunks[ci];
            if (c == null) {
                java.util.Arrays.fill(dst, dstOffset + done, dstOffset + done + take, 0f);
            } else {
                System.arraycopy(c, off, dst, dstOffset + done, take);
            }
            done += take;
            pos += take;
        }
    }

    /** Copies {@code n} elements from {@code src[srcOffset..]} to positions starting at {@code to}. */
    public void write(long to, float[] src, int srcOffset, int n) {
        checkRange(to, n);
        long pos = to;
        int done = 0;
        while (done < n) {
            int ci = (int) (pos >>> chunkBits);
            int off = (int) (pos & chunkMask);
            int take = Math.min(n - done, (1 << chunkBits) - off);
            System.arraycopy(src, srcOffset + done, chunk(ci), off, take);
            done += take;
            pos += take;
        }
    }

    private float[] chunk(int ci) {
        float[] c = chunks[ci];
        if (c == null) {
            synchronized (this) {
                c = chunks[ci];
                if (c == null) {
                    long start = (long) ci << chunkBits;
                    c = new float[(int) Math.min(1L << chunkBits, length - start)];
                    chunks[ci] = c;
                }
            }
        }
        return c;
    }

    private void checkIndex(long i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("index " + i + " outside [0, " + length + ")");
        }
    }

    private void checkRange(long from, int n) {
        if (from < 0 || n < 0 || from + n > length) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + (from + n) + ") outside [0, " + length + ")");
        }
    }
}
