package org.operando.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.message.DataLayout;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.operando.util.InvalidInputException;

/**
 * A recursive listing of an HDF5/NeXus file, like {@code h5ls -r -v}: every group with its NeXus class, every
 * dataset with shape, dtype, storage layout, chunk shape and compression filters by name (e.g.
 * {@code bitshuffle+LZ4 (32008)}), attributes and short values. Ends with a summary of the compression used.
 */
public final class Hdf5Describer {
    /** Listing stops after this many nodes (files with huge trees stay readable). */
    static final int MAX_NODES = 2000;
    private static final int MAX_ATTRS = 24;
    private static final int MAX_VALUE_CHARS = 100;
    private static final int MAX_SHOWN_ELEMENTS = 8;

    private final StringBuilder out = new StringBuilder();
    private final Map<String, List<String>> compression = new LinkedHashMap<>();
    private final Set<Long> visited = new HashSet<>();
    private int nodes;
    private int datasets;
    private int groups;

    private Hdf5Describer() { }

    /** The listing of {@code file}; {@link InvalidInputException} when it is not a readable HDF5 file. */
    public static String describe(Path file) {
        try (HdfFile hdf = Hdf5Files.open(file)) {
            Hdf5Describer d = new Hdf5Describer();
            long size = sizeOf(file);
            d.out.append("HDF5 file ").append(file).append(" (").append(humanBytes(size)).append(")\n");
            try {
                d.group(hdf, 0);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new InvalidInputException(file + ": HDF5 file is damaged or truncated, listing stopped ("
                        + Hdf5Files.reason(e) + ")", e);
            }
            d.summary();
            return d.out.toString();
        }
    }

    /** The listing of the group or dataset at {@code path} inside {@code file} (and everything below it). */
    public static String describe(Path file, String path) {
        try (HdfFile hdf = Hdf5Files.open(file)) {
            Hdf5Describer d = new Hdf5Describer();
            d.out.append("HDF5 file ").append(file).append(" (").append(humanBytes(sizeOf(file))).append("), ")
                    .append(path).append('\n');
            Node n = Hdf5Files.node(hdf, file, path);
            try {
                d.node(n, 0);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new InvalidInputException(file + "::" + path + ": damaged, listing stopped ("
                        + Hdf5Files.reason(e) + ")", e);
            }
            d.summary();
            return d.out.toString();
        }
    }

    /** Filter names by id, as h5py/hdf5plugin call them; bitshuffle's cd_values[4] says which compressor follows. */
    public static String filterName(int id, int[] data) {
        switch (id) {
            case 1: return "deflate" + (data != null && data.length > 0 ? " level " + data[0] : "");
            case 2: return "shuffle";
            case 3: return "fletcher32";
            case 4: return "szip";
            case 5: return "nbit";
            case 6: return "scaleoffset";
            case 32000: return "lzf (32000)";
            case 32001: return "blosc (32001)";
            case 32004: return "lz4 (32004)";
            case 32008:
                if (data != null && data.length > 4) {
                    if (data[4] == 2) {
                        return "bitshuffle+LZ4 (32008)";
                    }
                    if (data[4] == 3) {
                        return "bitshuffle+zstd (32008)";
                    }
                }
                return "bitshuffle (32008)";
            case 32015: return "zstd (32015)";
            default: return "filter " + id;
        }
    }

    private void group(Group g, int depth) {
        if (!enter(g)) {
            return;
        }
        groups++;
        line(depth, displayPath(g) + "  Group" + nxClass(g));
        attributes(g, depth + 1);
        for (Node child : g.getChildren().values()) {
            if (nodes >= MAX_NODES) {
                line(depth + 1, "… listing stopped after " + MAX_NODES + " nodes");
                return;
            }
            node(child, depth + 1);
        }
    }

    private static String displayPath(Node n) {
        String p = n.getPath();
        if (p == null || p.isEmpty() || p.equals("/")) {
            return "/";
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private void node(Node n, int depth) {
        if (n instanceof Link link) {
            String target = link.getTargetPath();
            if (link.isBrokenLink()) {
                line(depth, displayPath(n) + "  Link -> " + target + " (broken)");
                nodes++;
                return;
            }
            line(depth, displayPath(n) + "  Link -> " + target);
            nodes++;
            return;
        }
        if (n instanceof Group g) {
            group(g, depth);
        } else if (n instanceof Dataset ds) {
            if (!enter(ds)) {
                return;
            }
            dataset(ds, depth);
        } else {
            nodes++;
            line(depth, n.getPath() + "  " + n.getType());
        }
    }

    private boolean enter(Node n) {
        nodes++;
        long addr;
        try {
            addr = n.getAddress();
        } catch (RuntimeException e) {
            return true;
        }
        if (!visited.add(addr)) {
            line(0, n.getPath() + "  (hard link to a node already listed)");
            return false;
        }
        return true;
    }

    private void dataset(Dataset ds, int depth) {
        datasets++;
        StringBuilder s = new StringBuilder(ds.getPath()).append("  Dataset ");
        long[] dims;
        try {
            dims = ds.isScalar() ? new long[0] : ds.getDimensionsAsLong();
        } catch (RuntimeException e) {
            dims = null;
        }
        s.append(dims == null ? "{?}" : shape(dims)).append(' ').append(Hdf5Files.typeName(ds.getDataType()));
        DataLayout layout = ds.getDataLayout();
        if (layout == DataLayout.CHUNKED && ds instanceof ChunkedDataset cd) {
            s.append(", chunks ").append(shape(cd.getChunkDimensions()));
        } else if (layout != null) {
            s.append(", ").append(layout.name().toLowerCase(Locale.ROOT));
        }
        List<String> filters = filters(ds);
        if (!filters.isEmpty()) {
            s.append(", filters: ").append(String.join(" + ", filters));
            String key = String.join(" + ", filters);
            compression.computeIfAbsent(key, k -> new ArrayList<>()).add(ds.getPath());
        }
        try {
            long logical = ds.getSizeInBytes();
            long stored = ds.getStorageInBytes();
            if (logical > 0) {
                s.append(", ").append(humanBytes(logical));
                if (stored > 0 && stored != logical) {
                    s.append(" stored in ").append(humanBytes(stored))
                            .append(String.format(Locale.ROOT, " (ratio %.1f)", (double) logical / stored));
                }
            }
        } catch (RuntimeException e) {
            // sizes are informative only
        }
        String value = shortValue(ds, dims);
        if (value != null) {
            s.append("  = ").append(value);
        }
        s.append(nxClass(ds));
        line(depth, s.toString());
        attributes(ds, depth + 1);
    }

    private static List<String> filters(Dataset ds) {
        List<String> names = new ArrayList<>();
        try {
            for (PipelineFilterWithData f : ds.getFilters()) {
                names.add(filterName(f.getId(), f.getFilterData()));
            }
        } catch (RuntimeException e) {
            names.add("unknown filter (" + Hdf5Files.reason(e) + ")");
        }
        return names;
    }

    private static String shortValue(Dataset ds, long[] dims) {
        if (dims == null) {
            return null;
        }
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n > MAX_SHOWN_ELEMENTS || ds.isCompound()) {
            return null;
        }
        try {
            return format(unsignedView(ds.getData(), ds.getDataType()));
        } catch (RuntimeException e) {
            return "(unreadable: " + Hdf5Files.reason(e) + ")";
        }
    }

    private static String nxClass(Node n) {
        try {
            Attribute a = n.getAttributes().get("NX_class");
            return a == null ? "" : "  [" + format(a.getData()) .replace("\"", "") + "]";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void attributes(Node n, int depth) {
        Map<String, Attribute> attrs;
        try {
            attrs = n.getAttributes();
        } catch (RuntimeException e) {
            line(depth, "@? (attributes unreadable: " + Hdf5Files.reason(e) + ")");
            return;
        }
        int shown = 0;
        for (Map.Entry<String, Attribute> e : attrs.entrySet()) {
            if (e.getKey().equals("NX_class")) {
                continue;
            }
            if (shown++ == MAX_ATTRS) {
                line(depth, "@… " + (attrs.size() - MAX_ATTRS) + " more attributes");
                break;
            }
            String v;
            try {
                v = format(unsignedView(e.getValue().getData(), e.getValue().getDataType()));
            } catch (RuntimeException ex) {
                v = "(unreadable)";
            }
            line(depth, "@" + e.getKey() + " = " + v);
        }
    }

    private void summary() {
        out.append('\n').append(groups).append(" groups, ").append(datasets).append(" datasets.\n");
        if (compression.isEmpty()) {
            out.append("Compression: none (no dataset uses a filter).\n");
            return;
        }
        for (Map.Entry<String, List<String>> e : compression.entrySet()) {
            List<String> paths = e.getValue();
            out.append("Compression: ").append(e.getKey()).append(" on ").append(paths.size())
                    .append(paths.size() == 1 ? " dataset: " : " datasets: ")
                    .append(String.join(", ", paths.subList(0, Math.min(5, paths.size()))))
                    .append(paths.size() > 5 ? ", …" : "").append('\n');
        }
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(Math.max(0, depth))).append(text).append('\n');
    }

    static String shape(long[] dims) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return s.append('}').toString();
    }

    static String shape(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return shape(l);
    }

    /** Text shown as is (not quoted like a string value). */
    record Unquoted(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Unsigned integers that jhdf hands over in a signed Java type, as their true (non-negative) values. */
    static Object unsignedView(Object v, io.jhdf.object.datatype.DataType t) {
        if (!Hdf5Files.isUnsigned(t) || v == null) {
            return v;
        }
        if (v instanceof Integer i) {
            return t.getSize() == 4 ? (Object) Integer.toUnsignedLong(i) : v;
        }
        if (v instanceof Long l) {
            return new Unquoted(Long.toUnsignedString(l));
        }
        if (v instanceof int[] a && t.getSize() == 4) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = Integer.toUnsignedLong(a[i]);
            }
            return out;
        }
        if (v instanceof long[] a && t.getSize() == 8) {
            Unquoted[] out = new Unquoted[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = new Unquoted(Long.toUnsignedString(a[i]));
            }
            return out;
        }
        return v;
    }

    /** A value as text: strings quoted, arrays as [a, b, …] (at most 8 shown), long text cut. */
    static String format(Object v) {
        String s = formatRaw(v);
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "…" : s;
    }

    private static String formatRaw(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String str) {
            return "\"" + str.replace("\n", "\\n") + "\"";
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            if (n == 1) {
                return formatRaw(Array.get(v, 0));
            }
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < Math.min(n, MAX_SHOWN_ELEMENTS); i++) {
                s.append(i == 0 ? "" : ", ").append(formatRaw(Array.get(v, i)));
            }
            if (n > MAX_SHOWN_ELEMENTS) {
                s.append(", … (").append(n).append(" values)");
            }
            return s.append(']').toString();
        }
        return String.valueOf(v);
    }

    static String humanBytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] u = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
