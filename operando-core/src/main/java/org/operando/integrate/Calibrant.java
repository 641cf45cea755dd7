package org.operando.integrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.operando.util.InvalidInputException;

/**
 * A calibrant: its d-spacings (Å, largest first). The shipped tables (resources {@code calibrants/*.D}, each citing
 * its source) are AgBh (silver behenate, d001 = 58.380 Å, Blanton et al. 1995) for SAXS, and the NIST standard
 * reference materials LaB6 (SRM 660c), CeO2 (SRM 674b) and Si (SRM 640e) for WAXS. A file in the same format (one
 * d-spacing in Å per line, '#' comments) gives any other calibrant.
 */
public final class Calibrant {
    /** Names of the shipped calibrants. */
    public static final List<String> NAMES = List.of("AgBh", "LaB6", "CeO2", "Si");

    private final String name;
    private final double[] d;

    public Calibrant(String name, double[] dSpacings) {
        this.name = name;
        double[] s = dSpacings.clone();
        Arrays.sort(s);
        this.d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            d[i] = s[s.length - 1 - i];
        }
        InvalidInputException.require(d.length > 0 && d[d.length - 1] > 0,
                "calibrant " + name + ": needs at least one positive d-spacing");
    }

    /** A shipped calibrant by name (case-insensitive). */
    public static Calibrant named(String name) {
        for (String n : NAMES) {
            if (n.equalsIgnoreCase(name)) {
                try (InputStream in = Calibrant.class.getResourceAsStream("calibrants/" + n + ".D")) {
                    return new Calibrant(n, parse(in, n));
                } catch (IOException e) {
                    throw new IllegalStateException("calibrant table " + n + " missing from the jar", e);
                }
            }
        }
        throw new InvalidInputException("unknown calibrant '" + name + "'; expected " + String.join(", ", NAMES)
                + " or a file of d-spacings (Å)");
    }

    /** Parses a d-spacing table (one value in Å per line, '#' starts a comment); {@code source} names it. */
    public static double[] parse(InputStream in, String source) throws IOException {
        List<Double> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                int c = line.indexOf('#');
                String s = (c >= 0 ? line.substring(0, c) : line).trim();
                if (s.isEmpty()) {
                    continue;
                }
                String first = s.split("[\\s,;]+")[0];
                try {
                    double v = Double.parseDouble(first);
                    if (!(v > 0) || !Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    out.add(v);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(source + " line " + no + ": '" + first
                            + "' is not a positive d-spacing in Å");
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(source + ": no d-spacings found (expected one value in Å per line)");
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public String name() {
        return name;
    }

    /** d-spacings in Å, largest first. */
    public double[] dSpacings() {
        return d.clone();
    }

    /** 2θ (rad) of each reflection reachable at wavelength λ (m), in order of increasing angle. */
    public double[] twoTheta(double wavelength) {
        double lambda = wavelength * 1e10;
        List<Double> out = new ArrayList<>();
        for (double di : d) {
            double s = lambda / (2 * di);
            if (s < 1) {
                out.add(2 * Math.asin(s));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d reflections, d = %.4f … %.4f Å)", name, d.length, d[0], d[d.length - 1]);
    }
}
