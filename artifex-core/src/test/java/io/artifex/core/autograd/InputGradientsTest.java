package io.artifex.core.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class InputGradientsTest {

    @Test
    void gradientOfSumOfCubesIsThreeXSquared() {
        double[] xs = {-1.5, 0.0, 0.5, 2.0, 3.0, -0.25};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(xs, new Shape(2, 3));
            NDArray g = InputGradients.of(t -> t.pow(3).sum(), x);
            assertThat(g.getShape()).isEqualTo(x.getShape());
            assertThat(g.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(g.getManager()).isSameAs(m);
            double[] gv = g.toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                assertThat(gv[i]).isCloseTo(3 * xs[i] * xs[i], within(1e-12));
            }
            assertThat(x.toDoubleArray()).containsExactly(xs);
            assertThat(x.hasGradient()).isFalse();
            // a non-scalar output is summed: same answer
            assertThat(InputGradients.of(t -> t.pow(3), x).toDoubleArray()).containsExactly(gv);
        }
    }

    @Test
    void blockGradientMatchesCentralDifferencesAndLeavesParametersUntouched() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyCritic net = new TinyCritic(m, 4, false);
            NDArray x = m.create(new double[] {0.3, -0.8, 1.1, -0.4, 0.2, 0.9}, new Shape(2, 3));
            double[] g = InputGradients.of(net.block, t -> net.forward(t).sum(), x).toDoubleArray();

            double h = 1e-6;
            double[] base = x.toDoubleArray();
            for (int i = 0; i < base.length; i++) {
                double[] plus = base.clone();
                double[] minus = base.clone();
                plus[i] += h;
                minus[i] -= h;
                double fPlus = net.forward(m.create(plus, new Shape(2, 3))).sum().getDouble();
                double fMinus = net.forward(m.create(minus, new Shape(2, 3))).sum().getDouble();
                assertThat(g[i]).as("dF/dx[%d]", i).isCloseTo((fPlus - fMinus) / (2 * h), within(1e-8));
            }
            for (Parameter p : net.parameters()) {
                assertThat(p.requiresGradient()).as("%s unfrozen again", p.getName()).isTrue();
                assertThat(p.getArray().getGradient().abs().sum().toType(DataType.FLOAT64, false).getDouble()).as("grad of %s", p.getName()).isZero();
            }
        }
    }

    @Test
    void withoutTheBlockParametersCollectTheirGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyCritic net = new TinyCritic(m, 4, false);
            NDArray x = m.create(new double[] {0.3, -0.8, 1.1}, new Shape(1, 3));
            InputGradients.of(t -> net.forward(t).sum(), x);
            double total = 0;
            for (Parameter p : net.parameters()) {
                total += p.getArray().getGradient().abs().sum().getDouble();
            }
            assertThat(total).as("documented behaviour: unfrozen parameters receive dF/dtheta").isPositive();
        }
    }

    @Test
    void refusesToRunInsideAnotherCollector() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {1, 2});
            try (GradientCollector ignored = m.getEngine().newGradientCollector()) {
                assertThatThrownBy(() -> InputGradients.of(t -> t.sum(), x))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("already open");
            }
            assertThatThrownBy(() -> InputGradients.of(t -> t, m.create(new int[] {1})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floating-point");
        }
    }
}
