package io.artifex.core.loss;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The loss helpers refuse a missing array with an IllegalArgumentException naming it (not a
 * NullPointerException from deep inside DJL) and refuse targets of another shape instead of
 * broadcasting them.
 */
class LossArgumentsTest {

    @Test
    void aMissingArrayIsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Losses.softplus(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x must not be null");
            assertThatThrownBy(() -> Losses.sumPerExample(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x must not be null");
            assertThatThrownBy(() -> Losses.mse(null, m.zeros(new Shape(2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("prediction must not be null");
            assertThatThrownBy(() -> Losses.mse(m.zeros(new Shape(2)), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("target must not be null");
        }
    }

    @Test
    void targetsOfAnotherShapeAreNotBroadcast() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Losses.bceWithLogits(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("targets must have the shape of logits (2, 3), got (2, 1)");
        }
    }
}
