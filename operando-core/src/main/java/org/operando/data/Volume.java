package org.operando.data;

import java.util.Objects;

/**
 * A 3D scalar volume (a reconstructed tomogram, an edge-fraction map) with voxel size and origin. Stored in a
 * {@link LargeFloatArray}, index = (z * ny + y) * nx + x, so volumes beyond 2^31 voxels are representable.
 */
public final class Volume {
    private final int nx;
    private final int ny;
    private final int nz;
    private final LargeFloatArray data;
    private final double[] voxelSize;
    private final double[] origin;
    private final Unit lengthUnit;
    private final String quantity;
    private final Unit unit;

    public Volume(int nx, int ny, int nz, LargeFloatArray data, double[] voxelSize, double[] origin,
                  Unit lengthUnit, String quantity, Unit unit) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume size must be positive, got " + nx + "x" + ny + "x" + nz);
        }
        if (data.length() != (long) nx * ny * nz) {
            throw new IllegalArgumentException("volume " + nx + "x" + ny + "x" + nz + " cannot hold " + data.length());
        }
        if (voxelSize.length != 3 || origin.length != 3) {
            throw new IllegalArgumentException("voxel size and origin need 3 components");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.data = data;
        this.voxelSize = voxelSize.clone();
        this.origin = origin.clone();
        this.lengthUnit = Objects.requireNonNull(lengthUnit);
        this.quantity = quantity;
        this.unit = Objects.requireNonNull(unit);
    }

    /** A zero volume with isotropic voxels of {@code voxel} µm, origin 0. */
    public static Volume allocate(int nx, int ny, int nz, double voxel, String quantity, Unit unit) {
        return new Volume(nx, ny, nz, new LargeFloatArray((long) nx * ny * nz), new double[] {voxel, voxel, voxel},
                new double[3], Unit.MICROMETER, quantity, unit);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public long voxelCount() { return (long) nx * ny * nz; }
    public double[] voxelSize() { return voxelSize.clone(); }
    public double[] origin() { return origin.clone(); }
    public Unit lengthUnit() { return lengthUnit; }
    public String quantity() { return quantity; }
    public Unit unit() { return unit; }
    public LargeFloatArray data() { return data; }

    public long index(int x, int y, int z) {
        return ((long) z * ny + y) * nx + x;
    }

    public float get(int x, int y, int z) {
        return data.get(index(x, y, z));
    }

    public void set(int x, int y, int z, float v) {
        data.set(index(x, y, z), v);
    }

    /** Slice z as a row-major [ny][nx] array copy. */
    public float[] sliceZ(int z) {
        float[] out = new float[nx * ny];
        data.read(index(0, 0, z), out, 0, out.length);
        return out;
    }

    public void setSliceZ(int z, float[] slice) {
        if (slice.length != nx * ny) {
            throw new IllegalArgumentException("slice has " + slice.length + " values, expected " + nx * ny);
        }
        data.write(index(0, 0, z), slice, 0, slice.length);
    }
}
