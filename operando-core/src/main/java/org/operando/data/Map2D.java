package org.operando.data;

import java.util.Objects;

/**
 * A 2D map on a regular raster with physical pixel size and origin: a transmission map, a q-region intensity
 * map, a difference map. Row-major, {@code ny} rows of {@code nx} values; row 0 is the first (top) raster line.
 * Positions: x = originX + col * pixelSizeX, y = originY + row * pixelSizeY, in {@link #lengthUnit()}.
 */
public final class Map2D {
    private final int nx;
    private final int ny;
    private final float[] values;
    private final double pixelSizeX;
    private final double pixelSizeY;
    private final double originX;
    private final double originY;
    private final Unit lengthUnit;
    private final String quantity;
    private final Unit unit;

    public Map2D(int nx, int ny, float[] values, double pixelSizeX, double pixelSizeY, double originX,
                 double originY, Unit lengthUnit, String quantity, Unit unit) {
        if (nx <= 0 || ny <= 0 || values.length != (long) nx * ny) {
            throw new IllegalArgumentException("map " + ny + "x" + nx + " cannot hold " + values.length + " values");
        }
        this.nx = nx;
        this.ny = ny;
        this.values = values;
        this.pixelSizeX = pixelSizeX;
        this.pixelSizeY = pixelSizeY;
        this.originX = originX;
        this.originY = originY;
        this.lengthUnit = Objects.requireNonNull(lengthUnit);
        this.quantity = quantity;
        this.unit = Objects.requireNonNull(unit);
    }

    /** A map in µm with origin 0. */
    public static Map2D of(int nx, int ny, float[] values, double pixelUm, double pixelUmY, String quantity, Unit unit) {
        return new Map2D(nx, ny, values, pixelUm, pixelUmY, 0, 0, Unit.MICROMETER, quantity, unit);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public double pixelSizeX() { return pixelSizeX; }
    public double pixelSizeY() { return pixelSizeY; }
    public double originX() { return originX; }
    public double originY() { return originY; }
    public Unit lengthUnit() { return lengthUnit; }
    public String quantity() { return quantity; }
    public Unit unit() { return unit; }

    public float get(int row, int col) {
        return values[row * nx + col];
    }

    public void set(int row, int col, float v) {
        values[row * nx + col] = v;
    }

    /** Backing array, row-major; shared. */
    public float[] values() {
        return values;
    }

    /** Same raster, other values. */
    public Map2D withValues(float[] newValues, String newQuantity, Unit newUnit) {
        return new Map2D(nx, ny, newValues, pixelSizeX, pixelSizeY, originX, originY, lengthUnit, newQuantity, newUnit);
    }
}
