package io.artifex.training.ema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExponentialMovingAverageTest {

    @Test
    void shadowFollowsTheClosedFormAndAppliedScopeSwapsAndRestores() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(2)).optInitializer(Initializer.ZEROS).build();
            p.initialize(m, DataType.FLOAT32);
            p.getArray().set(m.create(new float[] {1f, -2f}).toByteBuffer());
            try (ExponentialMovingAverage ema = new ExponentialMovingAverage(List.of(p), 0.9)) {
                double[] shadow = {1, -2};
                float[][] weights = {{2f, 0f}, {3f, 1f}, {-1f, 4f}};
                for (float[] w : weights) {
                    p.getArray().set(m.create(w).toByteBuffer());
                    ema.update();
                    for (int i = 0; i < 2; i++) {
                        shadow[i] = 0.9 * shadow[i] + 0.1 * w[i];
                    }
                }
                float[] got = ema.shadows().get(p.getId()).toFloatArray();
                assertThat((double) got[0]).isCloseTo(shadow[0], within(1e-6));
                assertThat((double) got[1]).isCloseTo(shadow[1], within(1e-6));
                try (ExponentialMovingAverage.Scope scope = ema.applied()) {
                    assertThat(p.getArray().toFloatArray()).containsExactly(got);
                }
                assertThat(p.getArray().toFloatArray()).containsExactly(-1f, 4f);
            }
        }
    }
}
