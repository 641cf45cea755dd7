package org.operando.sim.swaxs;

/**
 * Beer–Lambert transmission and transmission-weighted path lengths through the cell for a top-hat beam of
 * the configured size, sampled by {@value #SUB} × {@value #SUB} parallel sub-rays (midpoint rule) so that beam
 * positions straddling an edge (pin tip, capillary wall, electrode surface) see the partial-volume mixture a real
 * finite beam sees. Sodium plated in the electrode replaces electrolyte in its pores.
 */
public final class BeamPath {
    public static final int SUB = 5;
    private final CellGeometry cell;
    private final Materials.Attenuation mu;
    private final double beamWidth;
    private final double beamHeight;

    public BeamPath(CellGeometry cell, double energyKeV, double beamWidth, double beamHeight) {
        this(cell, Materials.attenuation(energyKeV), beamWidth, beamHeight);
    }

    public BeamPath(CellGeometry cell, Materials.Attenuation mu, double beamWidth, double beamHeight) {
        this.cell = cell;
        this.mu = mu;
        this.beamWidth = beamWidth;
        this.beamHeight = beamHeight;
    }

    /** The same beam through another (e.g. swollen) cell. */
    public BeamPath through(CellGeometry other) {
        return other.equals(cell) ? this : new BeamPath(other, mu, beamWidth, beamHeight);
    }

    public Materials.Attenuation attenuation() {
        return mu;
    }

    /** Transmission of one infinitely thin ray at (x, y) mm with plated-sodium volume fraction p in the electrode. */
    public double rayTransmission(double x, double y, double plating) {
        double lq = cell.quartzPath(x);
        double ls = cell.steelPath(x, y);
        double le = cell.electrolytePath(x, y);
        double lel = cell.electrodePath(x, y);
        double muEl = mu.electrode() + plating * (mu.sodium() - mu.electrolyte());
        return Math.exp(-(mu.quartz() * lq + mu.steel() * ls + mu.electrolyte() * le + muEl * lel));
    }

    /**
     * Path weights at beam centre (x, y) mm. {@code plating} gives the plated-sodium volume fraction at a sub-ray
     * position (null for none).
     */
    public PathWeights weights(double x, double y, PlatingField plating) {
        double t = 0;
        double wq = 0;
        double we = 0;
        double wel = 0;
        double ws = 0;
        double poreElectrolyte = 1 - Materials.ELECTRODE_SOLID_FRACTION;
        for (int i = 0; i < SUB; i++) {
            double xs = x + beamWidth * ((i + 0.5) / SUB - 0.5);
            for (int j = 0; j < SUB; j++) {
                double ys = y + beamHeight * ((j + 0.5) / SUB - 0.5);
                double p = plating == null ? 0 : plating.at(xs, ys);
                double tr = rayTransmission(xs, ys, p);
                double lel = cell.electrodePath(xs, ys);
                t += tr;
                wq += tr * cell.quartzPath(xs);
                we += tr * (cell.electrolytePath(xs, ys) + lel * Math.max(0, poreElectrolyte - p));
                wel += tr * lel;
                ws += tr * cell.steelPath(xs, ys);
            }
        }
        double n = SUB * SUB;
        double mmToCm = 0.1;
        return new PathWeights(t / n, wq / n * mmToCm, we / n * mmToCm, wel / n * mmToCm, ws / n * mmToCm);
    }

    /** Plated-sodium volume fraction as a function of position (mm). */
    @FunctionalInterface
    public interface PlatingField {
        double at(double x, double y);
    }
}
