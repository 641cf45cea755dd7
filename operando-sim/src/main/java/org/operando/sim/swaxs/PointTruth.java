package org.operando.sim.swaxs;

/**
 * Ground truth of one raster point of one scan.
 *
 * @param index   point index in acquisition order (row-major from the top-left)
 * @param row     raster line (0 = top)
 * @param col     raster column (0 = smallest x)
 * @param x       beam-centre x (mm)
 * @param y       beam-centre y (mm)
 * @param time    start of the exposure (s since the current went on)
 * @param state   electrode state at the beam centre at that time, averaged over the voxels along the beam
 * @param voxels  states of the {@link SodiationModel#VOXELS} equal electrode voxels along the beam
 * @param weights transmission-weighted path lengths over the beam footprint
 * @param region  what the beam centre hits: see {@link Region}
 */
public record PointTruth(int index, int row, int col, double x, double y, double time, ElectrodeState state,
                         ElectrodeState[] voxels, PathWeights weights, Region region) {

    /** Region of the cell at the beam centre (the masks of truth/). */
    public enum Region { ELECTRODE, CURRENT_COLLECTOR, ELECTROLYTE, CAPILLARY_WALL, OUTSIDE }

    /** The analytic 1D model of this point (scattered photons per incident photon per sr) at q (Å⁻¹). */
    public double intensity(double q) {
        return ScatteringModel.intensity(q, weights, voxels);
    }
}
