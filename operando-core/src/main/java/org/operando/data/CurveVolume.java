package org.operando.data;

import java.util.Objects;

/**
 * A volume of curves: one curve on a shared axis (q, r or E) per voxel, as SAXS tomography (one volume per
 * q-bin) and PDF-CT (G(r) per voxel) produce. Stored channel-major, index = ((c * nz + z) * ny + y) * nx + x,
 * so one channel is a contiguous {@link Volume}-shaped block; chunked, so it may exceed 2^31 values.
 */
public final class CurveVolume {
    private final int nx;
    private final int ny;
    private final int nz;
    private final Axis axis;
    private final LargeFloatArray data;
    private final double voxelSize;
    private final String quantity;
    private final Unit unit;

    public CurveVolume(int nx, int ny, int nz, Axis axis, double voxelSize, String quantity, Unit unit) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume size must be positive, got " + nx + "x" + ny + "x" + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.axis = Objects.requireNonNull(axis);
        this.data = new LargeFloatArray((long) nx * ny * nz * axis.size());
        this.voxelSize = voxelSize;
        this.quantity = quantity;
        this.unit = Objects.requireNonNull(unit);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public Axis axis() { return axis; }
    public int channels() { return axis.size(); }
    public double voxelSize() { return voxelSize; }
    public String quantity() { return quantity; }
    public Unit unit() { return unit; }
    public LargeFloatArray data() { return data; }

    public long index(int channel, int x, int y, int z) {
        return (((long) channel * nz + z) * ny + y) * nx + x;
    }

    public float get(int channel, int x, int y, int z) {
        return data.get(index(channel, x, y, z));
    }

    public void set(int channel, int x, int y, int z, float v) {
        data.set(index(channel, x, y, z), v);
    }

    /** The curve of voxel (x, y, z). */
    public Curve curveAt(int x, int y, int z) {
        double[] v = new double[axis.size()];
        for (int c = 0; c < v.length; c++) {
            v[c] = get(c, x, y, z);
        }
        return new Curve(axis, v, null, quantity, unit);
    }

    /** Channel {@code c} copied into a {@link Volume}. */
    public Volume channel(int c) {
        long n = (long) nx * ny * nz;
        LargeFloatArray out = new LargeFloatArray(n);
        float[] buf = new float[(int) Math.min(n, 1 << 20)];
        for (long p = 0; p < n; p += buf.length) {
            int take = (int) Math.min(buf.length, n - p);
            data.read(index(c, 0, 0, 0) + p, buf, 0, take);
            out.write(p, buf, 0, take);
        }
        return new Volume(nx, ny, nz, out, new double[] {voxelSize, voxelSize, voxelSize}, new double[3],
                Unit.MICROMETER, quantity + " @ " + axis.name() + "=" + axis.get(c), unit);
    }
}
