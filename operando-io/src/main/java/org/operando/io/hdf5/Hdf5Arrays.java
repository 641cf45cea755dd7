package org.operando.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.lang.reflect.Array;
import java.nio.file.Path;
import org.operando.data.Axis;
import org.operando.data.CurveSet;
import org.operando.data.Unit;
import org.operando.util.InvalidInputException;

/**
 * Plain numeric arrays from HDF5 files that are not NeXus, e.g. an integrated operando series stored as
 * {@code /2th} (3000 angles) and {@code /I} (21 × 3000 patterns). Errors name file::path and what was expected.
 */
public final class Hdf5Arrays {
    private Hdf5Arrays() { }

    /** A 1D numeric dataset as doubles (a scalar gives one value). */
    public static double[] readDoubles(Path file, String path) {
        try (HdfFile hdf = Hdf5Files.open(file)) {
            Dataset ds = Hdf5Files.dataset(hdf, file, path);
            int[] dims = ds.isScalar() ? new int[0] : ds.getDimensions();
            if (dims.length > 1) {
                throw new InvalidInputException(file + "::" + path + ": has shape " + java.util.Arrays.toString(dims)
                        + ", expected a 1D array");
            }
            Object d = read(ds, file, path);
            return flat(d.getClass().isArray() ? d : new double[] {((Number) d).doubleValue()}, file, path,
                    Hdf5Files.isUnsigned(ds.getDataType()));
        }
    }

    /** A 2D numeric dataset [rows, cols] as a row-major float array; {@code shape} receives {rows, cols}. */
    public static float[] readTable(Path file, String path, int[] shape) {
        try (HdfFile hdf = Hdf5Files.open(file)) {
            Dataset ds = Hdf5Files.dataset(hdf, file, path);
            int[] dims = ds.isScalar() ? new int[0] : ds.getDimensions();
            if (dims.length != 2) {
                throw new InvalidInputException(file + "::" + path + ": has shape " + java.util.Arrays.toString(dims)
                        + ", expected a 2D array [curves, points]");
            }
            if ((long) dims[0] * dims[1] > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(file + "::" + path + ": " + dims[0] + " x " + dims[1] + " is too large");
            }
            shape[0] = dims[0];
            shape[1] = dims[1];
            double[] d = flat(ds.getDataFlat(), file, path, Hdf5Files.isUnsigned(ds.getDataType()));
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
    }

    /**
     * A curve set from an axis dataset and a [curves, points] dataset of the same file, e.g.
     * {@code readCurveSet(f, "/2th", "2θ", Unit.TWO_THETA_DEG, "/I", "I", Unit.ARBITRARY)}.
     */
    public static CurveSet readCurveSet(Path file, String axisPath, String axisName, Unit axisUnit, String valuesPath,
                                        String quantity, Unit unit) {
        double[] x = readDoubles(file, axisPath);
        int[] shape = new int[2];
        float[] v = readTable(file, valuesPath, shape);
        if (shape[1] != x.length) {
            throw new InvalidInputException(file + "::" + valuesPath + ": has " + shape[1] + " points per curve but "
                    + axisPath + " has " + x.length);
        }
        return new CurveSet(new Axis(axisName, axisUnit, x), shape[0], v, null, quantity, unit);
    }

    private static Object read(Dataset ds, Path file, String path) {
        try {
            return ds.getData();
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidInputException(file + "::" + path + ": cannot be read, the file is damaged ("
                    + Hdf5Files.reason(e) + ")", e);
        }
    }

    private static double[] flat(Object a, Path file, String path, boolean unsigned) {
        if (a instanceof double[] d) {
            return d;
        }
        if (a == null || !a.getClass().isArray() || a.getClass().getComponentType().isArray()) {
            throw new InvalidInputException(file + "::" + path + ": is not a numeric array");
        }
        int n = Array.getLength(a);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(a, i);
            if (!(v instanceof Number num)) {
                throw new InvalidInputException(file + "::" + path + ": is not numeric");
            }
            double x = num.doubleValue();
            if (unsigned && x < 0) {
                x += v instanceof Integer ? 0x1p32 : v instanceof Short ? 0x1p16 : v instanceof Byte ? 0x1p8 : 0x1p64;
            }
            out[i] = x;
        }
        return out;
    }
}
