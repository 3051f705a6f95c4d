package io.artifex.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class Upsample2dTest {

    @Test
    void doublesEachPixelIntoATwoByTwoBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60},
                    new Shape(1, 2, 2, 3));
            Upsample2d up = new Upsample2d();
            NDArray y = up.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 4, 6));
            assertThat(up.getOutputShapes(new Shape[] {x.getShape()})[0]).isEqualTo(y.getShape());
            assertThat(y.toFloatArray()).containsExactly(
                    1, 1, 2, 2, 3, 3,
                    1, 1, 2, 2, 3, 3,
                    4, 4, 5, 5, 6, 6,
                    4, 4, 5, 5, 6, 6,
                    10, 10, 20, 20, 30, 30,
                    10, 10, 20, 20, 30, 30,
                    40, 40, 50, 50, 60, 60,
                    40, 40, 50, 50, 60, 60);
        }
    }

    @Test
    void anyIntegerFactorMatchesTheIndexFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 2, c = 3, h = 2, w = 3, f = 3;
            NDArray x = manager.arange(0f, n * c * h * w).reshape(n, c, h, w);
            float[] src = x.toFloatArray();
            float[] y = Upsample2d.upsampleNearest(x, f).toFloatArray();
            assertThat(y).hasSize(n * c * h * f * w * f);
            for (int p = 0; p < n * c; p++) {
                for (int i = 0; i < h * f; i++) {
                    for (int j = 0; j < w * f; j++) {
                        assertThat(y[(p * h * f + i) * w * f + j])
                                .isEqualTo(src[(p * h + i / f) * w + j / f]);
                    }
                }
            }
        }
        assertThatThrownBy(() -> new Upsample2d(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
    }
}
