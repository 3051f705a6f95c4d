package io.artifex.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Linear and spherical paths between latents, against values worked out by hand. */
class LatentPathTest {

    @Test
    void linearAndSphericalPathsBetweenOrthogonalUnitVectors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 0});
            NDArray b = manager.create(new float[] {0, 1});
            NDArray linear = LatentPath.between(a, b, 3, false, manager);
            assertThat(linear.getShape()).isEqualTo(new Shape(3, 2));
            assertThat(linear.getManager()).isSameAs(manager);
            assertThat(linear.toFloatArray()).containsExactly(1f, 0f, 0.5f, 0.5f, 0f, 1f);
            float[] slerp = LatentPath.between(a.reshape(1, 2), b.reshape(1, 2), 3, true, manager).toFloatArray();
            float h = (float) Math.sqrt(0.5);
            assertThat(slerp[0]).isEqualTo(1f, within(1e-6f));
            assertThat(slerp[2]).isEqualTo(h, within(1e-6f));
            assertThat(slerp[3]).isEqualTo(h, within(1e-6f));
            assertThat(slerp[5]).isEqualTo(1f, within(1e-6f));
        }
    }

    @Test
    void sphericalFallsBackToTheLineForParallelEndsAndBadInputIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {2, 0});
            NDArray b = manager.create(new float[] {4, 0});
            assertThat(LatentPath.between(a, b, 3, true, manager).toFloatArray()).containsExactly(2f, 0f, 3f, 0f, 4f, 0f);
            assertThatThrownBy(() -> LatentPath.between(a, b, 1, false, manager))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 steps, got 1");
            assertThatThrownBy(() -> LatentPath.between(a, manager.create(new float[] {1, 2, 3}), 3, false, manager))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2) and (3)");
        }
    }
}
