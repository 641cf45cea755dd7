package org.operando.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.operando.data.Axis;
import org.operando.data.CurveSet;
import org.operando.data.Unit;

import org.operando.swaxs.SwaxsScan;

/**
 * A small analytic raster with known truth: 16 × 12 points; lines 10–11 current collector (T = 0.05); electrode
 * lines 4–9, columns 3–12; electrolyte everywhere else. Pore filling grows with time and towards the collector,
 * d002 grows, metallic sodium appears from scan 3 next to the collector.
 */
public final class SyntheticSwaxsRaster {
    private SyntheticSwaxsRaster() { }

    public static final int NX = 16;
    public static final int NY = 12;
    public static final Axis SAXS_Q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.004, 0.6, 300);
    public static final Axis WAXS_Q = Axis.linear("q", Unit.Q_INV_ANGSTROM, 0.8, 2.8, 800);

    public static boolean electrode(int x, int y) {
        return y >= 4 && y <= 9 && x >= 3 && x <= 12;
    }

    public static boolean collector(int y) {
        return y >= 10;
    }

    /** Pore-filling fraction: rises with scan and towards the collector. */
    public static double fill(int scan, int y) {
        return scan == 0 ? 0 : Math.min(0.9, 0.08 * scan * (1 + 0.25 * (y - 4)));
    }

    public static double q002(int scan) {
        return 1.78 - 0.012 * scan;
    }

    public static boolean platingAt(int scan, int x, int y) {
        return scan >= 3 && y == 9 && x >= 6 && x <= 8;
    }

    public static List<SwaxsScan> scans(long seed) {
        Random r = new Random(seed);
        List<SwaxsScan> out = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            CurveSet saxs = CurveSet.allocate(SAXS_Q, NX * NY, true, "I", Unit.COUNTS);
            CurveSet waxs = CurveSet.allocate(WAXS_Q, NX * NY, true, "I", Unit.COUNTS);
            float[] t = new float[NX * NY];
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    int i = y * NX + x;
                    boolean el = electrode(x, y);
                    t[i] = collector(y) ? 0.05f : el ? 0.6f : 0.8f;
                    double f = el ? fill(s, y) : 0;
                    for (int k = 0; k < SAXS_Q.size(); k++) {
                        double q = SAXS_Q.get(k);
                        double electrolyte = 200;
                        double hc = el ? 1e-6 * Math.pow(q, -4) + 4000 * (1 - f) * (1 - f) / (1 + Math.pow(q / 0.35, 4)) : 0;
                        double mu = t[i] * (electrolyte + hc);
                        double sd = Math.sqrt(mu);
                        saxs.set(i, k, (float) (mu + sd * r.nextGaussian()));
                        saxs.setSigma(i, k, (float) sd);
                    }
                    for (int k = 0; k < WAXS_Q.size(); k++) {
                        double q = WAXS_Q.get(k);
                        double electrolyte = 3000 * Math.exp(-Math.pow(q - 1.4, 2) / 0.5);
                        double hc = 0;
                        if (el) {
                            hc = 2000 * Math.exp(-4 * Math.log(2) * Math.pow(q - q002(s), 2) / 0.16)
                                    + 400 * Math.exp(-4 * Math.log(2) * Math.pow(q - 1.45, 2) / 0.0064)
                                    + 600 * f * Math.exp(-4 * Math.log(2) * Math.pow(q - 2.17, 2) / 0.05);
                        }
                        if (platingAt(s, x, y)) {
                            hc += 3000 * Math.exp(-4 * Math.log(2) * Math.pow(q - 2.078, 2) / (0.012 * 0.012));
                        }
                        double mu = t[i] * (electrolyte + hc + 500);
                        double sd = Math.sqrt(mu);
                        waxs.set(i, k, (float) (mu + sd * r.nextGaussian()));
                        waxs.setSigma(i, k, (float) sd);
                    }
                }
            }
            out.add(new SwaxsScan(s == 0 ? "pristine" : "op" + s, NX, NY, 25, 15, saxs, waxs, t, 600.0 * s,
                    600.0 * s + 300));
        }
        return out;
    }

}
