package io.artifex.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Test
    void softplusMatchesTheFormulaAndStaysFiniteAtExtremes() {
        double[] xs = {-80, -50, -20.5, -3, -0.1, 0, 0.7, 5, 19.9, 20.1, 50, 80};
        try (NDManager m = NDManager.newBaseManager()) {
            double[] got = Losses.softplus(m.create(xs)).toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                assertThat(got[i]).as("softplus(%s)", xs[i]).isCloseTo(softplus(xs[i]), within(2.1e-9 + 1e-12 * Math.abs(xs[i])));
            }
            float[] f32 = Losses.softplus(m.create(new float[] {-1000f, 1000f})).toFloatArray();
            assertThat(f32[0]).isEqualTo(0f);
            assertThat(f32[1]).isEqualTo(1000f);
        }
    }

    @Test
    void bceWithLogitsSumsTheElementwiseFormulaPerExample() {
        double[][] l = {{-2.0, 0.5, 3.0, -50.0}, {50.0, 0.0, -0.3, 1.2}};
        double[][] t = {{0.0, 1.0, 0.25, 1.0}, {0.0, 0.5, 1.0, 0.0}};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(flat(l), new Shape(2, 2, 2));
            NDArray targets = m.create(flat(t), new Shape(2, 2, 2));
            double[] got = Losses.bceWithLogits(logits, targets).toDoubleArray();
            assertThat(got).hasSize(2);
            for (int n = 0; n < 2; n++) {
                double expected = 0;
                for (int j = 0; j < 4; j++) {
                    double p = 1 / (1 + Math.exp(-l[n][j]));
                    double direct = -(t[n][j] * Math.log(p) + (1 - t[n][j]) * Math.log1p(-p));
                    double stable = softplus(l[n][j]) - t[n][j] * l[n][j];
                    // the naive formula loses everything at |l| = 50, the stable one is exact
                    expected += Math.abs(l[n][j]) < 30 ? direct : stable;
                }
                assertThat(got[n]).isCloseTo(expected, within(1e-9));
            }
            assertThat(got[0]).isCloseTo(0.126928011 + 0.474076984 + (3.048587351 - 0.75) + 50.0, within(1e-6));
        }
    }

    @Test
    void bceWithLogitsGradientIsSigmoidMinusTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new double[] {-1.5, 0.2, 2.0}, new Shape(1, 3));
            NDArray targets = m.create(new double[] {1.0, 0.0, 0.6}, new Shape(1, 3));
            logits.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                gc.backward(Losses.bceWithLogits(logits, targets).sum());
            }
            double[] g = logits.getGradient().toDoubleArray();
            double[] lv = {-1.5, 0.2, 2.0};
            double[] tv = {1.0, 0.0, 0.6};
            for (int i = 0; i < 3; i++) {
                assertThat(g[i]).isCloseTo(1 / (1 + Math.exp(-lv[i])) - tv[i], within(1e-12));
            }
        }
    }

    @Test
    void mseAveragesOverTheNonBatchAxes() {
        double[] p = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        double[] q = {0, 2, 5, 4, 1, 6, -7, 8, 9, 0, 11, 2};
        try (NDManager m = NDManager.newBaseManager()) {
            double[] got = Losses.mse(m.create(p, new Shape(2, 3, 2)), m.create(q, new Shape(2, 3, 2))).toDoubleArray();
            for (int n = 0; n < 2; n++) {
                double s = 0;
                for (int j = 0; j < 6; j++) {
                    double d = p[n * 6 + j] - q[n * 6 + j];
                    s += d * d;
                }
                assertThat(got[n]).isCloseTo(s / 6, within(1e-12));
            }
            // rank 1: one number per example, nothing to reduce
            assertThat(Losses.mse(m.create(new double[] {1, 3}), m.create(new double[] {0, 0})).toDoubleArray())
                    .containsExactly(1.0, 9.0);
        }
    }

    @Test
    void mismatchedShapesAreRejectedWithTheArgumentNames() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Losses.mse(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target").hasMessageContaining("(2, 3)").hasMessageContaining("(2, 4)");
            assertThatThrownBy(() -> Losses.bceWithLogits(m.create(1f), m.create(1f)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch axis");
        }
    }

    private static double[] flat(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
