package org.operando.io.nexus;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.CurveSet;
import org.operando.data.CurveVolume;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.data.Volume;
import org.operando.io.AtomicOutput;

/**
 * Writes results as NeXus/HDF5 (readable by h5py, silx, NeXpy): an {@code NXroot} file with one or more
 * {@code NXentry} groups holding {@code NXdata} groups with {@code signal} and {@code axes} attributes, a
 * {@code units} attribute on every axis and signal, {@code long_name}s for plotting, {@code *_indices} attributes and
 * optional {@code data_errors}. Arrays above {@link #CHUNK_THRESHOLD} values are stored chunked and
 * deflate-compressed. The file is always written through {@link AtomicOutput}: it appears complete or not at all.
 *
 * <pre>{@code
 * NexusWriter.write(out, root -> {
 *     NexusWriter.Group entry = root.entry("entry");
 *     entry.addCurve("integrated", curve);
 *     entry.group("process", "NXprocess").dataset("program", "operando");
 * });
 * }</pre>
 *
 * <p>Limit (jhdf 0.13): a dataset is encoded in one Java byte buffer before writing, so one dataset holds at most
 * {@value #MAX_DATASET_BYTES} bytes (536,870,911 float32 values). Larger volumes are refused with a message; write
 * them per channel or per sub-volume.
 */
public final class NexusWriter {
    /** Arrays with more values than this are written chunked and deflate-compressed. */
    public static final int CHUNK_THRESHOLD = 1 << 16;
    /** Largest dataset jhdf 0.13 can write (bytes). */
    public static final long MAX_DATASET_BYTES = Integer.MAX_VALUE;
    /** Target chunk size in values (about 1 MiB of float32). */
    static final int CHUNK_VALUES = 1 << 18;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private NexusWriter() { }

    /** Fills the file's content. */
    @FunctionalInterface
    public interface Content {
        void fill(Group root) throws IOException;
    }

    /**
     * Writes a NeXus file at {@code target} atomically; {@code content} fills the root group. The root gets
     * {@code NX_class=NXroot}, {@code creator}, {@code file_time}, and {@code default} = the first entry.
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        AtomicOutput.write(target, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                Group root = new Group(f, "/");
                f.putAttribute("NX_class", "NXroot");
                f.putAttribute("creator", "operando");
                f.putAttribute("file_name", target.getFileName().toString());
                f.putAttribute("file_time", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
                content.fill(root);
                if (root.firstEntry != null) {
                    f.putAttribute("default", root.firstEntry);
                }
            } catch (io.jhdf.exceptions.HdfException e) {
                throw new IOException(target + ": NeXus file could not be written (" + e.getMessage() + ")", e);
            }
        });
    }

    /** A NeXus group being written. */
    public static final class Group {
        private final WritableGroup g;
        private final String path;
        private String firstEntry;
        private String firstData;

        Group(WritableGroup g, String path) {
            this.g = g;
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** A child group with its NeXus class (e.g. NXinstrument, NXprocess, NXcollection). */
        public Group group(String name, String nxClass) {
            checkName(name);
            WritableGroup child = g.putGroup(name);
            child.putAttribute("NX_class", nxClass);
            return new Group(child, child(name));
        }

        /** An {@code NXentry}; the first one becomes the file's {@code default}. */
        public Group entry(String name) {
            Group e = group(name, "NXentry");
            if (firstEntry == null) {
                firstEntry = name;
            }
            return e;
        }

        /** Sets an attribute: String, String[], a number or a primitive array. */
        public Group attr(String name, Object value) {
            putAttr(g, name, value);
            return this;
        }

        /**
         * A dataset of any jhdf-writable value: String, String[], a boxed number, or a (multi-dimensional) primitive
         * array. Arrays above {@link #CHUNK_THRESHOLD} values are written chunked and deflate-compressed.
         */
        public Dataset dataset(String name, Object value) {
            checkName(name);
            return new Dataset(putData(g, name, value, false), child(name));
        }

        /** An unsigned integer dataset (byte/short/int/long arrays are stored as uint8/16/32/64). */
        public Dataset unsignedDataset(String name, Object value) {
            checkName(name);
            return new Dataset(putData(g, name, value, true), child(name));
        }

        /** A dataset with a {@code units} attribute. */
        public Dataset dataset(String name, Object value, Unit unit) {
            return dataset(name, value).units(unit);
        }

        /** An {@code NXdata} group with a 1D curve: float64 signal {@code data} (with {@code data_errors}) on one axis. */
        public Group addCurve(String name, Curve c) {
            Group d = data(name);
            d.dataset("data", c.values()).units(c.unit()).attr("long_name", c.unit().label(c.quantity()));
            if (c.hasSigma()) {
                d.dataset("data_errors", c.sigma()).units(c.unit());
            }
            d.axis(c.axis(), 0);
            d.attr("signal", "data").attr("axes", new String[] {axisName(c.axis())});
            return d;
        }

        /**
         * An {@code NXdata} with a curve set as a 2D signal [count, points]; {@code index} names the first
         * dimension (e.g. a time or scan-point axis, length {@code count}) or is null for a plain index.
         */
        public Group addCurveSet(String name, CurveSet s, Axis index) {
            Group d = data(name);
            int n = s.count();
            int p = s.points();
            float[][] v = reshape(s.rawValues(), n, p);
            d.dataset("data", v).units(s.unit()).attr("long_name", s.unit().label(s.quantity()));
            if (s.hasSigma()) {
                d.dataset("data_errors", reshape(s.rawSigma(), n, p)).units(s.unit());
            }
            String first = ".";
            if (index != null) {
                if (index.size() != n) {
                    throw new IllegalArgumentException("index axis has " + index.size() + " values, curve set " + n);
                }
                first = axisName(index);
                d.axis(index, 0);
            }
            d.axis(s.axis(), 1);
            d.attr("signal", "data").attr("axes", new String[] {first, axisName(s.axis())});
            return d;
        }

        /** An {@code NXdata} with a 2D map [y, x]; x and y axes in the map's length unit. */
        public Group addMap(String name, Map2D m) {
            Group d = data(name);
            d.dataset("data", reshape(m.values(), m.ny(), m.nx())).units(m.unit())
                    .attr("long_name", m.unit().label(m.quantity()));
            d.axis(new Axis("y", m.lengthUnit(), coords(m.originY(), m.pixelSizeY(), m.ny())), 0);
            d.axis(new Axis("x", m.lengthUnit(), coords(m.originX(), m.pixelSizeX(), m.nx())), 1);
            d.attr("signal", "data").attr("axes", new String[] {"y", "x"});
            return d;
        }

        /** An {@code NXdata} with a volume [z, y, x], chunked one z-slice per chunk. */
        public Group addVolume(String name, Volume v) {
            checkSize(name, v.voxelCount());
            Group d = data(name);
            float[][][] a = new float[v.nz()][v.ny()][];
            for (int z = 0; z < v.nz(); z++) {
                float[] slice = v.sliceZ(z);
                for (int y = 0; y < v.ny(); y++) {
                    a[z][y] = java.util.Arrays.copyOfRange(slice, y * v.nx(), (y + 1) * v.nx());
                }
            }
            d.chunked("data", a, new int[] {1, v.ny(), v.nx()}).units(v.unit())
                    .attr("long_name", v.unit().label(v.quantity()));
            double[] vs = v.voxelSize();
            double[] o = v.origin();
            d.axis(new Axis("z", v.lengthUnit(), coords(o[2], vs[2], v.nz())), 0);
            d.axis(new Axis("y", v.lengthUnit(), coords(o[1], vs[1], v.ny())), 1);
            d.axis(new Axis("x", v.lengthUnit(), coords(o[0], vs[0], v.nx())), 2);
            d.attr("signal", "data").attr("axes", new String[] {"z", "y", "x"});
            return d;
        }

        /**
         * An {@code NXdata} with a volume of curves as a 4D signal [channel, z, y, x] (channel-major like
         * {@link CurveVolume}), chunked one channel-slice [1, 1, y, x] per chunk.
         */
        public Group addCurveVolume(String name, CurveVolume cv) {
            long total = (long) cv.channels() * cv.nx() * cv.ny() * cv.nz();
            checkSize(name, total);
            Group d = data(name);
            float[][][][] a = new float[cv.channels()][cv.nz()][cv.ny()][cv.nx()];
            float[] row = new float[cv.nx()];
            for (int c = 0; c < cv.channels(); c++) {
                for (int z = 0; z < cv.nz(); z++) {
                    for (int y = 0; y < cv.ny(); y++) {
                        cv.data().read(cv.index(c, 0, y, z), row, 0, row.length);
                        System.arraycopy(row, 0, a[c][z][y], 0, row.length);
                    }
                }
            }
            d.chunked("data", a, new int[] {1, 1, cv.ny(), cv.nx()}).units(cv.unit())
                    .attr("long_name", cv.unit().label(cv.quantity()));
            double vs = cv.voxelSize();
            d.axis(cv.axis(), 0);
            d.axis(new Axis("z", Unit.MICROMETER, coords(0, vs, cv.nz())), 1);
            d.axis(new Axis("y", Unit.MICROMETER, coords(0, vs, cv.ny())), 2);
            d.axis(new Axis("x", Unit.MICROMETER, coords(0, vs, cv.nx())), 3);
            d.attr("signal", "data").attr("axes", new String[] {axisName(cv.axis()), "z", "y", "x"});
            return d;
        }

        /** An empty {@code NXdata}; the first one becomes this group's {@code default}. */
        public Group data(String name) {
            Group d = group(name, "NXdata");
            if (firstData == null) {
                firstData = name;
                g.putAttribute("default", name);
            }
            return d;
        }

        /** Writes {@code a} as an axis dataset of this NXdata (float64, units, long_name, {@code <axis>_indices}). */
        public Dataset axis(Axis a, int dimension) {
            String n = axisName(a);
            Dataset ds = dataset(n, a.values()).units(a.unit()).attr("long_name", a.label());
            g.putAttribute(n + "_indices", dimension);
            return ds;
        }

        private Dataset chunked(String name, Object array, int[] chunk) {
            checkName(name);
            DatasetCreationOptions opt = DatasetCreationOptions.builder().chunkDimensions(chunk).deflate(4).build();
            return new Dataset(g.putDataset(name, array, opt), child(name));
        }

        private String child(String name) {
            return path.endsWith("/") ? path + name : path + "/" + name;
        }
    }

    /** A dataset being written, for adding attributes. */
    public static final class Dataset {
        private final WritableDataset ds;
        private final String path;

        Dataset(WritableDataset ds, String path) {
            this.ds = ds;
            this.path = path;
        }

        public String path() {
            return path;
        }

        public Dataset attr(String name, Object value) {
            putAttr(ds, name, value);
            return this;
        }

        /** Sets the NeXus {@code units} attribute. */
        public Dataset units(Unit unit) {
            return attr("units", unit.nexus());
        }
    }

    /** A valid HDF5/NeXus name for an axis, e.g. "2θ" becomes "two_theta" and "q" stays "q". */
    public static String axisName(Axis a) {
        String n = a.name().replace("2θ", "two_theta").replace("θ", "theta").replace("χ", "chi");
        n = n.replaceAll("[^A-Za-z0-9_]", "_");
        if (n.isEmpty() || Character.isDigit(n.charAt(0))) {
            n = "_" + n;
        }
        return n.equals("data") ? "data_axis" : n;
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid NeXus name '" + name + "': use letters, digits, _ . -");
        }
    }

    private static void checkSize(String name, long values) {
        if (values * 4 > MAX_DATASET_BYTES) {
            throw new IllegalArgumentException(name + ": " + values + " float32 values (" + values * 4 / (1 << 20)
                    + " MiB) exceed the " + (MAX_DATASET_BYTES >> 20) + " MiB that jhdf 0.13 can write as one"
                    + " dataset; write it per channel or per sub-volume");
        }
    }

    static WritableDataset putData(WritableGroup g, String name, Object value, boolean unsigned) {
        Objects.requireNonNull(value, "value of " + name);
        long n = count(value);
        int[] dims = dims(value);
        boolean chunk = value.getClass().isArray() && n > CHUNK_THRESHOLD && !(leafType(value) == String.class);
        if (chunk && n * elementBytes(value) > MAX_DATASET_BYTES) {
            throw new IllegalArgumentException(name + ": " + n + " values exceed the 2 GiB that jhdf 0.13 can write"
                    + " as one dataset");
        }
        if (!chunk && !unsigned) {
            return g.putDataset(name, value);
        }
        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
        if (unsigned) {
            b.unsigned();
        }
        if (chunk) {
            b.chunkDimensions(chunkFor(dims)).deflate(4);
        }
        return g.putDataset(name, value, b.build());
    }

    /** Chunk shape: full trailing dimensions, leading ones cut so that a chunk holds about {@link #CHUNK_VALUES}. */
    static int[] chunkFor(int[] dims) {
        int[] c = dims.clone();
        long size = 1;
        for (int d : dims) {
            size *= Math.max(1, d);
        }
        for (int i = 0; i < c.length && size > CHUNK_VALUES; i++) {
            long rest = size / Math.max(1, c[i]);
            int keep = (int) Math.max(1, Math.min(c[i], CHUNK_VALUES / Math.max(1, rest)));
            c[i] = keep;
            size = rest * keep;
        }
        return c;
    }

    static void putAttr(WritableNode node, String name, Object value) {
        Objects.requireNonNull(value, "attribute " + name);
        node.putAttribute(name, value);
    }

    private static long count(Object v) {
        if (!v.getClass().isArray()) {
            return 1;
        }
        int n = Array.getLength(v);
        if (n == 0) {
            return 0;
        }
        Object first = Array.get(v, 0);
        return first != null && first.getClass().isArray() ? (long) n * count(first) : n;
    }

    private static int[] dims(Object v) {
        List<Integer> d = new ArrayList<>();
        Object cur = v;
        while (cur != null && cur.getClass().isArray()) {
            int n = Array.getLength(cur);
            d.add(n);
            cur = n == 0 ? null : Array.get(cur, 0);
        }
        return d.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Class<?> leafType(Object v) {
        Class<?> c = v.getClass();
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    private static int elementBytes(Object v) {
        Class<?> c = leafType(v);
        if (c == double.class || c == long.class) {
            return 8;
        }
        if (c == float.class || c == int.class) {
            return 4;
        }
        if (c == short.class) {
            return 2;
        }
        return 1;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static float[][] reshape(float[] flat, int rows, int cols) {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return out;
    }

    private static double[] coords(double origin, double step, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = origin + step * i;
        }
        return c;
    }
}
