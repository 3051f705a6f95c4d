package io.artifex.core.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The distributions' argument checks at the edges (the smallest valid rank and axis are
 * accepted, the next one down is refused with a message naming the argument) and their
 * accessors (the arrays and axis they were built with, the category count, a categorical draw
 * of the documented type and shape).
 */
class DistributionArgumentsTest {

    @Test
    void categoricalAcceptsAxisOneToRankMinusOneAndNothingElse() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.zeros(new Shape(2, 3, 4));
            assertThat(new Categorical(logits, 1).axis()).isEqualTo(1);
            assertThat(new Categorical(logits, 2).axis()).isEqualTo(2);
            assertThat(new Categorical(logits, -1).axis()).isEqualTo(2);
            assertThat(new Categorical(logits, -2).axis()).isEqualTo(1);
            Categorical c = new Categorical(logits, 1);
            assertThat(c.logits()).isSameAs(logits);
            assertThat(c.numCategories()).isEqualTo(3);
            NDArray draw = c.sample(new Rng(1));
            assertThat(draw.getShape()).isEqualTo(new Shape(2, 4));
            assertThat(draw.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.INT64);
            for (int axis : new int[] {0, 3, -3, -4}) {
                assertThatThrownBy(() -> new Categorical(logits, axis)).as("axis %d", axis)
                        .hasMessageContaining("axis must be in [1, 2] or [-2, -1]");
            }
            assertThat(new Categorical(m.zeros(new Shape(2, 5))).numCategories()).isEqualTo(5);
            assertThatThrownBy(() -> new Categorical(m.zeros(new Shape(5))))
                    .hasMessageContaining("rank >= 2");
        }
    }

    @Test
    void gaussianAndBernoulliNeedABatchAxisAndMatchingShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new float[] {1f, 2f});
            NDArray logVar = m.create(new float[] {0f, 0f});
            DiagonalGaussian g = new DiagonalGaussian(mean, logVar);
            assertThat(g.mean()).isSameAs(mean);
            assertThat(g.logVar()).isSameAs(logVar);
            assertThatThrownBy(() -> new DiagonalGaussian(m.create(1f), m.create(0f)))
                    .hasMessageContaining("rank >= 1");
            DiagonalGaussian wide = new DiagonalGaussian(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 3)));
            // (2) against (2, 3) would broadcast without the check
            assertThatThrownBy(() -> g.kl(wide)).hasMessageContaining("other.mean");

            NDArray logits = m.create(new float[] {0.5f});
            assertThat(new Bernoulli(logits).logits()).isSameAs(logits);
            assertThatThrownBy(() -> new Bernoulli(m.create(0.5f))).hasMessageContaining("rank >= 1");
        }
    }
}
