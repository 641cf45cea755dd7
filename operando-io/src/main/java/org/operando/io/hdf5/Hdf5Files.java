package org.operando.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.ArrayDataType;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.Reference;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.operando.util.InvalidInputException;

/**
 * Opening HDF5 files defensively (clear {@link InvalidInputException} for a missing file, a file that is not HDF5,
 * a truncated file, a missing dataset path) and naming HDF5 data types the way people read them ("uint32 LE").
 */
public final class Hdf5Files {
    /** The 8-byte HDF5 format signature. */
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    static {
        // jhdf 0.13 decodes the last partial bitshuffle block wrongly; our filter replaces its id-32008 entry.
        io.jhdf.filter.FilterManager.addFilter(new BitshuffleLz4Filter());
        // faster deflate and byte-shuffle decoders than jhdf's (full-size Eiger frames are 40 MB each)
        io.jhdf.filter.FilterManager.addFilter(new DeflateFilter());
        io.jhdf.filter.FilterManager.addFilter(new ShuffleFilter());
    }

    private Hdf5Files() { }

    /** Makes sure operando's HDF5 filters are registered with jhdf (idempotent; also done by {@link #open}). */
    public static void registerFilters() {
        // the static initialiser has run when this returns
    }

    /** True when {@code file} carries the HDF5 signature at offset 0, 512, 1024, ... (user block), as the spec allows. */
    public static boolean hasSignature(Path file) {
        try {
            long size = Files.size(file);
            try (var ch = Files.newByteChannel(file)) {
                var buf = java.nio.ByteBuffer.allocate(8);
                for (long off = 0; off + 8 <= size; off = off == 0 ? 512 : off * 2) {
                    buf.clear();
                    ch.position(off);
                    while (buf.hasRemaining() && ch.read(buf) > 0) {
                        // read fully
                    }
                    if (!buf.hasRemaining() && Arrays.equals(buf.array(), SIGNATURE)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the first bytes of a stream are the HDF5 signature. */
    public static boolean startsWithSignature(InputStream in) throws IOException {
        byte[] b = in.readNBytes(8);
        return Arrays.equals(b, SIGNATURE);
    }

    /**
     * Opens {@code file} with jhdf. Throws {@link InvalidInputException} naming the file when it is missing, not
     * HDF5 (e.g. a text file named .h5) or so damaged that its superblock and root group cannot be read.
     */
    public static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        if (!hasSignature(file)) {
            throw new InvalidInputException(file + ": not an HDF5 file (no HDF5 signature; expected a file written by"
                    + " HDF5/h5py/NeXus)");
        }
        HdfFile hdf;
        java.nio.channels.FileChannel ch = null;
        try {
            ch = new BoundedFileChannel(java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ));
            hdf = new HdfFile(ch, file.toAbsolutePath().toUri());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            closeQuietly(ch);
            throw new InvalidInputException(file + ": HDF5 file is damaged or truncated (" + reason(e) + ")", e);
        }
        try {
            hdf.getChildren().size(); // forces the root group to be read
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            hdf.close();
            throw new InvalidInputException(file + ": HDF5 file is damaged or truncated, its root group cannot be read ("
                    + reason(e) + ")", e);
        }
        return hdf;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** The node at {@code path}, or an {@link InvalidInputException} naming file::path. */
    public static Node node(HdfFile hdf, Path file, String path) {
        try {
            Node n = hdf.getByPath(path);
            if (n == null) {
                throw new InvalidInputException(file + "::" + path + ": no such group or dataset");
            }
            return n;
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new InvalidInputException(file + "::" + path + ": no such dataset (" + reason(e) + ")", e);
        }
    }

    /** The text attribute {@code name} of {@code n} (the first of a string array); null when absent or not text. */
    public static String stringAttribute(Node n, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s;
        }
        if (d instanceof String[] arr && arr.length > 0) {
            return arr[0];
        }
        return null;
    }

    /** The dataset at {@code path}; a clear error when it is missing or a group. */
    public static Dataset dataset(HdfFile hdf, Path file, String path) {
        Node n = node(hdf, file, path);
        if (n instanceof Dataset ds) {
            return ds;
        }
        throw new InvalidInputException(file + "::" + path + ": is a group, expected a dataset");
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? s : s + ": " + (m.length() > 200 ? m.substring(0, 200) + "…" : m);
    }

    /** A short dtype name like numpy's: int32, uint32 LE, float32, string, compound, ... */
    public static String typeName(DataType t) {
        if (t instanceof FixedPoint fp) {
            return (fp.isSigned() ? "int" : "uint") + (fp.getSize() * 8) + order(fp.getByteOrder(), fp.getSize());
        }
        if (t instanceof FloatingPoint f) {
            return "float" + (f.getSize() * 8) + order(f.getByteOrder(), f.getSize());
        }
        if (t instanceof StringData) {
            return "string[" + t.getSize() + "]";
        }
        if (t instanceof VariableLength) {
            return "vlen string";
        }
        if (t instanceof BitField) {
            return "bitfield" + (t.getSize() * 8);
        }
        if (t instanceof EnumDataType) {
            return "enum";
        }
        if (t instanceof CompoundDataType) {
            return "compound";
        }
        if (t instanceof ArrayDataType) {
            return "array";
        }
        if (t instanceof Reference) {
            return "reference";
        }
        return t == null ? "?" : t.getClass().getSimpleName();
    }

    private static String order(ByteOrder o, int size) {
        if (size <= 1 || o == null) {
            return "";
        }
        return o == ByteOrder.LITTLE_ENDIAN ? " LE" : " BE";
    }

    /** True for unsigned fixed-point types. */
    public static boolean isUnsigned(DataType t) {
        return t instanceof FixedPoint fp && !fp.isSigned();
    }
}
