package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/** Energies with known moments for the sampler tests, and host-side moment estimates. */
final class GaussianTargets {

    private GaussianTargets() {
    }

    /** {@code E(x) = (x - mean)^T P (x - mean) / 2} with {@code P = inverse(cov)}, 2-D. */
    static EnergyFunction gaussian(double[] mean, double[][] cov) {
        double[][] p = inverse(cov);
        return x -> quadratic(x, mean, p).mul(0.5f);
    }

    /** {@code E(x) = -log(0.5 N(x; m1, cov) + 0.5 N(x; m2, cov))} up to a constant, 2-D. */
    static EnergyFunction mixture(double[] m1, double[] m2, double[][] cov) {
        double[][] p = inverse(cov);
        return x -> {
            NDArray a = quadratic(x, m1, p).mul(-0.5f);
            NDArray b = quadratic(x, m2, p).mul(-0.5f);
            // log(e^a + e^b) = a + softplus(b - a)
            return a.add(Activation.softPlus(b.sub(a))).neg();
        };
    }

    private static NDArray quadratic(NDArray x, double[] mean, double[][] p) {
        NDManager m = x.getManager();
        NDArray mu = m.create(new float[] {(float) mean[0], (float) mean[1]}, new Shape(1, 2));
        NDArray precision = m.create(new float[] {(float) p[0][0], (float) p[0][1], (float) p[1][0], (float) p[1][1]},
                new Shape(2, 2));
        NDArray d = x.sub(mu);
        return d.matMul(precision).mul(d).sum(new int[] {1});
    }

    static double[][] inverse(double[][] a) {
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return new double[][] {{a[1][1] / det, -a[0][1] / det}, {-a[1][0] / det, a[0][0] / det}};
    }

    /** Sample mean of rows {@code (N, 2)}. */
    static double[] mean(float[] xy) {
        int n = xy.length / 2;
        double[] s = new double[2];
        for (int i = 0; i < n; i++) {
            s[0] += xy[2 * i];
            s[1] += xy[2 * i + 1];
        }
        return new double[] {s[0] / n, s[1] / n};
    }

    /** Sample covariance of rows {@code (N, 2)}. */
    static double[][] cov(float[] xy) {
        int n = xy.length / 2;
        double[] mu = mean(xy);
        double[][] c = new double[2][2];
        for (int i = 0; i < n; i++) {
            double dx = xy[2 * i] - mu[0];
            double dy = xy[2 * i + 1] - mu[1];
            c[0][0] += dx * dx;
            c[0][1] += dx * dy;
            c[1][1] += dy * dy;
        }
        c[0][0] /= n - 1;
        c[0][1] /= n - 1;
        c[1][1] /= n - 1;
        c[1][0] = c[0][1];
        return c;
    }
}
