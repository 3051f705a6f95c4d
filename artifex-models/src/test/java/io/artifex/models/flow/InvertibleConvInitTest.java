package io.artifex.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Glow's 1x1 convolution starts as a random rotation (Kingma and Dhariwal 2018, section 3.2):
 * the weight rebuilt from its LU factors is orthogonal, W W^T = I, checked here by plain matrix
 * multiplication for several sizes and seeds. The log-determinant tests pass for any invertible
 * start, so they cannot see a broken initialisation (a lost sign, a wrong triangle, a scale).
 */
class InvertibleConvInitTest {

    @Test
    void theInitialWeightIsOrthogonal() {
        for (int n : new int[] {2, 3, 6}) {
            for (int seed = 1; seed <= 3; seed++) {
                try (NDManager manager = NDManager.newBaseManager()) {
                    InvertibleConv1x1 layer = new InvertibleConv1x1(n, new Rng(seed));
                    layer.initialize(manager, DataType.FLOAT32, new Shape(1, n, 2, 2));
                    double[] w = layer.weightOnHost();
                    double offIdentity = 0;
                    for (int i = 0; i < n * n; i++) {
                        offIdentity = Math.max(offIdentity, Math.abs(w[i] - (i % (n + 1) == 0 ? 1 : 0)));
                    }
                    // a random rotation, not the identity (which is orthogonal too)
                    assertThat(offIdentity).as("n %d, seed %d", n, seed).isGreaterThan(0.05);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double dot = 0;
                            for (int k = 0; k < n; k++) {
                                dot += w[i * n + k] * w[j * n + k];
                            }
                            assertThat(dot).as("n %d, seed %d, (W W^T)[%d][%d]", n, seed, i, j)
                                    .isCloseTo(i == j ? 1.0 : 0.0, within(1e-5));
                        }
                    }
                }
            }
        }
    }
}
