package org.operando.io.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The HDF5 deflate filter (id 1, zlib stream). Replaces jhdf 0.13's implementation, which inflates into a growing
 * {@code ByteArrayOutputStream} (a copy per doubling plus one at the end); this one inflates into a per-thread buffer
 * that keeps the size of the previous chunk (the chunks of one dataset are usually all the same size) and copies
 * once.
 */
public final class DeflateFilter implements Filter {
    public static final int ID = 1;
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);
    private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[1][]);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "deflate";
    }

    @Override
    public byte[] decode(byte[] in, int[] cd) {
        Inflater inflater = INFLATER.get();
        inflater.reset();
        inflater.setInput(in);
        byte[][] holder = BUFFER.get();
        byte[] buf = holder[0];
        if (buf == null || buf.length < Math.max(1024, 2 * in.length)) {
            buf = new byte[Math.max(1024, 4 * in.length)];
        }
        int n = 0;
        try {
            while (!inflater.finished()) {
                if (n == buf.length) {
                    if (buf.length > Integer.MAX_VALUE / 2 - 16) {
                        throw new HdfFilterException("deflate: chunk inflates to more than 1 GiB");
                    }
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int k = inflater.inflate(buf, n, buf.length - n);
                if (k == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new HdfFilterException("deflate: chunk of " + in.length
                            + " bytes ends before its zlib stream does (truncated or damaged file)");
                }
                n += k;
            }
        } catch (DataFormatException e) {
            throw new HdfFilterException("deflate: damaged zlib stream in a chunk of " + in.length + " bytes: "
                    + e.getMessage(), e);
        }
        holder[0] = buf;
        return java.util.Arrays.copyOf(buf, n);
    }
}
