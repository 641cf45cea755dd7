package org.operando.sim.swaxs;

import org.apache.commons.math3.special.Gamma;

/**
 * A small, fast, deterministic random generator (xoshiro256**, Blackman &amp; Vigna) with a Poisson sampler.
 * One instance is created per detector frame from (seed, scan, detector, point) through the SplitMix64 mixer,
 * so frames can be generated in any order and on any number of threads with byte-identical results.
 * Not thread-safe: one instance per task.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator for the stream identified by the given keys (e.g. seed, scan, detector, point). */
    public static Rng forKeys(long... keys) {
        long h = 0x9E3779B97F4A7C15L;
        for (long k : keys) {
            h = mix(h, k);
        }
        return new Rng(h);
    }

    public Rng(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64 finaliser. */
    static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Mixes a key into a hash (order-dependent). */
    public static long mix(long h, long key) {
        return splitMix(h ^ splitMix(key + 0x632BE59BD9B4E019L));
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal (Box–Muller, one value per call). */
    public double nextGaussian() {
        double u1 = 1 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static final double[] LOG_FACTORIAL = new double[16];

    static {
        for (int k = 0; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = Gamma.logGamma(k + 1.0);
        }
    }

    /**
     * log(k!): table below 16, else the Stirling series to 1/n⁵ (absolute error &lt; 1e-12 for k ≥ 16; tested
     * against commons-math3 Gamma.logGamma).
     */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double n = k + 1.0;
        double inv = 1.0 / n;
        double inv2 = inv * inv;
        return (n - 0.5) * Math.log(n) - n + 0.9189385332046727
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260)));
    }

    /**
     * A Poisson deviate of mean {@code lambda}: inversion (sequential search) for λ &lt; 10, Hörmann's transformed
     * rejection with squeeze (PTRS, 1993) otherwise. Exact in distribution for every λ ≥ 0.
     */
    public long poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 10) {
            // inversion by sequential search of the cumulative distribution: one uniform per deviate
            double u = nextDouble();
            double p = Math.exp(-lambda);
            double f = p;
            long k = 0;
            while (u > f && k < 200) {
                k++;
                p *= lambda / k;
                f += p;
            }
            return k;
        }
        double slam = Math.sqrt(lambda);
        double loglam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = nextDouble() - 0.5;
            double v = nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -lambda + k * loglam - logFactorial(k)) {
                return k;
            }
        }
    }
}
