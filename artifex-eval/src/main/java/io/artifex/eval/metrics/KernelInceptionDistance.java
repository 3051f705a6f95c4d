package io.artifex.eval.metrics;

import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * The Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimate of the squared
 * maximum mean discrepancy between two feature sets with the cubic polynomial kernel
 * {@code k(x, y) = (x . y / d + 1)^3}, averaged over random subsets.
 *
 * <p>Each of {@code subsets} rounds draws {@code subsetSize} rows from each set without
 * replacement (independently across rounds) and computes
 * {@code MMD^2_u = sum_{i!=j} k(x_i,x_j)/(m(m-1)) + sum_{i!=j} k(y_i,y_j)/(m(m-1)) - 2 sum_{i,j} k(x_i,y_j)/m^2}.
 * The estimate is unbiased, so it can be negative when the two distributions agree. The
 * standard error is the standard deviation over rounds divided by {@code sqrt(subsets)}; rounds
 * share rows, so it is a guide, not an exact sampling error.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class KernelInceptionDistance {

    /**
     * The KID estimate.
     *
     * @param mean          the mean of the per-subset MMD^2 values
     * @param standardError their standard deviation over {@code sqrt(subsets)} (0 with one subset)
     * @param values        the per-subset values
     */
    public record Result(double mean, double standardError, double[] values) {
    }

    private KernelInceptionDistance() {
    }

    /** KID over {@code subsets} rounds of {@code subsetSize} rows from each set, drawn with {@code seed}. */
    public static Result compute(double[][] a, double[][] b, int subsetSize, int subsets, long seed) {
        int d = Samples.checkPair(a, "first feature set", b, "second feature set", 2);
        if (subsetSize < 2) {
            throw new IllegalArgumentException("subsetSize must be >= 2, got " + subsetSize);
        }
        if (subsets < 1) {
            throw new IllegalArgumentException("subsets must be >= 1, got " + subsets);
        }
        int m = Math.min(subsetSize, Math.min(a.length, b.length));
        Rng rng = new Rng(seed);
        double[] values = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            SplittableRandom random = rng.javaRandom();
            double[][] x = Samples.rows(a, sampleWithoutReplacement(a.length, m, random));
            double[][] y = Samples.rows(b, sampleWithoutReplacement(b.length, m, random));
            values[s] = unbiasedMmdSquared(x, y, d);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        double se = subsets > 1 ? Math.sqrt(var / (subsets - 1) / subsets) : 0;
        return new Result(mean, se, values);
    }

    /** The cubic polynomial kernel {@code (x . y / d + 1)^3}. */
    public static double kernel(double[] x, double[] y) {
        double t = Samples.dot(x, y) / x.length + 1;
        return t * t * t;
    }

    /** The unbiased MMD^2 with the cubic kernel between two sets of equal or different size (each >= 2). */
    public static double unbiasedMmdSquared(double[][] x, double[][] y) {
        int d = Samples.checkPair(x, "x", y, "y", 2);
        return unbiasedMmdSquared(x, y, d);
    }

    private static double unbiasedMmdSquared(double[][] x, double[][] y, int d) {
        int n = x.length;
        int m = y.length;
        double kxx = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                kxx += kernel(x[i], x[j]);
            }
        }
        double kyy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                kyy += kernel(y[i], y[j]);
            }
        }
        double kxy = 0;
        for (double[] xi : x) {
            for (double[] yj : y) {
                kxy += kernel(xi, yj);
            }
        }
        return 2 * kxx / ((double) n * (n - 1)) + 2 * kyy / ((double) m * (m - 1)) - 2 * kxy / ((double) n * m);
    }

    /** {@code count} distinct indices from {@code [0, n)} (partial Fisher-Yates). */
    static int[] sampleWithoutReplacement(int n, int count, SplittableRandom random) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] out = new int[count];
        System.arraycopy(pool, 0, out, 0, count);
        return out;
    }
}
