package io.artifex.eval.metrics;

import java.util.SplittableRandom;

/** Test helper: draws from N(mean, A A^T) with a given lower-triangular factor A. */
final class Gaussians {

    private Gaussians() {
    }

    static double[][] draw(int n, double[] mean, double[][] factor, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = mean.length;
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                z[k] = r.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double s = mean[a];
                for (int b = 0; b <= a; b++) {
                    s += factor[a][b] * z[b];
                }
                out[i][a] = s;
            }
        }
        return out;
    }

    static double[][] standard(int n, int d, double shift, long seed) {
        double[][] identity = new double[d][d];
        double[] mean = new double[d];
        for (int k = 0; k < d; k++) {
            identity[k][k] = 1;
            mean[k] = shift;
        }
        return draw(n, mean, identity, seed);
    }

    static double[][] covariance(double[][] factor) {
        int d = factor.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[i][j] += factor[i][k] * factor[j][k];
                }
            }
        }
        return c;
    }
}
