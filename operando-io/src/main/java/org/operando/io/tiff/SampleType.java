package org.operando.io.tiff;

/** Pixel sample types operando reads and writes in TIFF (SampleFormat 1 = unsigned, 2 = signed, 3 = IEEE float). */
public enum SampleType {
    UINT8(8, 1), INT8(8, 2), UINT16(16, 1), INT16(16, 2), UINT32(32, 1), INT32(32, 2), FLOAT32(32, 3), FLOAT64(64, 3);

    private final int bits;
    private final int format;

    SampleType(int bits, int format) {
        this.bits = bits;
        this.format = format;
    }

    public int bits() {
        return bits;
    }

    public int bytes() {
        return bits / 8;
    }

    /** TIFF SampleFormat tag value. */
    public int sampleFormat() {
        return format;
    }

    /** The type for TIFF BitsPerSample/SampleFormat, or null when unsupported. */
    public static SampleType of(int bits, int format) {
        for (SampleType t : values()) {
            if (t.bits == bits && t.format == format) {
                return t;
            }
        }
        return null;
    }

    /** Lower-case name as numpy spells it, e.g. uint16, float32. */
    public String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Smallest and largest storable value. */
    double min() {
        return switch (this) {
            case UINT8, UINT16, UINT32 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
        };
    }

    double max() {
        return switch (this) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case UINT16 -> 65535;
            case INT16 -> Short.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            case INT32 -> Integer.MAX_VALUE;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
        };
    }
}
