package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The [-1, 1] to [0, 1] conversion used before sample metrics. */
class SignedImagesTest {

    @Test
    void mapsAffinelyClipsAndReshapesFlatImages() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] v = new float[2 * 784];
            v[0] = -1f;
            v[1] = 1f;
            v[2] = 0f;
            v[3] = 3f;
            v[4] = -2.5f;
            v[784] = 0.5f;
            NDArray unit = SignedImages.toUnit(manager.create(v, new Shape(2, 784)));
            assertThat(unit.getShape()).isEqualTo(new Shape(2, 1, 28, 28));
            float[] u = unit.toFloatArray();
            assertThat(u[0]).isEqualTo(0f);
            assertThat(u[1]).isEqualTo(1f);
            assertThat(u[2]).isEqualTo(0.5f);
            assertThat(u[3]).isEqualTo(1f);
            assertThat(u[4]).isEqualTo(0f);
            assertThat(u[784]).isEqualTo(0.75f);
            assertThat(u[5]).isEqualTo(0.5f);
        }
    }

    @Test
    void refusesImagesThatAreNot28By28Grey() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.zeros(new Shape(2, 100));
            assertThatThrownBy(() -> SignedImages.toUnit(x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("784 values per image").hasMessageContaining("(2, 100)");
        }
    }
}
