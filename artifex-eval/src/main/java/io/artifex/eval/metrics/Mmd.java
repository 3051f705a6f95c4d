package io.artifex.eval.metrics;

import io.artifex.core.random.Rng;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Maximum mean discrepancy with the Gaussian (RBF) kernel
 * {@code k(a, b) = exp(-|a - b|^2 / (2 sigma^2))}, for low-dimensional samples (toy 2-D
 * densities, latent codes). {@link #unbiasedSquared} is the unbiased estimator of Gretton et al.
 * (2012); {@link #medianBandwidth} is the median heuristic (sigma = median pairwise distance of
 * the pooled samples); {@link #permutationTest} gives a p-value for "both sets come from the same
 * distribution" by recomputing the statistic under random relabellings of the pooled samples.
 * All cost O((n + m)^2 d); the permutation test computes the pooled kernel matrix once.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Mmd {

    /**
     * A permutation test result.
     *
     * @param mmdSquared   the unbiased MMD^2 of the observed split
     * @param pValue       {@code (1 + #{permuted >= observed}) / (1 + permutations)}
     * @param bandwidth    the kernel bandwidth sigma used
     * @param permutations the number of permutations
     */
    public record TestResult(double mmdSquared, double pValue, double bandwidth, int permutations) {
    }

    private Mmd() {
    }

    /** The unbiased MMD^2 between {@code x} and {@code y} (each >= 2 rows) with bandwidth {@code sigma}. */
    public static double unbiasedSquared(double[][] x, double[][] y, double sigma) {
        Samples.checkPair(x, "x", y, "y", 2);
        checkBandwidth(sigma);
        double[][] pooled = concat(x, y);
        return statistic(kernelMatrix(pooled, sigma), identity(pooled.length), x.length);
    }

    /** The unbiased MMD^2 with the median-heuristic bandwidth. */
    public static double unbiasedSquared(double[][] x, double[][] y) {
        return unbiasedSquared(x, y, medianBandwidth(x, y));
    }

    /**
     * The median heuristic: the median Euclidean distance over all distinct pairs of the pooled
     * samples (pairs subsampled with a fixed seed beyond 2,000 pooled samples). Rejects data whose
     * median distance is zero.
     */
    public static double medianBandwidth(double[][] x, double[][] y) {
        Samples.checkPair(x, "x", y, "y", 1);
        double[][] pooled = concat(x, y);
        int limit = Math.min(pooled.length, 2000);
        double[][] subset = pooled;
        if (limit < pooled.length) {
            subset = Samples.rows(pooled, KernelInceptionDistance.sampleWithoutReplacement(pooled.length, limit,
                    new SplittableRandom(0x5EEDL)));
        }
        double[] distances = new double[limit * (limit - 1) / 2];
        int p = 0;
        for (int i = 0; i < limit; i++) {
            for (int j = i + 1; j < limit; j++) {
                distances[p++] = Math.sqrt(Samples.squaredDistance(subset[i], subset[j]));
            }
        }
        if (distances.length == 0) {
            throw new IllegalArgumentException("the median heuristic needs at least two pooled samples");
        }
        Arrays.sort(distances);
        int mid = distances.length / 2;
        double median = distances.length % 2 == 1 ? distances[mid] : 0.5 * (distances[mid - 1] + distances[mid]);
        if (!(median > 0)) {
            throw new IllegalArgumentException("median pairwise distance is 0 (samples mostly identical); "
                    + "pass an explicit bandwidth");
        }
        return median;
    }

    /** The permutation test with the median-heuristic bandwidth. */
    public static TestResult permutationTest(double[][] x, double[][] y, int permutations, long seed) {
        return permutationTest(x, y, medianBandwidth(x, y), permutations, seed);
    }

    /** The permutation test with bandwidth {@code sigma}, {@code permutations} relabellings drawn with {@code seed}. */
    public static TestResult permutationTest(double[][] x, double[][] y, double sigma, int permutations, long seed) {
        Samples.checkPair(x, "x", y, "y", 2);
        checkBandwidth(sigma);
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be >= 1, got " + permutations);
        }
        double[][] pooled = concat(x, y);
        double[][] kernel = kernelMatrix(pooled, sigma);
        int[] order = identity(pooled.length);
        double observed = statistic(kernel, order, x.length);
        SplittableRandom random = new Rng(seed).javaRandom();
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            if (statistic(kernel, order, x.length) >= observed) {
                atLeast++;
            }
        }
        return new TestResult(observed, (1.0 + atLeast) / (1.0 + permutations), sigma, permutations);
    }

    /** The RBF kernel value for squared distance {@code d2}. */
    static double rbf(double d2, double sigma) {
        return Math.exp(-d2 / (2 * sigma * sigma));
    }

    private static double statistic(double[][] k, int[] order, int n) {
        int total = order.length;
        int m = total - n;
        double kxx = 0;
        double kyy = 0;
        double kxy = 0;
        for (int a = 0; a < total; a++) {
            double[] row = k[order[a]];
            boolean aInX = a < n;
            for (int b = a + 1; b < total; b++) {
                double v = row[order[b]];
                if (aInX && b < n) {
                    kxx += v;
                } else if (!aInX) {
                    kyy += v;
                } else {
                    kxy += v;
                }
            }
        }
        return 2 * kxx / ((double) n * (n - 1)) + 2 * kyy / ((double) m * (m - 1)) - 2 * kxy / ((double) n * m);
    }

    private static double[][] kernelMatrix(double[][] pooled, double sigma) {
        int t = pooled.length;
        double[][] k = new double[t][t];
        for (int i = 0; i < t; i++) {
            k[i][i] = 1;
            for (int j = i + 1; j < t; j++) {
                double v = rbf(Samples.squaredDistance(pooled[i], pooled[j]), sigma);
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        return k;
    }

    private static double[][] concat(double[][] x, double[][] y) {
        double[][] pooled = new double[x.length + y.length][];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        return pooled;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void checkBandwidth(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("bandwidth sigma must be a positive finite number, got " + sigma);
        }
    }
}
