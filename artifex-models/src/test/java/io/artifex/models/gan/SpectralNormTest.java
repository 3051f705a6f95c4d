package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The power iteration of {@link SpectralNorm} against weights with a known singular value
 * decomposition {@code W = U diag(s) V^T} (U and V orthonormal, built by Gram-Schmidt here), so
 * that the true largest singular value is known exactly.
 */
class SpectralNormTest {

    /** {@code k} orthonormal columns of length {@code n}, as a row-major (n, k) array. */
    private static double[][] orthonormalColumns(int n, int k, SplittableRandom random) {
        double[][] q = new double[k][n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = random.nextGaussian();
            }
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[j][i] * q[p][i];
                }
                for (int i = 0; i < n; i++) {
                    q[j][i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[j][i] * q[j][i];
            }
            for (int i = 0; i < n; i++) {
                q[j][i] /= Math.sqrt(norm);
            }
        }
        return q;
    }

    /** A (rows, cols) weight with singular values {@code s} (row-major floats). */
    private static float[] weightWithSingularValues(int rows, int cols, double[] s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] u = orthonormalColumns(rows, s.length, random);
        double[][] v = orthonormalColumns(cols, s.length, random);
        float[] w = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int k = 0; k < s.length; k++) {
                    sum += u[k][i] * s[k] * v[k][j];
                }
                w[i * cols + j] = (float) sum;
            }
        }
        return w;
    }

    private static double frobenius(NDArray x) {
        return x.square().sum().getFloat();
    }

    @Test
    void powerIterationConvergesToTheLargestSingularValue() {
        double[] s = {3.0, 1.5, 0.7, 0.2};
        float[] w = weightWithSingularValues(6, 10, s, 11);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(5);
            NDArray weight = manager.create(w, new Shape(6, 10));
            SpectralNorm norm = new SpectralNorm(6);
            norm.initialize(manager);
            NDArray normalised = null;
            for (int step = 0; step < 30; step++) {
                normalised = norm.apply(weight, true);
            }
            // W / sigma scales every entry by 1 / sigma: the ratio of norms is the estimate of sigma.
            double sigma = Math.sqrt(frobenius(weight) / frobenius(normalised));
            assertThat(sigma).isCloseTo(3.0, within(1e-3));
            // The normalised weight's Frobenius norm follows from the known spectrum divided by sigma.
            double expected = 0;
            for (double value : s) {
                expected += (value / 3.0) * (value / 3.0);
            }
            assertThat(frobenius(normalised)).isCloseTo(expected, within(1e-3));
        }
    }

    @Test
    void aConvolutionWeightIsNormalisedAsAnOutputsByRestMatrixAndEvalModeFreezesU() {
        double[] s = {2.5, 2.0, 0.5};
        // (outputs 3, in 2, 2, 2) as a (3, 8) matrix.
        float[] w = weightWithSingularValues(3, 8, s, 23);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            NDArray weight = manager.create(w, new Shape(3, 2, 2, 2));
            SpectralNorm norm = new SpectralNorm(3);
            norm.initialize(manager);
            for (int step = 0; step < 200; step++) {
                norm.apply(weight, true).close();
            }
            float[] before = norm.u().toFloatArray();
            NDArray normalised = norm.apply(weight, false);
            assertThat(normalised.getShape()).isEqualTo(new Shape(3, 2, 2, 2));
            assertThat(Math.sqrt(frobenius(weight) / frobenius(normalised))).isCloseTo(2.5, within(1e-3));
            assertThat(norm.u().toFloatArray()).containsExactly(before);
        }
    }
}
