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
import io.artifex.core.random.Rng;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GradientPenaltyTest {

    @Test
    void designCheckSecondOrderGradientIs3528() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(2.0);
            w.setRequiresGradient(true);
            NDArray x = m.create(new double[] {1, 2, 3});
            GradientPenalty gp = GradientPenalty.forArrays(w);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray g = gp.inputGradient(t -> t.pow(3).mul(w), x);
                assertThat(g.toDoubleArray()).containsExactly(new double[] {6, 24, 54}, within(1e-12));
                // the first-order dD/dw = sum(x^3) = 36 was removed again
                assertThat(w.getGradient().getDouble()).isZero();
                gc.backward(g.square().sum());
            }
            assertThat(w.getGradient().getDouble()).isCloseTo(3528.0, within(1e-9));
        }
    }

    @Test
    void gradientsHeldBeforeTheCallAreKept() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(2.0);
            w.setRequiresGradient(true);
            NDArray x = m.create(new double[] {1, 2, 3});
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                gc.backward(w.mul(5.0)); // w.grad = 5
                NDArray g = GradientPenalty.forArrays(w).inputGradient(t -> t.pow(3).mul(w), x);
                assertThat(w.getGradient().getDouble()).isCloseTo(5.0, within(1e-12));
                gc.backward(g.square().sum());
            }
            assertThat(w.getGradient().getDouble()).isCloseTo(3533.0, within(1e-9));
        }
    }

    @Test
    void penaltyValuesMatchFiniteDifferenceInputGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyCritic critic = new TinyCritic(m, 4, true);
            NDArray x = new Rng(9).normal(m, new Shape(5, 3), DataType.FLOAT64);
            double[][] g = finiteDifferenceInputGradients(critic, x);
            double wgan = 0;
            double r1 = 0;
            for (double[] gi : g) {
                double sq = gi[0] * gi[0] + gi[1] * gi[1] + gi[2] * gi[2];
                wgan += (Math.sqrt(sq) - 1) * (Math.sqrt(sq) - 1) / g.length;
                r1 += sq / g.length;
            }
            GradientPenalty gp = GradientPenalty.forBlock(critic.block);
            try (GradientCollector ignored = m.getEngine().newGradientCollector()) {
                NDArray analytic = gp.inputGradient(critic::forward, x);
                double[] a = analytic.toDoubleArray();
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertThat(a[3 * i + j]).isCloseTo(g[i][j], within(1e-8));
                    }
                }
                assertThat(gp.wganGp(critic::forward, x).getDouble()).isCloseTo(wgan, within(1e-8));
                assertThat(gp.r1(critic::forward, x).getDouble()).isCloseTo(r1, within(1e-8));
            }
            assertThat(r1).isGreaterThan(1e-3);
        }
    }

    @Test
    void parameterGradientsOfThePenaltiesMatchCentralDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyCritic critic = new TinyCritic(m, 4, true);
            NDArray x = new Rng(21).normal(m, new Shape(5, 3), DataType.FLOAT64);
            GradientPenalty gp = GradientPenalty.forBlock(critic.block);
            checkAgainstFiniteDifferences(m, critic, x, t -> gp.wganGp(critic::forward, t));
            checkAgainstFiniteDifferences(m, critic, x, t -> gp.r1(critic::forward, t));
        }
    }

    private static void checkAgainstFiniteDifferences(
            NDManager m, TinyCritic critic, NDArray x, Function<NDArray, NDArray> penalty) {
        List<Parameter> params = critic.parameters();
        for (Parameter p : params) {
            NDArray grad = p.getArray().getGradient();
            grad.subi(grad);
        }
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            gc.backward(penalty.apply(x));
        }
        double h = 1e-5;
        int checked = 0;
        for (Parameter p : params) {
            NDArray w = p.getArray();
            double[] analytic = w.getGradient().toDoubleArray();
            for (int k = 0; k < analytic.length; k++) {
                double[] delta = new double[analytic.length];
                delta[k] = h;
                NDArray d = m.create(delta, w.getShape());
                w.addi(d);
                double plus = value(m, penalty, x);
                w.subi(d).subi(d);
                double minus = value(m, penalty, x);
                w.addi(d);
                double numeric = (plus - minus) / (2 * h);
                assertThat(analytic[k]).as("d penalty / d %s[%d]", p.getName(), k)
                        .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3 * 4 + 4 + 4 + 1);
    }

    private static double value(NDManager m, Function<NDArray, NDArray> penalty, NDArray x) {
        try (GradientCollector ignored = m.getEngine().newGradientCollector()) {
            return penalty.apply(x).getDouble();
        }
    }

    private static double[][] finiteDifferenceInputGradients(TinyCritic critic, NDArray x) {
        double h = 1e-6;
        double[] base = x.toDoubleArray();
        int n = (int) x.getShape().get(0);
        double[][] g = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                double[] plus = base.clone();
                double[] minus = base.clone();
                plus[3 * i + j] += h;
                minus[3 * i + j] -= h;
                double fp = critic.forward(x.getManager().create(plus, x.getShape())).toDoubleArray()[i];
                double fm = critic.forward(x.getManager().create(minus, x.getShape())).toDoubleArray()[i];
                g[i][j] = (fp - fm) / (2 * h);
            }
        }
        return g;
    }

    @Test
    void refusesToRunOutsideACollectorOrOnAnotherEngine() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(1.0);
            assertThatThrownBy(() -> GradientPenalty.forArrays(w).wganGp(t -> t.mul(w), m.create(new double[] {1})))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside an open GradientCollector");
        }
        assertThatThrownBy(() -> GradientPenalty.requirePyTorch("MXNet"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'MXNet'").hasMessageContaining("PyTorch");
    }
}
