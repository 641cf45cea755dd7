package org.operando.io.nexus;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import org.operando.data.Axis;
import org.operando.data.Curve;
import org.operando.data.CurveSet;
import org.operando.data.Unit;
import org.operando.io.hdf5.Hdf5Files;
import org.operando.util.InvalidInputException;

/**
 * Reads back what {@link NexusWriter} writes (and NXdata groups of the same shape from other programs): a 1D
 * curve or a 2D curve set from an {@code NXdata} group, following its {@code signal} and {@code axes} attributes
 * and mapping {@code units} to {@link Unit}.
 */
public final class NexusReader {
    private NexusReader() { }

    /** The 1D curve of the NXdata group {@code groupPath} in {@code file}. */
    public static Curve readCurve(Path file, String groupPath) {
        try (HdfFile hdf = Hdf5Files.open(file)) {
            Group g = nxdata(hdf, file, groupPath);
            String where = file + "::" + groupPath;
            Dataset signal = signal(g, where);
            double[] v = toDouble(signal.getData(), where + "/" + signal.getName());
            String axisName = axes(g, where)[0];
            Axis axis = axis(g, axisName, where);
            if (axis.size() != v.length) {
                throw new InvalidInputException(where + ": axis " + axisName + " has " + axis.size() + " values, signal "
                        + v.length);
            }
            Node err = g.getChild(signal.getName() + "_errors");
            double[] sigma = err instanceof Dataset e ? toDouble(e.getData(), where + "/" + e.getName()) : null;
            return new Curve(axis, v, sigma, quantity(signal), unit(signal, null));
        }
    }

    /** The 2D curve set [count, points] of the NXdata group {@code groupPath}; the curves' axis is the last one. */
    public static CurveSet readCurveSet(Path file, String groupPath) {
        try (HdfFile hdf = Hdf5Files.open(file)) {
            Group g = nxdata(hdf, file, groupPath);
            String where = file + "::" + groupPath;
            Dataset signal = signal(g, where);
            int[] dims = signal.getDimensions();
            if (dims.length != 2) {
                throw new InvalidInputException(where + ": signal has " + dims.length + " dimensions, expected 2");
            }
            String[] axes = axes(g, where);
            Axis axis = axis(g, axes[axes.length - 1], where);
            float[] values = toFloatFlat(signal.getDataFlat(), where);
            Node err = g.getChild(signal.getName() + "_errors");
            float[] sigma = err instanceof Dataset e ? toFloatFlat(e.getDataFlat(), where) : null;
            return new CurveSet(axis, dims[0], values, sigma, quantity(signal), unit(signal, null));
        }
    }

    private static Group nxdata(HdfFile hdf, Path file, String path) {
        Node n = Hdf5Files.node(hdf, file, path);
        if (!(n instanceof Group g)) {
            throw new InvalidInputException(file + "::" + path + ": is a dataset, expected an NXdata group");
        }
        return g;
    }

    private static Dataset signal(Group g, String where) {
        String name = Hdf5Files.stringAttribute(g, "signal");
        if (name == null) {
            throw new InvalidInputException(where + ": has no 'signal' attribute, expected an NXdata group");
        }
        Node n = g.getChild(name);
        if (!(n instanceof Dataset ds)) {
            throw new InvalidInputException(where + ": signal '" + name + "' is not a dataset of the group");
        }
        return ds;
    }

    private static String[] axes(Group g, String where) {
        Attribute a = g.getAttribute("axes");
        if (a == null) {
            throw new InvalidInputException(where + ": has no 'axes' attribute");
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s.split("[,:\\s]+");
        }
        if (d instanceof String[] arr) {
            return arr;
        }
        throw new InvalidInputException(where + ": 'axes' attribute is not text");
    }

    private static Axis axis(Group g, String name, String where) {
        Node n = g.getChild(name);
        if (!(n instanceof Dataset ds)) {
            throw new InvalidInputException(where + ": axis '" + name + "' is not a dataset of the group");
        }
        double[] v = toDouble(ds.getData(), where + "/" + name);
        return new Axis(name, unit(ds, name), v);
    }

    private static String quantity(Dataset ds) {
        String ln = Hdf5Files.stringAttribute(ds, "long_name");
        if (ln == null) {
            return ds.getName();
        }
        int p = ln.lastIndexOf(" (");
        return p > 0 && ln.endsWith(")") ? ln.substring(0, p) : ln;
    }

    /** The {@link Unit} whose NeXus spelling is the dataset's {@code units}; ARBITRARY when absent or unknown. */
    static Unit unit(Dataset ds, String axisName) {
        String u = Hdf5Files.stringAttribute(ds, "units");
        if (u == null) {
            return Unit.ARBITRARY;
        }
        if ("deg".equals(u) && axisName != null && axisName.startsWith("chi")) {
            return Unit.CHI_DEG;
        }
        for (Unit unit : Unit.values()) {
            if (unit.nexus().equals(u)) {
                return unit;
            }
        }
        return Unit.ARBITRARY;
    }

    static double[] toDouble(Object data, String where) {
        if (data instanceof double[] d) {
            return d;
        }
        if (data != null && data.getClass().isArray() && !data.getClass().getComponentType().isArray()) {
            int n = Array.getLength(data);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                Object x = Array.get(data, i);
                if (!(x instanceof Number num)) {
                    throw new InvalidInputException(where + ": is not numeric");
                }
                out[i] = num.doubleValue();
            }
            return out;
        }
        throw new InvalidInputException(where + ": expected a 1D numeric dataset");
    }

    static float[] toFloatFlat(Object flat, String where) {
        if (flat instanceof float[] f) {
            return f;
        }
        double[] d = toDouble(flat, where);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }
}
