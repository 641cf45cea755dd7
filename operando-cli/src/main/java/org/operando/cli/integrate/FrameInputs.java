package org.operando.cli.integrate;

import java.io.IOException;
import java.nio.file.Path;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.io.FrameSources;
import org.operando.io.hdf5.Hdf5Arrays;
import org.operando.util.InvalidInputException;

/**
 * The integrate/calibrate/bench commands' frame and value inputs, opened through the io package
 * ({@link FrameSources}: {@code file.h5::/path}, a bare HDF5/NeXus file, TIFF, EDF, CBF, file series;
 * {@link Hdf5Arrays} for value lists), with the command-line option named in front of every error.
 */
final class FrameInputs {
    private FrameInputs() { }

    /** The frames named by {@code spec}, given to {@code option}. */
    static FrameSource open(String spec, String option) {
        try {
            return FrameSources.open(spec);
        } catch (InvalidInputException e) {
            throw named(option, e);
        }
    }

    /** One image (the mean of all frames) from {@code spec}. */
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
            throw new InvalidInputException(option + " " + spec
                    + ": expected a positive number or file.h5::/path/to/dataset");
        }
        try {
            return Hdf5Arrays.readDoubles(Path.of(spec.substring(0, sep)), spec.substring(sep + 2));
        } catch (InvalidInputException e) {
            throw named(option, e);
        }
    }

    private static InvalidInputException named(String option, InvalidInputException e) {
        return new InvalidInputException(option + " " + e.getMessage(), e);
    }
}
