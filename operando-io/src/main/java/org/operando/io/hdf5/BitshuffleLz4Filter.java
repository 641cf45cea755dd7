package org.operando.io.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The bitshuffle HDF5 filter (id 32008) with LZ4 or no compression, as Dectris Eiger/Pilatus4 and the MAX IV,
 * ESRF and PSI pipelines write it. Replaces jhdf 0.13's own implementation, which decodes the last, partial block
 * of every chunk wrongly (the final {@code n mod blockSize} elements of each frame came out as garbage; found by
 * comparing with h5py + the bitshuffle plugin on the shipped Pilatus and Eiger files).
 *
 * <p>Chunk layout (bitshuffle's {@code bshuf_h5filter.c}): 8-byte big-endian uncompressed size, 4-byte big-endian
 * block size in bytes, then per block of {@code blockSize} elements a 4-byte big-endian compressed size and the
 * LZ4 block of the bit-transposed elements. The last {@code (n mod blockSize)} elements form one smaller block of
 * a multiple of 8 elements, and the final {@code n mod 8} elements are stored verbatim. Bit transposition: bit k
 * of byte j of element i is bit {@code (j*8+k)*blockSize + i} of the block (LSB first).
 *
 * <p>Damaged input raises {@link HdfFilterException}; sizes are checked against the input before allocating.
 */
public final class BitshuffleLz4Filter implements Filter {
    public static final int ID = 32008;
    private static final int COMPRESSION_NONE = 0;
    private static final int COMPRESSION_LZ4 = 2;
    private static final int COMPRESSION_ZSTD = 3;
    /** LZ4 never expands more than 255:1; bounds an allocation claimed by a (possibly corrupt) header. */
    private static final long LZ4_MAX_RATIO = 256;

    /** Native LZ4 when lz4-java's JNI library loads, else pure Java; only bounds-checked ("safe") decompressors are used. */
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "bitshuffle";
    }

    @Override
    public byte[] decode(byte[] in, int[] cd) {
        if (cd == null || cd.length < 3 || cd[2] <= 0 || cd[2] > 64) {
            throw new HdfFilterException("bitshuffle: filter parameters " + java.util.Arrays.toString(cd)
                    + " give no element size");
        }
        int elem = cd[2];
        int compression = cd.length > 4 ? cd[4] : COMPRESSION_NONE;
        if (compression == COMPRESSION_ZSTD) {
            throw new HdfFilterException("bitshuffle+zstd chunks are not supported (only bitshuffle+LZ4 and plain bitshuffle)");
        }
        if (compression != COMPRESSION_NONE && compression != COMPRESSION_LZ4) {
            throw new HdfFilterException("bitshuffle: unknown compression " + compression);
        }
        if (in.length < 12) {
            throw new HdfFilterException("bitshuffle: chunk of " + in.length + " bytes is shorter than its 12-byte header");
        }
        long nbytes = readLong(in, 0);
        long blockBytes = readInt(in, 8) & 0xffffffffL;
        long bound = compression == COMPRESSION_LZ4 ? (in.length - 12L) * LZ4_MAX_RATIO + 64 : in.length - 12L;
        if (nbytes < 0 || nbytes > Integer.MAX_VALUE - 8 || nbytes > bound || nbytes % elem != 0) {
            throw new HdfFilterException("bitshuffle: chunk header claims " + nbytes + " bytes, impossible for "
                    + in.length + " stored bytes of " + elem + "-byte elements");
        }
        int n = (int) (nbytes / elem);
        int block = (int) (blockBytes / elem);
        if (blockBytes % elem != 0 || block <= 0 || block % 8 != 0) {
            throw new HdfFilterException("bitshuffle: block size " + blockBytes + " bytes is not a positive multiple of 8 elements");
        }
        byte[] out = new byte[(int) nbytes];
        int pos = 12;
        int done = 0;
        LZ4SafeDecompressor lz4 = LZ4.safeDecompressor();
        byte[] tmp = new byte[Math.min(block, n - n % 8) * elem];
        while (n - done >= 8) {
            int size = Math.min(block, n - done);
            size -= size % 8;
            int bytes = size * elem;
            if (compression == COMPRESSION_LZ4) {
                if (pos + 4 > in.length) {
                    throw new HdfFilterException("bitshuffle: chunk truncated at byte " + pos);
                }
                int clen = readInt(in, pos);
                pos += 4;
                if (clen < 0 || pos + (long) clen > in.length) {
                    throw new HdfFilterException("bitshuffle: LZ4 block of " + clen + " bytes runs past the chunk end");
                }
                int got;
                try {
                    got = lz4.decompress(in, pos, clen, tmp, 0, bytes);
                } catch (LZ4Exception e) {
                    throw new HdfFilterException("bitshuffle: damaged LZ4 block at byte " + pos, e);
                }
                if (got != bytes) {
                    throw new HdfFilterException("bitshuffle: LZ4 block gave " + got + " bytes, expected " + bytes);
                }
                pos += clen;
                unshuffle(tmp, 0, out, done * elem, size, elem);
            } else {
                if (pos + (long) bytes > in.length) {
                    throw new HdfFilterException("bitshuffle: chunk truncated at byte " + pos);
                }
                unshuffle(in, pos, out, done * elem, size, elem);
                pos += bytes;
            }
            done += size;
        }
        int rest = (n - done) * elem;
        if (pos + (long) rest > in.length) {
            throw new HdfFilterException("bitshuffle: chunk truncated in its last " + rest + " verbatim bytes");
        }
        System.arraycopy(in, pos, out, done * elem, rest);
        return out;
    }

    /**
     * Encodes like bitshuffle's HDF5 filter with LZ4 (used by tests to produce chunks of every awkward length).
     * {@code blockElems} must be a positive multiple of 8.
     */
    public static byte[] encodeLz4(byte[] data, int elem, int blockElems) {
        if (blockElems <= 0 || blockElems % 8 != 0 || data.length % elem != 0) {
            throw new IllegalArgumentException("block size " + blockElems + " / data length " + data.length);
        }
        int n = data.length / elem;
        LZ4Compressor c = LZ4.fastCompressor();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] head = new byte[12];
        writeLong(head, 0, data.length);
        writeInt(head, 8, blockElems * elem);
        out.writeBytes(head);
        int done = 0;
        byte[] shuffled = new byte[blockElems * elem];
        byte[] comp = new byte[c.maxCompressedLength(shuffled.length)];
        byte[] len = new byte[4];
        while (n - done >= 8) {
            int size = Math.min(blockElems, n - done);
            size -= size % 8;
            shuffle(data, done * elem, shuffled, size, elem);
            int clen = c.compress(shuffled, 0, size * elem, comp, 0, comp.length);
            writeInt(len, 0, clen);
            out.writeBytes(len);
            out.write(comp, 0, clen);
            done += size;
        }
        out.write(data, done * elem, (n - done) * elem);
        return out.toByteArray();
    }

    /**
     * Inverse bit transposition of {@code size} elements (a multiple of 8) of {@code elem} bytes: plane
     * p = j*8+k holds bit k of byte j of every element, element i at bit i of the plane (LSB first).
     */
    static void unshuffle(byte[] in, int inOff, byte[] out, int outOff, int size, int elem) {
        int planeBytes = size / 8;
        // 8 elements (8 * elem contiguous output bytes) at a time; the 8*elem input planes are read sequentially
        for (int g = 0; g < planeBytes; g++) {
            int o = outOff + g * 8 * elem;
            int base = inOff + g;
            for (int j = 0; j < elem; j++) {
                int p = base + j * 8 * planeBytes;
                long x = (in[p] & 0xffL)
                        | (in[p + planeBytes] & 0xffL) << 8
                        | (in[p + 2 * planeBytes] & 0xffL) << 16
                        | (in[p + 3 * planeBytes] & 0xffL) << 24
                        | (in[p + 4 * planeBytes] & 0xffL) << 32
                        | (in[p + 5 * planeBytes] & 0xffL) << 40
                        | (in[p + 6 * planeBytes] & 0xffL) << 48
                        | (in[p + 7 * planeBytes] & 0xffL) << 56;
                x = transpose8(x);
                int q = o + j;
                for (int m = 0; m < 8; m++) {
                    out[q + m * elem] = (byte) (x >>> (8 * m));
                }
            }
        }
    }

    /** Forward bit transposition (the inverse of {@link #unshuffle}). */
    static void shuffle(byte[] in, int inOff, byte[] out, int size, int elem) {
        int planeBytes = size / 8;
        for (int j = 0; j < elem; j++) {
            int planeBase = j * 8 * planeBytes;
            for (int g = 0; g < planeBytes; g++) {
                long x = 0;
                int o = inOff + (g * 8) * elem + j;
                for (int m = 0; m < 8; m++) {
                    x |= (in[o + m * elem] & 0xffL) << (8 * m);
                }
                x = transpose8(x);
                for (int k = 0; k < 8; k++) {
                    out[planeBase + k * planeBytes + g] = (byte) (x >>> (8 * k));
                }
            }
        }
    }

    /**
     * Transposes the 8x8 bit matrix held in {@code x} (row r = byte r, column c = bit c): bit c of byte r moves
     * to bit r of byte c.
     */
    static long transpose8(long x) {
        long t;
        t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        x = x ^ t ^ (t << 28);
        return x;
    }

    private static long readLong(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[o + i] & 0xffL);
        }
        return v;
    }

    private static int readInt(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    private static void writeLong(byte[] b, int o, long v) {
        for (int i = 7; i >= 0; i--) {
            b[o + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static void writeInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
