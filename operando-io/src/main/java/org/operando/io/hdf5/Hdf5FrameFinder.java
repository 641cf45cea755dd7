package org.operando.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.operando.util.InvalidInputException;

/**
 * Finds the dataset of detector frames in an HDF5/NeXus file when the user names only the file: the NeXus
 * {@code default}/{@code signal} chain when it leads to a 2D/3D dataset, else the one 3D numeric dataset (or, with
 * none, the one 2D image), else, among several, the one at a usual detector path ({@link #USUAL_PATHS}, in that
 * order), else a message listing the candidates so the user can write {@code file.h5::/path}.
 */
public final class Hdf5FrameFinder {
    /** Where detectors and beamline writers usually put frames (Eiger/NeXus, generic NXdetector, Pilatus, Eiger). */
    public static final List<String> USUAL_PATHS = List.of("/entry/data/data", "/entry/instrument/detector/data",
            "/entry/instrument/pilatus/data", "/entry/instrument/eiger/data");

    private Hdf5FrameFinder() { }

    /** The path of the frame dataset in {@code file}. */
    public static String find(Path file) {
        try (HdfFile hdf = Hdf5Files.open(file)) {
            return find(hdf, file);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new InvalidInputException(file + ": HDF5 file is damaged or truncated, its groups cannot be listed ("
                    + Hdf5Files.reason(e) + ")", e);
        }
    }

    static String find(HdfFile hdf, Path file) {
        String viaDefault = followDefault(hdf);
        if (viaDefault != null) {
            return viaDefault;
        }
        List<String> three = new ArrayList<>();
        List<String> two = new ArrayList<>();
        List<String> all = new ArrayList<>();
        collect(hdf, three, two, all, new LinkedHashSet<>(), 0);
        Set<String> signals = new LinkedHashSet<>();
        for (String p : three) {
            if (isSignal(hdf, p)) {
                signals.add(p);
            }
        }
        if (signals.size() == 1) {
            return signals.iterator().next();
        }
        if (three.size() == 1) {
            return three.get(0);
        }
        if (three.isEmpty() && two.size() == 1) {
            return two.get(0);
        }
        List<String> candidates = three.isEmpty() ? two : three;
        for (String usual : USUAL_PATHS) {
            if (candidates.contains(usual)) {
                return usual;
            }
        }
        if (candidates.isEmpty()) {
            throw new InvalidInputException(file + ": holds no 2D or 3D numeric dataset of frames; datasets: "
                    + shortList(all) + ". Name one as FILE::/path");
        }
        throw new InvalidInputException(file + ": holds several possible frame datasets (" + shortList(candidates)
                + "); name one as " + file.getFileName() + "::" + candidates.get(0));
    }

    private static String followDefault(HdfFile hdf) {
        Node cur = hdf;
        for (int depth = 0; depth < 4 && cur instanceof Group g; depth++) {
            String nxClass = attr(g, "NX_class");
            if ("NXdata".equals(nxClass)) {
                String signal = attr(g, "signal");
                if (signal != null && g.getChild(signal) instanceof Dataset ds && isFrames(ds)) {
                    return ds.getPath();
                }
                return null;
            }
            String def = attr(g, "default");
            if (def == null) {
                return null;
            }
            try {
                cur = g.getChild(def);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean isSignal(HdfFile hdf, String path) {
        try {
            Node n = hdf.getByPath(path);
            Group parent = n.getParent();
            return parent != null && "NXdata".equals(attr(parent, "NX_class")) && n.getName().equals(attr(parent, "signal"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void collect(Group g, List<String> three, List<String> two, List<String> all, Set<Long> seen,
                                int depth) {
        if (depth > 32 || !seen.add(g.getAddress())) {
            return;
        }
        for (Node n : g.getChildren().values()) {
            if (n instanceof Link) {
                continue;
            }
            if (n instanceof Group child) {
                collect(child, three, two, all, seen, depth + 1);
            } else if (n instanceof Dataset ds) {
                all.add(ds.getPath());
                try {
                    if (!isNumeric(ds) || ds.isScalar()) {
                        continue;
                    }
                    int rank = ds.getDimensions().length;
                    if (rank == 3 && isFrames(ds)) {
                        three.add(ds.getPath());
                    } else if (rank == 2 && isFrames(ds)) {
                        two.add(ds.getPath());
                    }
                } catch (RuntimeException e) {
                    // unreadable dataset: not a candidate
                }
            }
        }
    }

    private static boolean isFrames(Dataset ds) {
        int[] d = ds.getDimensions();
        if (!isNumeric(ds) || d.length < 2 || d.length > 3) {
            return false;
        }
        // an image has at least 8 pixels on each side (rules out e.g. [N, 2] position lists)
        return d[d.length - 1] >= 8 && d[d.length - 2] >= 8;
    }

    private static boolean isNumeric(Dataset ds) {
        Class<?> t = ds.getJavaType();
        return t == int.class || t == long.class || t == short.class || t == byte.class || t == float.class
                || t == double.class;
    }

    private static String attr(Node n, String name) {
        try {
            return Hdf5Files.stringAttribute(n, name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String shortList(List<String> l) {
        return l.isEmpty() ? "none" : String.join(", ", l.subList(0, Math.min(10, l.size())))
                + (l.size() > 10 ? ", … (" + l.size() + ")" : "");
    }
}
