package io.artifex.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the optimizers promise besides their update rule (that is {@link OptimizerTest}): every
 * hyper-parameter is checked at both ends of its range with an error naming it, the state is
 * released on close and replaced (not merged) on load, and gradient clipping refuses a
 * non-positive bound.
 */
class OptimizerContractsTest {

    /** A parameter of ones whose gradient is {@code g}: the gradient of {@code sum(g * w)}. */
    private static Parameter withGradient(NDManager m, String name, float... g) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(g.length)).optInitializer(Initializer.ONES).build();
        p.initialize(m, DataType.FLOAT32);
        try (NDManager step = m.newSubManager(); GradientCollector gc = step.getEngine().newGradientCollector()) {
            NDArray w = p.getArray();
            step.tempAttachAll(w);
            NDArray loss = step.create(g).mul(w).sum();
            gc.backward(loss);
        }
        return p;
    }

    @Test
    void adamChecksEachHyperParameterAtTheEdgesOfItsRange() {
        new Adam(0.0, 0.0, Double.MIN_VALUE, 0.0).close(); // [0, 1), > 0, >= 0: the closed ends are fine
        assertThatThrownBy(() -> new Adam(1.0, 0.999, 1e-8, 0)).hasMessageContaining("beta1 must be in [0, 1)");
        assertThatThrownBy(() -> new Adam(-1e-9, 0.999, 1e-8, 0)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> new Adam(0.9, 1.0, 1e-8, 0)).hasMessageContaining("beta2 must be in [0, 1)");
        assertThatThrownBy(() -> new Adam(0.9, 0.999, 0.0, 0)).hasMessageContaining("eps must be > 0");
        assertThatThrownBy(() -> new Adam(0.9, 0.999, 1e-8, -1e-9)).hasMessageContaining("weightDecay must be >= 0");
        assertThatThrownBy(() -> new AdamW(0.9, 0.999, 1e-8, -1e-9)).hasMessageContaining("weightDecay");
    }

    @Test
    void sgdAndRmsPropCheckEachHyperParameter() {
        new Sgd(0.0, false, 0.0).close();
        assertThatThrownBy(() -> new Sgd(1.0, false, 0)).hasMessageContaining("momentum must be in [0, 1)");
        assertThatThrownBy(() -> new Sgd(0.5, false, -1e-9)).hasMessageContaining("weightDecay must be >= 0");
        assertThatThrownBy(() -> new Sgd(0.0, true, 0)).hasMessageContaining("nesterov SGD needs momentum > 0");
        new RmsProp(0.0, Double.MIN_VALUE, 0.0).close();
        assertThatThrownBy(() -> new RmsProp(1.0, 1e-8, 0)).hasMessageContaining("rho must be in [0, 1)");
        assertThatThrownBy(() -> new RmsProp(0.9, 0.0, 0)).hasMessageContaining("eps must be > 0");
        assertThatThrownBy(() -> new RmsProp(0.9, 1e-8, -1e-9)).hasMessageContaining("weightDecay must be >= 0");
    }

    /** Plain SGD keeps no state at all; with momentum it keeps one named buffer per parameter. */
    @Test
    void sgdKeepsAMomentumBufferOnlyWhenItHasMomentum() {
        try (NDManager m = NDManager.newBaseManager(); Sgd plain = new Sgd(0.0, false, 0);
             Sgd heavy = new Sgd(0.5, false, 0)) {
            Parameter p = withGradient(m, "p", 1f, 2f, 3f);
            plain.update(List.of(p), 0.1f);
            assertThat(plain.state().parameters().get(p.getId()).slots()).isEmpty();
            heavy.update(List.of(p), 0.1f);
            Map<String, NDArray> slots = heavy.state().parameters().get(p.getId()).slots();
            assertThat(slots).containsOnlyKeys("momentum");
            assertThat(slots.get("momentum").getName()).isEqualTo("momentum");
            assertThat(slots.get("momentum").toFloatArray()).containsExactly(1f, 2f, 3f);
        }
    }

    /**
     * Closing releases the slot arrays and forgets them; loading a state replaces the old one,
     * so a parameter the loaded state does not name has no state afterwards.
     */
    @Test
    void closeReleasesTheStateAndLoadReplacesIt() {
        try (NDManager m = NDManager.newBaseManager(); Adam a = new Adam(0.9, 0.999, 1e-8, 0);
             Adam b = new Adam(0.9, 0.999, 1e-8, 0)) {
            Parameter p = withGradient(m, "p", 1f, -1f, 0.5f);
            Parameter q = withGradient(m, "q", 2f, 0f, 1f);
            a.update(List.of(p), 0.1f);
            b.update(List.of(p, q), 0.1f);
            assertThat(b.state().parameters()).containsOnlyKeys(p.getId(), q.getId());

            b.loadState(a.state(), List.of(p, q));
            assertThat(b.state().parameters()).containsOnlyKeys(p.getId());
            assertThat(b.state().parameters().get(p.getId()).step()).isEqualTo(1);

            NDArray slot = a.state().parameters().get(p.getId()).slots().get("m");
            assertThat(slot.getName()).isEqualTo("m");
            assertThat(slot.isReleased()).isFalse();
            a.close();
            assertThat(slot.isReleased()).isTrue();
            assertThat(a.state().parameters()).isEmpty();
        }
        assertThat(new OptimizerState.ParamState(0, Map.of()).step()).isZero();
        assertThatThrownBy(() -> new OptimizerState.ParamState(-1, Map.of()))
                .hasMessageContaining("optimizer step must be >= 0");
    }

    /**
     * RMSProp with an L2 weight decay: one step from w = 1 with gradient g uses
     * g' = g + wd, s = (1 - rho) g'^2, w' = 1 - lr g' / (sqrt(s) + eps), worked out here
     * (catches the decay skipped or applied when it is zero).
     */
    @Test
    void rmsPropAddsTheWeightDecayToTheGradient() {
        double rho = 0.9;
        double eps = 1e-8;
        double wd = 0.5;
        float lr = 0.1f;
        // RMSProp's first step is lr * sign(g') / sqrt(1 - rho): the decay flips the sign of the last
        // gradient, so a skipped decay moves that weight the other way
        float[] g = {1f, -2f, -0.25f};
        try (NDManager m = NDManager.newBaseManager(); RmsProp rms = new RmsProp(rho, eps, wd)) {
            Parameter p = withGradient(m, "p", g);
            rms.update(List.of(p), lr);
            float[] w = p.getArray().toFloatArray();
            for (int i = 0; i < g.length; i++) {
                double decayed = g[i] + wd;
                double s = (1 - rho) * decayed * decayed;
                assertThat((double) w[i]).isCloseTo(1 - lr * decayed / (Math.sqrt(s) + eps), within(1e-5));
            }
        }
    }

    @Test
    void clippingRefusesANonPositiveBoundAndLeavesASmallGroupAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = withGradient(m, "p", 3f, 4f, 0f);
            assertThatThrownBy(() -> GradientClipping.clipByGlobalNorm(List.of(p), 0.0))
                    .hasMessageContaining("maxNorm must be > 0");
            // norm 5 under a bound of 5: unchanged
            assertThat(GradientClipping.clipByGlobalNorm(List.of(p), 5.0)).isEqualTo(5.0);
            assertThat(p.getArray().getGradient().toFloatArray()).containsExactly(3f, 4f, 0f);
        }
    }
}
