package org.operando.cli.integrate;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.util.InvalidInputException;

/**
 * Minimal opening of frame inputs for the integrate/calibrate commands: {@code file.h5::/path} (or a bare HDF5 file
 * with the data at a usual NeXus path). The general {@code FrameSources.open(spec)} of the io package (TIFF, EDF, CBF)
 * replaces this when it is merged.
 */
final class FrameInputs {
    private static final String[] DEFAULT_PATHS = {"/entry/data/data", "/entry/instrument/detector/data",
        "/entry/instrument/pilatus/data", "/entry/instrument/eiger/data"};

    private FrameInputs() { }

    static FrameSource open(String spec, String option) {
        int sep = spec.indexOf("::");
        Path file = Path.of(sep >= 0 ? spec.substring(0, sep) : spec);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!(name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".nxs") || name.endsWith(".hdf"))) {
            throw new InvalidInputException(option + " " + spec + ": expected an HDF5 file given as file.h5::/path/to/dataset");
        }
        if (sep >= 0) {
            return Hdf5FrameSource.open(file, spec.substring(sep + 2));
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidInputException(option + " " + spec + ": no such file");
        }
        try (HdfFile h = new HdfFile(file)) {
            for (String p : DEFAULT_PATHS) {
                try {
                    if (h.getByPath(p) instanceof Dataset) {
                        return Hdf5FrameSource.open(file, p);
                    }
                } catch (HdfException e) {
                    // not there
                }
            }
        } catch (HdfException e) {
            throw new InvalidInputException(option + " " + spec + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
        throw new InvalidInputException(option + " " + spec + ": no frames at " + String.join(", ", DEFAULT_PATHS)
                + "; give the dataset as file.h5::/path/to/dataset");
    }

    /** One image (the mean of all frames of the dataset) from {@code spec}. */
    static Frame meanImage(String spec, String option) {
        try (FrameSource src = open(spec, option)) {
            int n = src.frameCount();
            double[] acc = new double[src.width() * src.height()];
            for (int i = 0; i < n; i++) {
                float[] d = src.read(i).data();
                for (int k = 0; k < acc.length; k++) {
                    acc[k] += d[k];
                }
            }
            float[] out = new float[acc.length];
            for (int k = 0; k < acc.length; k++) {
                out[k] = (float) (acc[k] / n);
            }
            return new Frame(src.width(), src.height(), out);
        } catch (IOException e) {
            throw new InvalidInputException(option + " " + spec + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Per-frame normalization values from a 1D (or scalar) HDF5 dataset {@code file.h5::/path}. */
    static double[] values(String spec, String option) {
        int sep = spec.indexOf("::");
        if (sep < 0) {
            throw new InvalidInputException(option + " " + spec + ": expected a positive number or file.h5::/path/to/dataset");
        }
        Path file = Path.of(spec.substring(0, sep));
        String path = spec.substring(sep + 2);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidInputException(option + " " + spec + ": no such file");
        }
        try (HdfFile h = new HdfFile(file)) {
            Node node;
            try {
                node = h.getByPath(path);
            } catch (HdfException e) {
                throw new InvalidInputException(option + " " + spec + ": no such dataset", e);
            }
            if (!(node instanceof Dataset ds)) {
                throw new InvalidInputException(option + " " + spec + ": is a group, expected a dataset of numbers");
            }
            Object data = ds.getData();
            if (data instanceof Number num) {
                return new double[] {num.doubleValue()};
            }
            if (data == null || !data.getClass().isArray() || data.getClass().getComponentType().isArray()) {
                throw new InvalidInputException(option + " " + spec + ": expected a scalar or 1D numeric dataset");
            }
            int n = Array.getLength(data);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                Object v = Array.get(data, i);
                if (!(v instanceof Number num)) {
                    throw new InvalidInputException(option + " " + spec + ": expected numbers");
                }
                out[i] = num.doubleValue();
            }
            return out;
        } catch (HdfException e) {
            throw new InvalidInputException(option + " " + spec + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }
}
