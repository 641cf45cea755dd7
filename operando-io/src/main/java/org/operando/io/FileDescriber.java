package org.operando.io;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.operando.io.cbf.CbfFile;
import org.operando.io.esrf.EdfFile;
import org.operando.io.hdf5.Hdf5Describer;
import org.operando.io.hdf5.Hdf5FrameFinder;
import org.operando.io.text.CurveText;
import org.operando.io.tiff.TiffFile;
import org.operando.util.InvalidInputException;

/**
 * What {@code operando info FILE} prints: an HDF5/NeXus tree (like h5ls -r -v), the pages of a TIFF, the frames and
 * header of an EDF, the image and Pilatus header of a CBF, a pyFAI PONI geometry, or the columns of a text table.
 */
public final class FileDescriber {
    private FileDescriber() { }

    /** A human-readable description of {@code file}; {@link InvalidInputException} when it cannot be read. */
    public static String describe(Path file) {
        String spec = file.toString();
        int sep = spec.indexOf("::");
        if (sep > 0 && !Files.exists(file)) {
            // FILE::/path/in/file: only that HDF5 group or dataset
            Path h5 = Path.of(spec.substring(0, sep));
            String inner = spec.substring(sep + 2);
            if (!Files.isRegularFile(h5)) {
                throw new InvalidInputException(h5 + ": no such file");
            }
            if (FrameSources.detect(h5) != FrameSources.Format.HDF5) {
                throw new InvalidInputException(spec + ": '::path' only applies to HDF5 files");
            }
            return Hdf5Describer.describe(h5, inner.startsWith("/") ? inner : "/" + inner);
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a folder, expected a data file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        FrameSources.Format f = FrameSources.detect(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (f == FrameSources.Format.HDF5) {
                String tree = Hdf5Describer.describe(file);
                String frames;
                try {
                    frames = "Frames (operando reads by default): " + Hdf5FrameFinder.find(file) + "\n";
                } catch (InvalidInputException e) {
                    frames = "Frames: " + e.getMessage() + "\n";
                }
                return tree + frames;
            }
            if (f == FrameSources.Format.TIFF) {
                try (TiffFile t = TiffFile.open(file)) {
                    return t.describe();
                }
            }
            if (f == FrameSources.Format.EDF) {
                try (EdfFile e = EdfFile.open(file)) {
                    return e.describe();
                }
            }
            if (f == FrameSources.Format.CBF) {
                return CbfFile.open(file).describe();
            }
        } catch (java.io.IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (name.endsWith(".poni")) {
            String poni = describePoni(file);
            if (poni != null) {
                return poni;
            }
            return describeKeyValueText(file, "PONI file (pyFAI geometry)");
        }
        return CurveText.describe(file);
    }

    /**
     * Uses the PONI reader (org.operando.io.poni.PoniFile, written by the integration work) when it is on the class
     * path; null when it is not.
     */
    static String describePoni(Path file) {
        Class<?> c;
        try {
            c = Class.forName("org.operando.io.poni.PoniFile");
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            Method read = c.getMethod("read", Path.class);
            Object geometry = read.invoke(null, file);
            String text;
            try {
                Method format = c.getMethod("format", geometry.getClass());
                text = String.valueOf(format.invoke(null, geometry));
            } catch (NoSuchMethodException e) {
                text = String.valueOf(geometry);
            }
            return "PONI file " + file + " (pyFAI geometry), as operando reads it:\n" + indent(text);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new InvalidInputException(file + ": PONI file cannot be read (" + e.getCause() + ")", e.getCause());
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String describeKeyValueText(Path file, String what) {
        try {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            return what + " " + file + ":\n" + indent(text.strip());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(file + ": cannot be read as text (" + e.getMessage() + ")", e);
        }
    }

    private static String indent(String text) {
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\\R")) {
            s.append("  ").append(line).append('\n');
        }
        return s.toString();
    }
}
