package org.operando.tomo;

import java.util.List;

/**
 * Analytic phantoms made of uniform ellipses: exact rasterisation (pixel-area average by supersampling) and
 * exact line integrals in the {@link ParallelGeometry} convention, for tests, benchmarks and twins.
 */
public final class Phantoms {
    /**
     * An ellipse of added value {@code value}, centre (x0, y0) and semi-axes (a, b) in pixels (x right, y down
     * from the pixel at the rotation axis), axis a rotated by {@code phi} radians.
     */
    public record Ellipse(double value, double a, double b, double x0, double y0, double phi) {
        boolean contains(double x, double y) {
            double dx = x - x0;
            double dy = y - y0;
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            double u = dx * c + dy * s;
            double v = -dx * s + dy * c;
            return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
        }

        /** Line integral along the line x·cos θ − y·sin θ = s. */
        double project(double cs, double sn, double s) {
            double nx = cs;
            double ny = -sn;
            double c = Math.cos(phi);
            double sp = Math.sin(phi);
            double pa = nx * c + ny * sp;
            double pb = -nx * sp + ny * c;
            double alpha2 = a * a * pa * pa + b * b * pb * pb;
            double d = s - (x0 * nx + y0 * ny);
            double q = alpha2 - d * d;
            return q <= 0 ? 0 : 2 * value * a * b * Math.sqrt(q) / alpha2;
        }
    }

    private Phantoms() { }

    /**
     * The modified Shepp–Logan phantom (Toft 1996; values 0–1) scaled to radius {@code r} pixels; y points
     * down, so the small ellipses sit at the bottom as in the usual display.
     */
    public static List<Ellipse> sheppLogan(double r) {
        double[][] p = {
            {1.0, .69, .92, 0, 0, 0},
            {-.8, .6624, .8740, 0, -.0184, 0},
            {-.2, .1100, .3100, .22, 0, -18},
            {-.2, .1600, .4100, -.22, 0, 18},
            {.1, .2100, .2500, 0, .35, 0},
            {.1, .0460, .0460, 0, .1, 0},
            {.1, .0460, .0460, 0, -.1, 0},
            {.1, .0460, .0230, -.08, -.605, 0},
            {.1, .0230, .0230, 0, -.606, 0},
            {.1, .0230, .0460, .06, -.605, 0},
        };
        java.util.ArrayList<Ellipse> out = new java.util.ArrayList<>();
        for (double[] e : p) {
            // Original coordinates have y up; ours y down: flip y0 and the rotation sense.
            out.add(new Ellipse(e[0], e[1] * r, e[2] * r, e[3] * r, -e[4] * r, Math.toRadians(-e[5])));
        }
        return out;
    }

    /** Pixel-area averages (ss × ss samples per pixel) of the phantom on the geometry's n × n grid. */
    public static float[] rasterize(List<Ellipse> es, int n, int ss) {
        float[] img = new float[n * n];
        double ic = n / 2;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = 0;
                for (int i = 0; i < ss; i++) {
                    for (int k = 0; k < ss; k++) {
                        double x = c - ic - 0.5 + (k + 0.5) / ss;
                        double y = r - ic - 0.5 + (i + 0.5) / ss;
                        for (Ellipse e : es) {
                            if (e.contains(x, y)) {
                                v += e.value();
                            }
                        }
                    }
                }
                img[r * n + c] = (float) (v / (ss * ss));
            }
        }
        return img;
    }

    /**
     * Exact parallel-beam projections [angle][bin] averaged over each bin's width (ss samples per bin),
     * for the geometry's angles and centre; the phantom may be translated by (tx, ty) pixels.
     */
    public static float[] sinogram(List<Ellipse> es, ParallelGeometry g, int ss) {
        int na = g.angleCount();
        int nb = g.detectorSize();
        float[] out = new float[na * nb];
        for (int a = 0; a < na; a++) {
            double cs = g.cos(a);
            double sn = g.sin(a);
            for (int j = 0; j < nb; j++) {
                double v = 0;
                for (int k = 0; k < ss; k++) {
                    double s = j - g.centre() - 0.5 + (k + 0.5) / ss;
                    for (Ellipse e : es) {
                        v += e.project(cs, sn, s);
                    }
                }
                out[a * nb + j] = (float) (v / ss);
            }
        }
        return out;
    }

    /** A phantom translated by (dx, dy) pixels. */
    public static List<Ellipse> translate(List<Ellipse> es, double dx, double dy) {
        return es.stream().map(e -> new Ellipse(e.value(), e.a(), e.b(), e.x0() + dx, e.y0() + dy, e.phi())).toList();
    }
}
