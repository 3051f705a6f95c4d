package io.artifex.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** {@link ParameterScope} moves what a computation leaves on the parameters' manager, and nothing else. */
class ParameterScopeTest {

    @Test
    void arraysDerivedFromAParameterMoveToTheCallersManagerAndDieWithIt() {
        try (NDManager model = NDManager.newBaseManager()) {
            NDArray weight = model.create(new float[] {1, 2, 3, 4});
            NDArray result;
            try (NDManager step = model.newSubManager()) {
                NDArray x = step.create(new float[] {1, 1, 1, 1});
                int before = model.getManagedArrays().size();
                result = ParameterScope.run(model, step, () -> weight.reshape(2, 2).exp().reshape(4).mul(x));
                assertThat(result.getManager()).isEqualTo(step);
                // Only the weight stays on the model's own manager.
                assertThat(model.getManagedArrays().stream().filter(a -> a.getManager() == model)).containsOnly(weight);
                assertThat(result.toFloatArray()[3]).isEqualTo((float) Math.exp(4));
                assertThat(model.getManagedArrays().size()).isGreaterThan(before);
            }
            assertThat(result.isReleased()).isTrue();
            assertThat(weight.isReleased()).isFalse();
            assertThat(model.getManagedArrays()).containsOnly(weight);
        }
    }

    @Test
    void withoutTheScopeTheSameExpressionLeaksOntoTheParametersManager() {
        try (NDManager model = NDManager.newBaseManager()) {
            NDArray weight = model.create(new float[] {1, 2, 3, 4});
            try (NDManager step = model.newSubManager()) {
                weight.reshape(2, 2).exp();
            }
            assertThat(model.getManagedArrays()).hasSize(3);
        }
    }
}
