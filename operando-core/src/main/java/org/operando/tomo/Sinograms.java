package org.operando.tomo;

import org.operando.util.InvalidInputException;

/**
 * Sinograms of a stack of slices, one or several channels, ready for reconstruction: for every slice z a
 * channel-interleaved array {@code [angle][bin][channel]} (see {@link TomoOperator}). Projection images come
 * in as [angle][row][bin]; detector row = slice.
 */
public final class Sinograms {
    private final int slices;
    private final int angles;
    private final int bins;
    private final int channels;
    private final float[][] data;

    public Sinograms(int slices, int angles, int bins, int channels) {
        if (slices < 1 || angles < 1 || bins < 1 || channels < 1) {
            throw new IllegalArgumentException("empty sinogram stack");
        }
        this.slices = slices;
        this.angles = angles;
        this.bins = bins;
        this.channels = channels;
        this.data = new float[slices][angles * bins * channels];
    }

    /** One slice, one channel, from a sinogram [angle][bin]. */
    public static Sinograms ofSinogram(float[] sino, int angles, int bins) {
        JosephProjector.check(sino.length == angles * bins, "sinogram length");
        Sinograms s = new Sinograms(1, angles, bins, 1);
        System.arraycopy(sino, 0, s.data[0], 0, sino.length);
        return s;
    }

    /** One channel from projections [angle][row · bins + bin] with {@code rows} detector rows (= slices). */
    public static Sinograms ofProjections(float[][] projections, int rows, int bins) {
        return ofChannels(new float[][][] {projections}, rows, bins);
    }

    /** Several channels: {@code channels[c][angle][row · bins + bin]}. */
    public static Sinograms ofChannels(float[][][] channels, int rows, int bins) {
        int nc = channels.length;
        int na = channels[0].length;
        Sinograms s = new Sinograms(rows, na, bins, nc);
        for (int c = 0; c < nc; c++) {
            JosephProjector.check(channels[c].length == na, "channel " + c + " projection count");
            for (int a = 0; a < na; a++) {
                float[] p = channels[c][a];
                JosephProjector.check(p.length == rows * bins, "projection size");
                for (int z = 0; z < rows; z++) {
                    float[] d = s.data[z];
                    for (int j = 0; j < bins; j++) {
                        d[(a * bins + j) * nc + c] = p[z * bins + j];
                    }
                }
            }
        }
        return s;
    }

    public int slices() { return slices; }
    public int angles() { return angles; }
    public int bins() { return bins; }
    public int channels() { return channels; }

    /** The interleaved sinogram of slice z (live array). */
    public float[] slice(int z) {
        return data[z];
    }

    /** Channel c of slice z as a plain sinogram [angle][bin] (a copy). */
    public float[] channelSinogram(int z, int c) {
        float[] out = new float[angles * bins];
        float[] d = data[z];
        for (int i = 0; i < out.length; i++) {
            out[i] = d[i * channels + c];
        }
        return out;
    }

    /**
     * Refuses non-finite values, naming how many there are and where the first one is (channel, projection,
     * row, bin); {@code what} names the input (file::dataset).
     */
    public void requireFinite(String what) {
        long bad = 0;
        long firstKey = Long.MAX_VALUE;
        String first = null;
        for (int z = 0; z < slices; z++) {
            float[] d = data[z];
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    int c = i % channels;
                    int ray = i / channels;
                    long key = (((long) c * angles + ray / bins) * slices + z) * bins + ray % bins;
                    if (key < firstKey) {
                        firstKey = key;
                        first = (channels > 1 ? "channel " + c + ", " : "") + "projection " + ray / bins + ", row " + z
                                + ", bin " + ray % bins + " (" + d[i] + ")";
                    }
                    bad++;
                }
            }
        }
        InvalidInputException.require(bad == 0, what + ": " + bad + " NaN/Inf value" + (bad == 1 ? "" : "s")
                + " in the projections, first at " + first + "; expected finite values (mask or interpolate them first)");
    }
}
