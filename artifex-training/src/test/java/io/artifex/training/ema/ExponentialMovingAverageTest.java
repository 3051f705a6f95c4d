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

    /** An initialised weight parameter holding {@code values}. */
    private static Parameter weight(NDManager m, float... values) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(values.length)).optInitializer(Initializer.ZEROS).build();
        p.initialize(m, DataType.FLOAT32);
        p.getArray().set(m.create(values).toByteBuffer());
        return p;
    }

    @Test
    void shadowFollowsTheClosedFormAndAppliedScopeSwapsAndRestores() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = weight(m, 1f, -2f);
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

    @Test
    void warmupFollowsTheDiffusersScheduleAndResumesFromTheLoadedCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = weight(m, 0f);
            try (ExponentialMovingAverage ema = ExponentialMovingAverage.withWarmup(List.of(p), 0.5)) {
                double shadow = 0;
                for (int n = 0; n < 6; n++) {
                    double d = Math.min(0.5, (1.0 + n) / (10.0 + n));
                    assertThat(ema.currentDecay()).isCloseTo(d, within(1e-12));
                    float w = n + 1;
                    p.getArray().set(m.create(new float[] {w}).toByteBuffer());
                    ema.update();
                    shadow = d * shadow + (1 - d) * w;
                }
                // (1 + n) / (10 + n) reaches 0.5 at n = 8: the first 8 updates used less
                assertThat(ema.updates()).isEqualTo(6);
                assertThat((double) ema.shadows().get(p.getId()).getFloat()).isCloseTo(shadow, within(1e-5));
                ema.load(java.util.Map.of(p.getId(), m.create(new float[] {7f})), 20);
                assertThat(ema.updates()).isEqualTo(20);
                assertThat(ema.currentDecay()).isEqualTo(0.5);
                assertThat(ema.shadows().get(p.getId()).getFloat()).isEqualTo(7f);
            }
        }
    }
}
