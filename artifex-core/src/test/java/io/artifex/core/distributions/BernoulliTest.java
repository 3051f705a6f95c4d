package io.artifex.core.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class BernoulliTest {

    @Test
    void logProbEqualsTheDirectFormula() {
        double[] l = {-3.0, -0.4, 0.0, 0.9, 2.5, 6.0};
        double[] x = {0.0, 1.0, 0.3, 1.0, 0.0, 0.75};
        try (NDManager m = NDManager.newBaseManager()) {
            Bernoulli b = new Bernoulli(m.create(l, new Shape(2, 3)));
            double[] got = b.logProb(m.create(x, new Shape(2, 3))).toDoubleArray();
            double[] probs = b.probs().toDoubleArray();
            for (int n = 0; n < 2; n++) {
                double expected = 0;
                for (int j = 3 * n; j < 3 * n + 3; j++) {
                    double p = 1 / (1 + Math.exp(-l[j]));
                    expected += x[j] * Math.log(p) + (1 - x[j]) * Math.log(1 - p);
                    assertThat(probs[j]).isCloseTo(p, within(1e-15));
                }
                assertThat(got[n]).isCloseTo(expected, within(1e-12));
            }
            assertThat(b.mean().toDoubleArray()).containsExactly(probs);
        }
    }

    @Test
    void logProbIsFiniteAndExactForLogitsOfFifty() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray logits = m.create(new double[] {50, 50, -50, -50}, new Shape(4, 1)).toType(type, false);
                NDArray x = m.create(new double[] {1, 0, 1, 0}, new Shape(4, 1)).toType(type, false);
                double[] got = new Bernoulli(logits).logProb(x).toType(DataType.FLOAT64, false).toDoubleArray();
                // log sigmoid(50) = -log1p(exp(-50)) ~ -2e-22; log(1 - sigmoid(50)) = -50 - that
                for (double v : got) {
                    assertThat(v).isFinite();
                }
                assertThat(got[0]).isCloseTo(0.0, within(1e-6));
                assertThat(got[1]).isCloseTo(-50.0, within(1e-4));
                assertThat(got[2]).isCloseTo(-50.0, within(1e-4));
                assertThat(got[3]).isCloseTo(0.0, within(1e-6));
            }
        }
    }

    @Test
    void drawsHaveTheRightFrequenciesAndAreSeeded() {
        int draws = 50_000;
        double[] p = {0.2, 0.7, 0.5};
        try (NDManager m = NDManager.newBaseManager()) {
            double[] l = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                l[j] = Math.log(p[j] / (1 - p[j]));
            }
            Bernoulli b = new Bernoulli(m.create(l).toType(DataType.FLOAT32, false).broadcast(new Shape(draws, 3)));
            NDArray sample = b.sample(new Rng(3));
            assertThat(sample.getDataType()).isEqualTo(DataType.FLOAT32);
            float[] s = sample.toFloatArray();
            for (int j = 0; j < 3; j++) {
                double ones = 0;
                for (int i = 0; i < draws; i++) {
                    if (s[3 * i + j] != 0f && s[3 * i + j] != 1f) {
                        throw new AssertionError("draw " + i + " is " + s[3 * i + j] + ", expected 0 or 1");
                    }
                    ones += s[3 * i + j];
                }
                double se = Math.sqrt(p[j] * (1 - p[j]) / draws);
                assertThat(ones / draws).isCloseTo(p[j], within(5 * se));
            }
            assertThat(java.util.Arrays.equals(b.sample(new Rng(3)).toFloatArray(), s)).as("same seed, same draws").isTrue();
        }
    }
}
