package io.artifex.models.flow;

import java.util.SplittableRandom;

/**
 * The kernel two-sample test of Gretton et al. (2012) for the tests: unbiased MMD^2 with a
 * Gaussian (RBF) kernel whose bandwidth is the median pairwise distance of the pooled sample,
 * and a permutation p-value.
 */
final class Mmd {

    private Mmd() {
    }

    /** {MMD^2, p-value} of samples {@code a} and {@code b} (row-major, {@code dim} columns). */
    static double[] test(float[] a, float[] b, int dim, int permutations, long seed) {
        int n = a.length / dim;
        int m = b.length / dim;
        int total = n + m;
        float[] pooled = new float[total * dim];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double[] sq = new double[total * total];
        double[] distances = new double[total * (total - 1) / 2];
        int k = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                double d = 0;
                for (int c = 0; c < dim; c++) {
                    double diff = pooled[i * dim + c] - pooled[j * dim + c];
                    d += diff * diff;
                }
                sq[i * total + j] = d;
                sq[j * total + i] = d;
                distances[k++] = Math.sqrt(d);
            }
        }
        java.util.Arrays.sort(distances);
        double sigma = distances[distances.length / 2];
        double[] kernel = new double[total * total];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = Math.exp(-sq[i] / (2 * sigma * sigma));
        }
        int[] labels = new int[total];
        for (int i = 0; i < total; i++) {
            labels[i] = i < n ? 0 : 1;
        }
        double observed = mmd2(kernel, labels, n, m);
        SplittableRandom random = new SplittableRandom(seed);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            for (int i = total - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = labels[i];
                labels[i] = labels[j];
                labels[j] = t;
            }
            if (mmd2(kernel, labels, n, m) >= observed) {
                atLeast++;
            }
        }
        return new double[] {observed, (atLeast + 1.0) / (permutations + 1.0)};
    }

    private static double mmd2(double[] kernel, int[] labels, int n, int m) {
        int total = labels.length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < total; i++) {
            for (int j = 0; j < total; j++) {
                if (i == j) {
                    continue;
                }
                double v = kernel[i * total + j];
                if (labels[i] == 0 && labels[j] == 0) {
                    xx += v;
                } else if (labels[i] == 1 && labels[j] == 1) {
                    yy += v;
                } else {
                    xy += v;
                }
            }
        }
        return xx / (n * (n - 1.0)) + yy / (m * (m - 1.0)) - xy / (n * (double) m);
    }
}
