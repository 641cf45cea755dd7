package org.operando.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.operando.util.InvalidInputException;

/** TIFF strip codecs (PackBits, LZW) and sample conversion to float32. */
final class Codecs {
    private Codecs() { }

    /** PackBits (Apple/TIFF 32773): header n ≥ 0 copies n+1 bytes, -127..-1 repeats the next byte 1-n times. */
    static void unpackBits(byte[] in, byte[] out, int dst, int want, String where) {
        int i = 0;
        int o = dst;
        int end = dst + want;
        while (o < end) {
            if (i >= in.length) {
                throw new InvalidInputException(where + ": PackBits strip ends early (" + (o - dst) + " of " + want + " bytes)");
            }
            int n = in[i++];
            if (n >= 0) {
                int len = n + 1;
                if (i + len > in.length || o + len > end) {
                    throw new InvalidInputException(where + ": damaged PackBits strip");
                }
                System.arraycopy(in, i, out, o, len);
                i += len;
                o += len;
            } else if (n != -128) {
                int len = 1 - n;
                if (i >= in.length || o + len > end) {
                    throw new InvalidInputException(where + ": damaged PackBits strip");
                }
                java.util.Arrays.fill(out, o, o + len, in[i++]);
                o += len;
            }
        }
    }

    /** TIFF LZW (MSB-first codes of 9-12 bits, ClearCode 256, EOI 257, "early change" code width switch). */
    static void lzwDecode(byte[] in, byte[] out, int dst, int want, String where) {
        final int clear = 256;
        final int eoi = 257;
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        int[] length = new int[4096];
        byte[] first = new byte[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
            prefix[i] = -1;
        }
        int next = 258;
        int width = 9;
        long bitPos = 0;
        long totalBits = (long) in.length * 8;
        int old = -1;
        int o = dst;
        int end = dst + want;
        byte[] stack = new byte[4096];
        while (o < end) {
            if (bitPos + width > totalBits) {
                break; // some writers omit EOI; a short strip is reported below
            }
            int code = 0;
            for (int b = 0; b < width; b++) {
                long bp = bitPos + b;
                code = (code << 1) | ((in[(int) (bp >>> 3)] >> (7 - (int) (bp & 7))) & 1);
            }
            bitPos += width;
            if (code == eoi) {
                break;
            }
            if (code == clear) {
                next = 258;
                width = 9;
                old = -1;
                continue;
            }
            int emit;
            byte firstByte;
            if (code < next && (code < 256 || code >= 258)) {
                emit = code;
                firstByte = first[code];
                if (old >= 0 && next < 4096) {
                    add(prefix, suffix, length, first, next++, old, firstByte);
                }
            } else if (code == next && old >= 0) {
                firstByte = first[old];
                if (next >= 4096) {
                    throw new InvalidInputException(where + ": damaged LZW strip (table overflow)");
                }
                add(prefix, suffix, length, first, next++, old, firstByte);
                emit = code;
            } else {
                throw new InvalidInputException(where + ": damaged LZW strip (code " + code + " undefined)");
            }
            int len = length[emit];
            int c = emit;
            for (int k = len - 1; k >= 0; k--) {
                stack[k] = suffix[c];
                c = prefix[c];
            }
            int take = Math.min(len, end - o);
            System.arraycopy(stack, 0, out, o, take);
            o += take;
            old = emit;
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        if (o < end) {
            throw new InvalidInputException(where + ": LZW strip ends early (" + (o - dst) + " of " + want + " bytes)");
        }
    }

    private static void add(int[] prefix, byte[] suffix, int[] length, byte[] first, int code, int old, byte c) {
        prefix[code] = old;
        suffix[code] = c;
        length[code] = length[old] + 1;
        first[code] = first[old];
    }

    /** Converts raw samples to float32 (unsigned values keep their magnitude). */
    static void toFloat(byte[] raw, ByteOrder order, SampleType t, float[] out) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        int n = out.length;
        switch (t) {
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = raw[i] & 0xff;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = raw[i];
                }
            }
            case UINT16 -> {
                var s = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(i) & 0xffff;
                }
            }
            case INT16 -> {
                var s = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(i);
                }
            }
            case UINT32 -> {
                var s = b.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (s.get(i) & 0xffffffffL);
                }
            }
            case INT32 -> {
                var s = b.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(i);
                }
            }
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                var s = b.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) s.get(i);
                }
            }
        }
    }
}
