package org.operando.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.operando.data.FrameSource;
import org.operando.io.cbf.CbfFile;
import org.operando.io.esrf.EdfFile;
import org.operando.io.hdf5.Hdf5FrameFinder;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.io.tiff.TiffFile;
import org.operando.util.InvalidInputException;

/**
 * Opens detector frames from what a user types: {@code scan.h5::/entry/data/data} (an HDF5 dataset),
 * {@code scan.h5} (the NeXus default signal, or the one 3D dataset), {@code stack.tif} (single- or multi-page),
 * {@code frame.edf} (one or more frames), {@code image.cbf}, or a series of single-frame files such as
 * {@code scan/img_*.cbf} (sorted by name, numbers by value). The format is taken from the file's first bytes
 * when they are recognisable, else from its extension; anything else is refused with a message naming the
 * supported formats.
 */
public final class FrameSources {
    /** The formats {@link #open(String)} understands. */
    public enum Format { HDF5, TIFF, EDF, CBF }

    static final String SUPPORTED = "HDF5/NeXus (.h5, .hdf5, .nxs, optionally FILE::/dataset), TIFF (.tif, .tiff),"
            + " EDF (.edf) or CBF (.cbf)";

    private FrameSources() { }

    /** Opens the frames named by {@code spec}; {@link InvalidInputException} naming the file on bad input. */
    public static FrameSource open(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("no frame file given; expected " + SUPPORTED);
        }
        String path = spec;
        String dataset = null;
        int sep = spec.indexOf("::");
        if (sep >= 0) {
            path = spec.substring(0, sep);
            dataset = spec.substring(sep + 2);
            if (dataset.isEmpty()) {
                throw new InvalidInputException(spec + ": empty dataset path after '::'");
            }
            if (!dataset.startsWith("/")) {
                dataset = "/" + dataset;
            }
        }
        if (dataset == null && FileSeriesFrameSource.isGlob(path) && !existsAsFile(path)) {
            return FileSeriesFrameSource.open(path);
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(path + ": not a valid file path (" + e.getMessage() + ")", e);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        Format format = detect(file);
        if (format == null) {
            throw new InvalidInputException(file + ": unknown frame format; expected " + SUPPORTED);
        }
        if (dataset != null && format != Format.HDF5) {
            throw new InvalidInputException(spec + ": '::dataset' only applies to HDF5 files, this is " + format);
        }
        return switch (format) {
            case HDF5 -> Hdf5FrameSource.open(file, dataset != null ? dataset : Hdf5FrameFinder.find(file));
            case TIFF -> TiffFile.open(file);
            case EDF -> EdfFile.open(file);
            case CBF -> CbfFile.open(file);
        };
    }

    private static boolean existsAsFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The frame format of {@code file} by content (magic bytes), else by extension; null when neither tells. */
    public static Format detect(Path file) {
        Format byContent = FileSniffer.sniff(file);
        if (byContent != null) {
            return byContent;
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf") || n.endsWith(".nxs") || n.endsWith(".nx5")) {
            return Format.HDF5;
        }
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            return Format.TIFF;
        }
        if (n.endsWith(".edf")) {
            return Format.EDF;
        }
        if (n.endsWith(".cbf")) {
            return Format.CBF;
        }
        return null;
    }
}
