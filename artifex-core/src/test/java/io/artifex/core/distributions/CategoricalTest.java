package io.artifex.core.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class CategoricalTest {

    private static final double[] LOGITS = {1.0, -0.5, 0.3, 2.0, -1.5};

    private static double[] softmax(double[] l, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : l) {
            max = Math.max(max, v / temperature);
        }
        double z = 0;
        double[] p = new double[l.length];
        for (int k = 0; k < l.length; k++) {
            p[k] = Math.exp(l[k] / temperature - max);
            z += p[k];
        }
        for (int k = 0; k < l.length; k++) {
            p[k] /= z;
        }
        return p;
    }

    @Test
    void logProbsLogProbAndEntropyMatchPlainJavaOnAMiddleAxis() {
        // shape (N=2, K=3, L=2): categories along axis 1, two categoricals per example
        double[] l = {0.1, 2.0, -1.0, 0.5, 3.0, -0.2, 1.0, 1.0, -2.0, 0.0, 0.4, 4.0};
        long[] idx = {2, 0, 1, 2};
        try (NDManager m = NDManager.newBaseManager()) {
            Categorical c = new Categorical(m.create(l, new Shape(2, 3, 2)), 1);
            double[] logProbs = c.logProbs().toDoubleArray();
            double[] probs = c.probs().toDoubleArray();
            double[] logProb = c.logProb(m.create(idx, new Shape(2, 2))).toDoubleArray();
            double[] entropy = c.entropy().toDoubleArray();
            for (int n = 0; n < 2; n++) {
                double lp = 0;
                double h = 0;
                for (int j = 0; j < 2; j++) {
                    double[] col = new double[3];
                    for (int k = 0; k < 3; k++) {
                        col[k] = l[n * 6 + k * 2 + j];
                    }
                    double[] p = softmax(col, 1.0);
                    for (int k = 0; k < 3; k++) {
                        assertThat(logProbs[n * 6 + k * 2 + j]).isCloseTo(Math.log(p[k]), within(1e-12));
                        assertThat(probs[n * 6 + k * 2 + j]).isCloseTo(p[k], within(1e-12));
                        h -= p[k] * Math.log(p[k]);
                    }
                    lp += Math.log(p[(int) idx[n * 2 + j]]);
                }
                assertThat(logProb[n]).isCloseTo(lp, within(1e-12));
                assertThat(entropy[n]).isCloseTo(h, within(1e-12));
            }
        }
    }

    @Test
    void gumbelMaxFrequenciesMatchTheSoftmax() {
        assertFrequencies(1.0, 11);
        assertFrequencies(2.5, 12);
    }

    private static void assertFrequencies(double temperature, long seed) {
        int draws = 50_000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS).toType(DataType.FLOAT32, false).broadcast(new Shape(draws, 5));
            NDArray sample = new Categorical(logits).sample(new Rng(seed), temperature);
            assertThat(sample.getShape()).isEqualTo(new Shape(draws));
            long[] s = sample.toLongArray();
            double[] counts = new double[5];
            for (long k : s) {
                counts[(int) k]++;
            }
            double[] p = softmax(LOGITS, temperature);
            double chiSquare = 0;
            for (int k = 0; k < 5; k++) {
                double expected = draws * p[k];
                chiSquare += (counts[k] - expected) * (counts[k] - expected) / expected;
            }
            // 4 degrees of freedom: P(chi2 > 20) ~ 5e-4; a wrong sampler (e.g. no Gumbel
            // noise, or noise of the wrong scale) lands in the thousands
            assertThat(chiSquare).as("chi-square at T=%s", temperature).isLessThan(20.0);
            assertThat(java.util.Arrays.equals(new Categorical(logits).sample(new Rng(seed), temperature).toLongArray(), s))
                    .as("same seed, same draws").isTrue();
        }
    }

    @Test
    void aTinyTemperatureGivesTheArgmax() {
        int rows = 2_000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0.0f, 0.2f, 0.1f}).broadcast(new Shape(rows / 2, 3));
            NDArray b = m.create(new float[] {0.5f, 0.4f, -3f}).broadcast(new Shape(rows / 2, 3));
            NDArray logits = a.concat(b, 0);
            long[] s = new Categorical(logits).sample(new Rng(1), 1e-3).toLongArray();
            for (int i = 0; i < rows; i++) {
                assertThat(s[i]).isEqualTo(i < rows / 2 ? 1L : 0L);
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.zeros(new Shape(4, 3));
            assertThatThrownBy(() -> new Categorical(logits, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis");
            assertThatThrownBy(() -> new Categorical(m.zeros(new Shape(3))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank >= 2");
            Categorical c = new Categorical(logits);
            assertThatThrownBy(() -> c.sample(new Rng(1), 0.0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
            assertThatThrownBy(() -> c.logProb(m.zeros(new Shape(4, 3), DataType.INT64)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("indices must have shape (4)");
        }
    }
}
