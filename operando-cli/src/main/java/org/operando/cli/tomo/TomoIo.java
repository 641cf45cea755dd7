package org.operando.cli.tomo;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.operando.data.Frame;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.io.hdf5.Hdf5Files;
import org.operando.io.nexus.NexusWriter;
import org.operando.io.tiff.SampleType;
import org.operando.io.tiff.TiffFile;
import org.operando.io.tiff.TiffWriter;
import org.operando.util.InvalidInputException;

/**
 * Projection stacks and masks in, volumes and stacks out, for the tomography command, through operando-io's
 * readers and writers: HDF5 via {@link Hdf5FrameSource}/{@link Hdf5Files}, TIFF via {@link TiffFile}; output HDF5
 * via {@link NexusWriter} (a NeXus file whose root holds the dataset, its attributes and the extra datasets) and
 * float32 multi-page TIFF via {@link TiffWriter}; both write to a temporary name and rename.
 */
public final class TomoIo {
    private TomoIo() { }

    /**
     * Projection data: {@code data[channel][angle][row · bins + bin]}; {@code where} names the source
     * (file::dataset) for messages.
     */
    public record Stack(float[][][] data, int rows, int bins, String where) {
        public int channels() { return data.length; }
        public int angles() { return data[0].length; }
    }

    static boolean isHdf5(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf") || n.endsWith(".nxs");
    }

    /** Whether the name ends in .h5, .hdf5, .hdf or .nxs. */
    public static boolean isHdf5Name(Path p) {
        return isHdf5(p);
    }

    static boolean isTiff(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }

    /** Refuses an output name that is neither HDF5 nor TIFF. */
    public static void requireOutput(Path out, String option) {
        InvalidInputException.require(isHdf5(out) || isTiff(out),
                option + " " + out + ": unknown output format; expected a name ending in .h5 or .tif");
    }

    /**
     * Reads projections. HDF5: a dataset [angles, bins] (one sinogram), [angles, rows, bins] (projection
     * images) or [channels, angles, rows, bins]; TIFF: one page = [angles, bins] sinogram, several pages = one
     * projection image [rows, bins] per page.
     */
    public static Stack readStack(Path input, String dataset) {
        InvalidInputException.require(Files.isRegularFile(input), input + ": no such file");
        if (isHdf5(input)) {
            int[] dims = datasetDims(input, dataset);
            if (dims.length == 4) {
                return read4d(input, dataset, dims);
            }
            try (Hdf5FrameSource src = Hdf5FrameSource.open(input, dataset)) {
                int f = src.frameCount();
                int h = src.height();
                int w = src.width();
                if (dims.length == 2) {
                    Frame fr = src.read(0);
                    float[][] p = new float[h][];
                    for (int a = 0; a < h; a++) {
                        p[a] = java.util.Arrays.copyOfRange(fr.data(), a * w, (a + 1) * w);
                    }
                    return new Stack(new float[][][] {p}, 1, w, src.description());
                }
                float[][] p = new float[f][];
                for (int a = 0; a < f; a++) {
                    p[a] = src.read(a).data().clone();
                }
                return new Stack(new float[][][] {p}, h, w, src.description());
            } catch (IOException e) {
                throw new InvalidInputException(input + "::" + dataset + ": could not be read (" + e.getMessage() + ")", e);
            }
        }
        if (isTiff(input)) {
            List<float[]> pages = new ArrayList<>();
            int[] wh = readTiff(input, pages);
            if (pages.size() == 1) {
                float[][] p = new float[wh[1]][];
                for (int a = 0; a < wh[1]; a++) {
                    p[a] = java.util.Arrays.copyOfRange(pages.get(0), a * wh[0], (a + 1) * wh[0]);
                }
                return new Stack(new float[][][] {p}, 1, wh[0], input.toString());
            }
            return new Stack(new float[][][] {pages.toArray(new float[0][])}, wh[1], wh[0], input.toString());
        }
        throw new InvalidInputException(input + ": unknown input format; expected HDF5 (.h5, .hdf5, .nxs) or TIFF (.tif)");
    }

    private static int[] datasetDims(Path input, String dataset) {
        try (HdfFile hdf = Hdf5Files.open(input)) {
            int[] d = Hdf5Files.dataset(hdf, input, dataset).getDimensions();
            InvalidInputException.require(d.length >= 2 && d.length <= 4, input + "::" + dataset + ": has shape "
                    + java.util.Arrays.toString(d) + ", expected [angles, bins], [angles, rows, bins] or [channels, angles, rows, bins]");
            return d;
        } catch (HdfException e) {
            throw new InvalidInputException(input + "::" + dataset + ": not readable (" + e.getMessage() + ")", e);
        }
    }

    private static Stack read4d(Path input, String dataset, int[] d) {
        try (HdfFile hdf = Hdf5Files.open(input)) {
            Dataset ds = Hdf5Files.dataset(hdf, input, dataset);
            Object flat = ds.getDataFlat();
            int nc = d[0];
            int na = d[1];
            int rows = d[2];
            int bins = d[3];
            float[][][] out = new float[nc][na][rows * bins];
            int per = rows * bins;
            for (int c = 0; c < nc; c++) {
                for (int a = 0; a < na; a++) {
                    int off = (c * na + a) * per;
                    for (int i = 0; i < per; i++) {
                        out[c][a][i] = ((Number) Array.get(flat, off + i)).floatValue();
                    }
                }
            }
            return new Stack(out, rows, bins, input + "::" + dataset);
        } catch (HdfException | IllegalArgumentException e) {
            throw new InvalidInputException(input + "::" + dataset + ": not readable as numbers (" + e.getMessage() + ")", e);
        }
    }

    /** Reads all pages of a TIFF as float ({@link TiffFile}); returns {width, height}. */
    static int[] readTiff(Path input, List<float[]> pages) {
        try (TiffFile t = TiffFile.open(input)) {
            int w = t.width();
            int h = t.height();
            for (int p = 0; p < t.frameCount(); p++) {
                Frame f = t.read(p);
                InvalidInputException.require(f.width() == w && f.height() == h, input + ": page " + p + " is "
                        + f.width() + "x" + f.height() + ", expected all pages " + w + "x" + h);
                pages.add(f.data());
            }
            return new int[] {w, h};
        } catch (IOException e) {
            throw new InvalidInputException(input + ": not a readable TIFF file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A support mask: non-zero = inside. Accepts n × n (applied to every slice) or nz × n × n; refuses other
     * shapes and masks without any inside voxel. Returns per slice a boolean[n·n].
     */
    public static boolean[][] readMask(Path file, String dataset, int n, int nz) {
        Stack s = readStack(file, dataset);
        float[][] pages = s.data()[0];
        // readStack sees a 2D image as a sinogram [rows as angles]; re-join it.
        boolean[][] out = new boolean[nz][];
        long inside = 0;
        if (s.rows() == 1 && pages.length == n && s.bins() == n) {
            boolean[] m = new boolean[n * n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    m[r * n + c] = pages[r][c] != 0;
                    inside += m[r * n + c] ? 1 : 0;
                }
            }
            java.util.Arrays.fill(out, m);
        } else if (pages.length == nz && s.rows() == n && s.bins() == n) {
            for (int z = 0; z < nz; z++) {
                out[z] = new boolean[n * n];
                for (int i = 0; i < n * n; i++) {
                    out[z][i] = pages[z][i] != 0;
                    inside += out[z][i] ? 1 : 0;
                }
            }
        } else {
            throw new InvalidInputException("--mask " + s.where() + ": has " + pages.length + " x " + s.rows() + " x "
                    + s.bins() + " values, expected " + n + " x " + n + " or " + nz + " x " + n + " x " + n);
        }
        InvalidInputException.require(inside > 0, "--mask " + s.where() + ": is empty (no non-zero voxel); expected a support mask");
        return out;
    }

    /**
     * Writes images (each width × height, row-major) as an HDF5 dataset [pages, height, width] (with attributes
     * and extra datasets) or a float32 multi-page TIFF (the attributes as the image description).
     */
    public static void writeImages(Path out, String datasetName, List<float[]> images, int width, int height,
                                   Map<String, Object> attributes, Map<String, Object> extraDatasets) throws IOException {
        if (isTiff(out)) {
            List<Frame> frames = new ArrayList<>();
            for (float[] im : images) {
                frames.add(new Frame(width, height, im));
            }
            TiffWriter.write(out, frames, SampleType.FLOAT32, describe(attributes));
            return;
        }
        float[][][] cube = new float[images.size()][height][width];
        for (int p = 0; p < images.size(); p++) {
            float[] im = images.get(p);
            for (int r = 0; r < height; r++) {
                System.arraycopy(im, r * width, cube[p][r], 0, width);
            }
        }
        writeHdf5(out, datasetName, cube, attributes, extraDatasets);
    }

    /** Writes one array dataset (any rank) with attributes and extra datasets to a NeXus/HDF5 file, atomically. */
    public static void writeHdf5(Path out, String datasetName, Object data, Map<String, Object> attributes,
                                 Map<String, Object> extraDatasets) throws IOException {
        NexusWriter.write(out, root -> {
            NexusWriter.Dataset ds = root.dataset(datasetName, data);
            for (Map.Entry<String, Object> e : attributes.entrySet()) {
                ds.attr(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Object> e : extraDatasets.entrySet()) {
                root.dataset(e.getKey(), e.getValue());
            }
        });
    }

    /** "operando tomo: key=value; ..." for a TIFF image description. */
    static String describe(Map<String, Object> attributes) {
        StringBuilder b = new StringBuilder("operando tomo");
        String sep = ": ";
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            Object v = e.getValue();
            b.append(sep).append(e.getKey()).append('=').append(v instanceof double[] d ? java.util.Arrays.toString(d)
                    : String.valueOf(v));
            sep = "; ";
        }
        return b.toString();
    }
}
