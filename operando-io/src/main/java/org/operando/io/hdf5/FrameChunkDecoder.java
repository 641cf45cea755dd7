package org.operando.io.hdf5;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.operando.data.FrameSource;
import org.operando.util.InvalidInputException;

/**
 * Decodes a whole-frame chunk ({1, rows, cols}) compressed with the usual detector pipeline (none, deflate, shuffle,
 * or shuffle + deflate) straight into a float frame: the raw chunk is inflated into a per-thread buffer and the bytes
 * are then un-shuffled and converted in one pass, with no intermediate byte arrays (jhdf's filter pipeline allocates
 * and copies the 40 MB of a full Eiger 9M frame three times). The same semantics as jhdf's
 * {@code getDecompressedChunk} followed by the conversion (jhdf ignores per-chunk filter masks too). {@link #plan}
 * returns null for any other pipeline (bitshuffle/LZ4, LZF, …), which then goes through jhdf.
 */
final class FrameChunkDecoder {
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);
    private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[1][]);

    private final int size;
    private final boolean isFloat;
    private final boolean unsigned;
    private final boolean littleEndian;
    private final boolean shuffled;
    private final boolean deflated;

    FrameChunkDecoder(int size, boolean isFloat, boolean unsigned, boolean littleEndian, boolean shuffled,
                              boolean deflated) {
        this.size = size;
        this.isFloat = isFloat;
        this.unsigned = unsigned;
        this.littleEndian = littleEndian;
        this.shuffled = shuffled;
        this.deflated = deflated;
    }

    /**
     * The decoder for chunks of {@code ds} with elements of {@code size} bytes, or null when its filter pipeline is not
     * one of: none, deflate, shuffle, shuffle then deflate (in the order they were applied on writing).
     */
    static FrameChunkDecoder plan(ChunkedDataset ds, int size, boolean isFloat, boolean unsigned, ByteOrder order) {
        List<PipelineFilterWithData> filters;
        try {
            filters = ds.getFilters();
        } catch (RuntimeException e) {
            return null;
        }
        boolean shuffle = false;
        boolean deflate = false;
        int k = 0;
        if (k < filters.size() && filters.get(k).getId() == ShuffleFilter.ID) {
            int[] cd = filters.get(k).getFilterData();
            if (cd == null || cd.length < 1 || cd[0] != size) {
                return null;
            }
            shuffle = true;
            k++;
        }
        if (k < filters.size() && filters.get(k).getId() == DeflateFilter.ID) {
            deflate = true;
            k++;
        }
        if (k != filters.size()) {
            return null;
        }
        return new FrameChunkDecoder(size, isFloat, unsigned, order == ByteOrder.LITTLE_ENDIAN, shuffle, deflate);
    }

    /** A converter of already decompressed, unshuffled chunk bytes (for pipelines jhdf decompresses: {@link #convert}). */
    static FrameChunkDecoder converter(int size, boolean isFloat, boolean unsigned, ByteOrder order) {
        return new FrameChunkDecoder(size, isFloat, unsigned, order == ByteOrder.LITTLE_ENDIAN, false, false);
    }

    /** Decodes chunk {@code offset} of {@code n} elements into {@code out}; {@code what} names it in messages. */
    void decode(ChunkedDataset ds, int[] offset, int n, float[] out, String what) {
        convert(bytes(ds, offset, n, what), n, out);
    }

    /** Pixels per run given to a {@link FrameSource.PixelSink}: 64 KB of floats, which stay in the L1/L2 caches. */
    static final int RUN = 16384;

    /** Decodes chunk {@code offset} of {@code n} elements and gives it to {@code sink} in runs of {@link #RUN}. */
    void stream(ChunkedDataset ds, int[] offset, int n, FrameSource.PixelSink sink, String what) {
        byte[] b = bytes(ds, offset, n, what);
        float[] run = new float[Math.min(RUN, n)];
        for (int from = 0; from < n; from += RUN) {
            int count = Math.min(RUN, n - from);
            convert(b, n, from, count, run);
            sink.accept(from, run, 0, count);
        }
    }

    /** The decompressed bytes of a chunk of {@code n} elements, in a per-thread buffer (valid until the next call). */
    private byte[] bytes(ChunkedDataset ds, int[] offset, int n, String what) {
        ByteBuffer raw = ds.getRawChunkBuffer(offset);
        int bytes = Math.multiplyExact(n, size);
        byte[] buf;
        if (deflated) {
            buf = buffer(bytes + 1);
            int got = inflate(raw, buf, bytes, what);
            if (got != bytes) {
                throw new InvalidInputException(what + " decompressed to " + got + " bytes, expected " + bytes);
            }
        } else {
            if (raw.remaining() < bytes) {
                throw new InvalidInputException(what + " holds " + raw.remaining() + " bytes, expected " + bytes);
            }
            buf = buffer(bytes);
            raw.get(buf, 0, bytes);
        }
        return buf;
    }

    private static byte[] buffer(int bytes) {
        byte[][] holder = BUFFER.get();
        if (holder[0] == null || holder[0].length < bytes) {
            holder[0] = new byte[bytes];
        }
        return holder[0];
    }

    /**
     * Inflates the zlib stream in {@code in} into {@code buf} (at least {@code cap} + 1 bytes long); returns the number
     * of bytes it decompresses to, {@code cap} + 1 meaning "more than {@code cap}".
     */
    static int inflate(ByteBuffer in, byte[] buf, int cap, String what) {
        Inflater inflater = INFLATER.get();
        inflater.reset();
        inflater.setInput(in);
        int n = 0;
        try {
            while (!inflater.finished() && n <= cap) {
                int k = inflater.inflate(buf, n, cap + 1 - n);
                if (k == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new InvalidInputException(what + ": the chunk ends before its zlib stream does"
                            + " (truncated or damaged file)");
                }
                n += k;
            }
        } catch (DataFormatException e) {
            throw new InvalidInputException(what + ": damaged zlib stream (" + e.getMessage() + ")", e);
        }
        return n;
    }

    /** Converts all {@code n} elements of a decoded chunk into {@code out}. */
    void convert(byte[] b, int n, float[] out) {
        convert(b, n, 0, n, out);
    }

    /**
     * Converts elements [from, from + count) of a decoded chunk of {@code n} elements into {@code out[0 .. count)}.
     * Element i is at bytes [i·size, (i+1)·size) unshuffled, or byte j of it at j·n + i shuffled.
     */
    void convert(byte[] b, int n, int from, int count, float[] out) {
        if (size == 1) {
            for (int i = 0; i < count; i++) {
                out[i] = unsigned ? b[from + i] & 0xff : b[from + i];
            }
            return;
        }
        int stride = shuffled ? n : 1;    // distance between the bytes of one element
        int step = shuffled ? 1 : size;   // distance between consecutive elements
        // position of the least significant byte within an element, and the step towards the more significant ones
        int lsb = littleEndian ? 0 : (size - 1) * stride;
        int up = littleEndian ? stride : -stride;
        int first = lsb + from * step;
        switch (size) {
            case 2 -> {
                for (int i = 0, o = first; i < count; i++, o += step) {
                    int v = (b[o] & 0xff) | b[o + up] << 8;
                    out[i] = unsigned ? v & 0xffff : (short) v;
                }
            }
            case 4 -> {
                int u2 = 2 * up;
                int u3 = 3 * up;
                if (isFloat) {
                    for (int i = 0, o = first; i < count; i++, o += step) {
                        out[i] = Float.intBitsToFloat(word(b, o, up, u2, u3));
                    }
                } else if (unsigned) {
                    for (int i = 0, o = first; i < count; i++, o += step) {
                        out[i] = (float) (word(b, o, up, u2, u3) & 0xffffffffL);
                    }
                } else {
                    for (int i = 0, o = first; i < count; i++, o += step) {
                        out[i] = word(b, o, up, u2, u3);
                    }
                }
            }
            default -> { // 8
                for (int i = 0, o = first; i < count; i++, o += step) {
                    long v = 0;
                    for (int k = 7; k >= 0; k--) {
                        v = v << 8 | (b[o + k * up] & 0xff);
                    }
                    if (isFloat) {
                        out[i] = (float) Double.longBitsToDouble(v);
                    } else {
                        out[i] = unsigned && v < 0 ? (float) (v >>> 1) * 2f : v;
                    }
                }
            }
        }
    }

    private static int word(byte[] b, int o, int u1, int u2, int u3) {
        return (b[o] & 0xff) | (b[o + u1] & 0xff) << 8 | (b[o + u2] & 0xff) << 16 | b[o + u3] << 24;
    }
}
