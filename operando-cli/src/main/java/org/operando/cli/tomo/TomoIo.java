package org.operando.cli.tomo;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.exceptions.HdfException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BandedSampleModel;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.operando.data.Frame;
import org.operando.io.AtomicOutput;
import org.operando.io.hdf5.Hdf5FrameSource;
import org.operando.util.InvalidInputException;

/**
 * Minimal readers and writers the tomography command needs: projection stacks and masks from HDF5 or
 * multi-page TIFF, volumes and stacks to HDF5 (jhdf) or float32 multi-page TIFF (javax.imageio), always through
 * {@link AtomicOutput}. (The general TIFF/NeXus writers live in org.operando.io; these are deliberately small.)
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
        try (HdfFile hdf = new HdfFile(input)) {
            Node node = hdf.getByPath(dataset);
            if (!(node instanceof Dataset ds)) {
                throw new InvalidInputException(input + "::" + dataset + ": is a group, expected a dataset of projections");
            }
            int[] d = ds.getDimensions();
            InvalidInputException.require(d.length >= 2 && d.length <= 4, input + "::" + dataset + ": has shape "
                    + java.util.Arrays.toString(d) + ", expected [angles, bins], [angles, rows, bins] or [channels, angles, rows, bins]");
            return d;
        } catch (HdfException e) {
            throw new InvalidInputException(input + "::" + dataset + ": not readable (" + e.getMessage() + ")", e);
        }
    }

    private static Stack read4d(Path input, String dataset, int[] d) {
        try (HdfFile hdf = new HdfFile(input)) {
            Object flat = ((Dataset) hdf.getByPath(dataset)).getDataFlat();
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

    /** Reads all pages of a TIFF as float; returns {width, height}. */
    static int[] readTiff(Path input, List<float[]> pages) {
        try (ImageInputStream is = ImageIO.createImageInputStream(input.toFile())) {
            Iterator<ImageReader> it = ImageIO.getImageReaders(is);
            InvalidInputException.require(it.hasNext(), input + ": not a readable TIFF file");
            ImageReader rd = it.next();
            rd.setInput(is);
            int n = rd.getNumImages(true);
            int w = -1;
            int h = -1;
            for (int p = 0; p < n; p++) {
                Raster r = rd.read(p).getRaster();
                if (p == 0) {
                    w = r.getWidth();
                    h = r.getHeight();
                }
                InvalidInputException.require(r.getWidth() == w && r.getHeight() == h, input + ": page " + p + " is "
                        + r.getWidth() + "x" + r.getHeight() + ", expected all pages " + w + "x" + h);
                InvalidInputException.require(r.getNumBands() == 1, input + ": page " + p + " has " + r.getNumBands()
                        + " channels, expected a grey-scale image");
                pages.add(r.getPixels(0, 0, w, h, (float[]) null));
            }
            rd.dispose();
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
     * and extra datasets) or a float32 multi-page TIFF.
     */
    public static void writeImages(Path out, String datasetName, List<float[]> images, int width, int height,
                                   Map<String, Object> attributes, Map<String, Object> extraDatasets) throws IOException {
        if (isTiff(out)) {
            AtomicOutput.write(out, tmp -> writeTiff(tmp, images, width, height));
            return;
        }
        AtomicOutput.write(out, tmp -> {
            float[][][] cube = new float[images.size()][height][width];
            for (int p = 0; p < images.size(); p++) {
                float[] im = images.get(p);
                for (int r = 0; r < height; r++) {
                    System.arraycopy(im, r * width, cube[p][r], 0, width);
                }
            }
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                WritableDataset ds = h.putDataset(datasetName, cube);
                for (Map.Entry<String, Object> e : attributes.entrySet()) {
                    ds.putAttribute(e.getKey(), e.getValue());
                }
                for (Map.Entry<String, Object> e : extraDatasets.entrySet()) {
                    h.putDataset(e.getKey(), e.getValue());
                }
            }
        });
    }

    /** Writes one array dataset (any rank) with attributes and extra datasets to an HDF5 file, atomically. */
    public static void writeHdf5(Path out, String datasetName, Object data, Map<String, Object> attributes,
                                 Map<String, Object> extraDatasets) throws IOException {
        AtomicOutput.write(out, tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                WritableDataset ds = h.putDataset(datasetName, data);
                for (Map.Entry<String, Object> e : attributes.entrySet()) {
                    ds.putAttribute(e.getKey(), e.getValue());
                }
                for (Map.Entry<String, Object> e : extraDatasets.entrySet()) {
                    h.putDataset(e.getKey(), e.getValue());
                }
            }
        });
    }

    static void writeTiff(Path tmp, List<float[]> images, int w, int h) throws IOException {
        ImageWriter wr = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(tmp.toFile())) {
            wr.setOutput(os);
            wr.prepareWriteSequence(null);
            ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                    Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
            for (float[] im : images) {
                WritableRaster r = Raster.createWritableRaster(new BandedSampleModel(DataBuffer.TYPE_FLOAT, w, h, 1),
                        new DataBufferFloat(im, im.length), null);
                wr.writeToSequence(new IIOImage(new BufferedImage(cm, r, false, null), null, null), null);
            }
            wr.endWriteSequence();
        } finally {
            wr.dispose();
        }
    }
}
