package org.operando.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.util.InvalidInputException;

/**
 * Frames from an HDF5 dataset of shape [frames, rows, cols] (or a single [rows, cols] image), read one frame
 * at a time with jhdf (chunked datasets with deflate, LZF, bitshuffle+LZ4 filters). Integer types are
 * converted to float32; unsigned 32-bit values keep their magnitude (Eiger overflow 2^32-1 stays large).
 */
public final class Hdf5FrameSource implements FrameSource {
    private final Path file;
    private final String datasetPath;
    private final HdfFile hdf;
    private final Dataset dataset;
    private final int frames;
    private final int rows;
    private final int cols;
    private final boolean unsigned;
    /**
     * Whole-frame chunks ({1, rows, cols} of a fixed-point or float type): their byte converter, null for other
     * layouts; {@link #fused} when it also decompresses (none/deflate/shuffle pipelines), else jhdf decompresses.
     * Planned on the first read.
     */
    private FrameChunkDecoder wholeChunk;
    private boolean fused;
    private boolean planned;

    private Hdf5FrameSource(Path file, String datasetPath, HdfFile hdf, Dataset dataset, int frames, int rows, int cols,
                            boolean unsigned) {
        this.file = file;
        this.datasetPath = datasetPath;
        this.hdf = hdf;
        this.dataset = dataset;
        this.frames = frames;
        this.rows = rows;
        this.cols = cols;
        this.unsigned = unsigned;
    }

    /** Largest frame accepted (pixels); a bigger "frame" is a damaged file or a wrong dataset, not a detector. */
    static final long MAX_FRAME_PIXELS = 1L << 26;

    /** Opens {@code datasetPath} in {@code file}; throws {@link InvalidInputException} naming both on bad input. */
    public static Hdf5FrameSource open(Path file, String datasetPath) {
        HdfFile hdf = Hdf5Files.open(file);
        try {
            Dataset ds = Hdf5Files.dataset(hdf, file, datasetPath);
            String where = file + "::" + datasetPath;
            int[] dims;
            try {
                dims = ds.isScalar() ? new int[0] : ds.getDimensions();
            } catch (RuntimeException e) {
                throw new InvalidInputException(where + ": dataset shape cannot be read (" + Hdf5Files.reason(e) + ")", e);
            }
            int f;
            int r;
            int c;
            if (dims.length == 3) {
                f = dims[0];
                r = dims[1];
                c = dims[2];
            } else if (dims.length == 2) {
                f = 1;
                r = dims[0];
                c = dims[1];
            } else {
                throw new InvalidInputException(where + ": has shape " + java.util.Arrays.toString(dims)
                        + ", expected [frames, rows, cols] or [rows, cols]");
            }
            if (f <= 0 || r <= 0 || c <= 0) {
                throw new InvalidInputException(where + ": is empty (shape " + java.util.Arrays.toString(dims) + ")");
            }
            if ((long) r * c > MAX_FRAME_PIXELS) {
                throw new InvalidInputException(where + ": frames of " + r + " x " + c + " pixels are larger than "
                        + MAX_FRAME_PIXELS + " pixels; expected a detector image stack");
            }
            Class<?> type;
            try {
                type = ds.getJavaType();
            } catch (RuntimeException e) {
                throw new InvalidInputException(where + ": data type cannot be read (" + Hdf5Files.reason(e) + ")", e);
            }
            if (!(type == int.class || type == long.class || type == short.class || type == byte.class
                    || type == float.class || type == double.class)) {
                throw new InvalidInputException(where + ": has type " + Hdf5Files.typeName(ds.getDataType())
                        + ", expected a numeric image dataset");
            }
            boolean uns = Hdf5Files.isUnsigned(ds.getDataType());
            return new Hdf5FrameSource(file, datasetPath, hdf, ds, f, r, c, uns);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            hdf.close();
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(file + "::" + datasetPath + ": cannot be opened (" + Hdf5Files.reason(e) + ")", e);
        }
    }

    /** The HDF5 data type of the frames, e.g. "uint32 LE". */
    public String dataTypeName() {
        return Hdf5Files.typeName(dataset.getDataType());
    }

    @Override
    public int frameCount() {
        return frames;
    }

    @Override
    public int width() {
        return cols;
    }

    @Override
    public int height() {
        return rows;
    }

    @Override
    public synchronized Frame read(int index) throws IOException {
        checkIndex(index);
        float[] fast = readWholeChunk(index);
        if (fast != null) {
            return new Frame(cols, rows, fast);
        }
        Object data;
        try {
            if (dataset.getDimensions().length == 3) {
                data = dataset.getData(new long[] {index, 0, 0}, new int[] {1, rows, cols});
            } else {
                data = dataset.getData();
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw damaged(index, e);
        }
        float[] out = new float[rows * cols];
        flatten(data, out, new int[] {0}, unsigned);
        return new Frame(cols, rows, out);
    }

    /**
     * Whole-frame chunks with the fused decoder are decoded and converted in runs of pixels, without building the
     * float frame; other layouts and pipelines are read whole and given as one run.
     */
    @Override
    public synchronized void stream(int index, PixelSink sink) throws IOException {
        checkIndex(index);
        if (wholeChunk() == null || !fused) {
            Frame f = read(index);
            sink.accept(0, f.data(), 0, f.data().length);
            return;
        }
        try {
            wholeChunk.stream((io.jhdf.api.dataset.ChunkedDataset) dataset, new int[] {index, 0, 0}, rows * cols, sink,
                    description() + ": frame " + index);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw damaged(index, e);
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= frames) {
            throw new IndexOutOfBoundsException("frame " + index + " outside [0, " + frames + ") of " + description());
        }
    }

    /** jhdf reports damaged chunks (truncated file, corrupt compressed stream) with assorted runtime exceptions. */
    private InvalidInputException damaged(int index, Throwable e) {
        return new InvalidInputException(description() + ": frame " + index + " cannot be read, the file is damaged"
                + " or truncated (" + Hdf5Files.reason(e) + ")", e);
    }

    /** The converter of whole-frame chunks (planned once; sets {@link #fused}), or null when the layout differs. */
    private FrameChunkDecoder wholeChunk() {
        if (planned) {
            return wholeChunk;
        }
        planned = true;
        if (!(dataset instanceof io.jhdf.api.dataset.ChunkedDataset cd) || dataset.getDimensions().length != 3) {
            return null;
        }
        int[] chunk = cd.getChunkDimensions();
        io.jhdf.object.datatype.DataType t = dataset.getDataType();
        if (chunk.length != 3 || chunk[0] != 1 || chunk[1] != rows || chunk[2] != cols
                || !(t instanceof io.jhdf.object.datatype.FixedPoint || t instanceof io.jhdf.object.datatype.FloatingPoint)) {
            return null;
        }
        int size = t.getSize();
        boolean isFloat = t instanceof io.jhdf.object.datatype.FloatingPoint;
        if (isFloat ? size != 4 && size != 8 : size != 1 && size != 2 && size != 4 && size != 8) {
            return null;
        }
        java.nio.ByteOrder order = ((io.jhdf.object.datatype.OrderedDataType) t).getByteOrder();
        wholeChunk = FrameChunkDecoder.plan(cd, size, isFloat, unsigned, order);
        fused = wholeChunk != null;
        if (!fused) {
            wholeChunk = FrameChunkDecoder.converter(size, isFloat, unsigned, order);
        }
        return wholeChunk;
    }

    /**
     * Fast path for the usual detector layout, one frame per chunk ({1, rows, cols}): the chunk is decompressed (by
     * the fused decoder, or by jhdf's filters for other pipelines) and its bytes converted directly, skipping jhdf's
     * multi-dimensional Java arrays. Null when the layout differs.
     */
    private float[] readWholeChunk(int index) {
        FrameChunkDecoder d = wholeChunk();
        if (d == null) {
            return null;
        }
        int n = rows * cols;
        float[] out = new float[n];
        byte[] raw;
        try {
            if (fused) {
                d.decode((io.jhdf.api.dataset.ChunkedDataset) dataset, new int[] {index, 0, 0}, n, out,
                        description() + ": frame " + index);
                return out;
            }
            raw = ((io.jhdf.api.dataset.ChunkedDataset) dataset).getDecompressedChunk(new int[] {index, 0, 0});
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw damaged(index, e);
        }
        long bytes = (long) n * dataset.getDataType().getSize();
        if (raw == null || raw.length < bytes) {
            throw new InvalidInputException(description() + ": frame " + index + " decompressed to "
                    + (raw == null ? 0 : raw.length) + " bytes, expected " + bytes);
        }
        d.convert(raw, n, out);
        return out;
    }

    private static void flatten(Object array, float[] out, int[] pos, boolean unsigned) {
        if (array instanceof int[] a) {
            int p = pos[0];
            if (unsigned) {
                for (int v : a) {
                    out[p++] = (float) Integer.toUnsignedLong(v);
                }
            } else {
                for (int v : a) {
                    out[p++] = v;
                }
            }
            pos[0] = p;
        } else if (array instanceof long[] a) {
            int p = pos[0];
            for (long v : a) {
                out[p++] = unsigned && v < 0 ? (float) (v >>> 1) * 2f : v;
            }
            pos[0] = p;
        } else if (array instanceof short[] a) {
            int p = pos[0];
            for (short v : a) {
                out[p++] = unsigned ? Short.toUnsignedInt(v) : v;
            }
            pos[0] = p;
        } else if (array instanceof byte[] a) {
            int p = pos[0];
            for (byte v : a) {
                out[p++] = unsigned ? Byte.toUnsignedInt(v) : v;
            }
            pos[0] = p;
        } else if (array instanceof float[] a) {
            System.arraycopy(a, 0, out, pos[0], a.length);
            pos[0] += a.length;
        } else if (array instanceof double[] a) {
            int p = pos[0];
            for (double v : a) {
                out[p++] = (float) v;
            }
            pos[0] = p;
        } else if (array != null && array.getClass().isArray()) {
            int n = Array.getLength(array);
            for (int i = 0; i < n; i++) {
                flatten(Array.get(array, i), out, pos, unsigned);
            }
        } else {
            throw new IllegalStateException("unexpected HDF5 data type " + (array == null ? "null" : array.getClass()));
        }
    }

    /** True once a frame has been read through the fused chunk decoder (package-private, for tests). */
    boolean fusedDecoding() {
        return fused;
    }

    @Override
    public String description() {
        return file + "::" + datasetPath;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
