package org.operando.sim.swaxs;

/**
 * The local state of the electrode at one beam position and time: the ground truth the analysis should recover.
 *
 * @param filling       micropore filling fraction f ∈ [0, 1] (fraction of micropore volume filled with sodium)
 * @param intercalation intercalation degree i ∈ [0, 1] (sets d002 = 3.57 Å + 0.12 Å · i)
 * @param seiFactor     particle-surface (Porod) amplitude relative to the pristine electrode (≥ 1, grows with SEI)
 * @param pseudoMetal   pseudo-metallic sodium amplitude ∈ [0, 1] (confined Na clusters in highly filled pores)
 * @param plating       volume fraction of plated metallic sodium in the electrode ∈ [0, 0.5]
 * @param density       hard-carbon content per electrode volume relative to the pristine electrode (≤ 1 once the
 *                      electrode swells with plated sodium)
 */
public record ElectrodeState(double filling, double intercalation, double seiFactor, double pseudoMetal,
                             double plating, double density) {
    public static final ElectrodeState PRISTINE = new ElectrodeState(0, 0, 1, 0, 0);

    /** A state of an electrode that has not swollen (density 1). */
    public ElectrodeState(double filling, double intercalation, double seiFactor, double pseudoMetal, double plating) {
        this(filling, intercalation, seiFactor, pseudoMetal, plating, 1.0);
    }

    /** The voxel average (d002 is linear in the intercalation, so its average is the d002 of the average). */
    public static ElectrodeState mean(ElectrodeState[] voxels) {
        double f = 0;
        double i = 0;
        double s = 0;
        double p = 0;
        double pl = 0;
        double d = 0;
        for (ElectrodeState v : voxels) {
            d += v.density;
            f += v.filling;
            i += v.intercalation;
            s += v.seiFactor;
            p += v.pseudoMetal;
            pl += v.plating;
        }
        int n = voxels.length;
        return new ElectrodeState(f / n, i / n, s / n, p / n, pl / n, d / n);
    }

    /** d002 in Å. */
    public double d002() {
        return ScatteringModel.d002(intercalation);
    }
}
