package io.artifex.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.config.training.WeightDecayScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code weightDecayOn: matrices}: one update with zero gradients leaves a bias and a LayerNorm gain
 * and shift exactly as they were, while a weight matrix, an embedding table and a convolution kernel
 * shrink by exactly {@code lr * wd * w} (decoupled for AdamW, through the gradient for SGD).
 */
class WeightDecayScopeTest {

    private static final float LR = 0.1f;
    private static final float WD = 0.5f;

    /** name -> shape, in the shapes a Transformer block and a conv net hold. */
    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("linear.weight", new Shape(3, 4));
        SHAPES.put("linear.bias", new Shape(3));
        SHAPES.put("layernorm.gamma", new Shape(4));
        SHAPES.put("layernorm.beta", new Shape(4));
        SHAPES.put("embedding", new Shape(5, 4));
        SHAPES.put("conv.kernel", new Shape(2, 1, 3, 3));
    }

    private static List<Parameter> parameters(NDManager m) {
        List<Parameter> ps = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, Shape> e : SHAPES.entrySet()) {
            Parameter p = Parameter.builder().setName(e.getKey()).setType(Parameter.Type.WEIGHT).optShape(e.getValue())
                    .optInitializer(Initializer.ZEROS).build();
            p.initialize(m, DataType.FLOAT32);
            int n = (int) e.getValue().size();
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) Math.sin(1.7 * (i + 1) + k) + (i % 2 == 0 ? 0.5f : -0.25f);
            }
            p.getArray().set(new NDIndex("..."), m.create(v, e.getValue()));
            ps.add(p);
            k++;
        }
        // a defined gradient of exactly zero on every parameter
        try (NDManager step = m.newSubManager(); GradientCollector gc = step.getEngine().newGradientCollector()) {
            NDArray total = step.zeros(new Shape());
            for (Parameter p : ps) {
                step.tempAttachAll(p.getArray());
                total = total.add(p.getArray().sum().mul(step.create(0f)));
            }
            gc.backward(total);
        }
        return ps;
    }

    private static Map<String, float[]> update(OptimizerConfig config) {
        Map<String, float[]> before = new LinkedHashMap<>();
        Map<String, float[]> after = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = Optimizers.create(config)) {
            List<Parameter> ps = parameters(m);
            ps.forEach(p -> before.put(p.getName(), p.getArray().toFloatArray()));
            opt.update(ps, LR);
            ps.forEach(p -> after.put(p.getName(), p.getArray().toFloatArray()));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        before.forEach((k, v) -> {
            out.put(k + "@before", v);
            out.put(k, after.get(k));
        });
        return out;
    }

    private static void assertMatricesOnly(Map<String, float[]> r, String what) {
        for (String name : SHAPES.keySet()) {
            float[] w0 = r.get(name + "@before");
            float[] w1 = r.get(name);
            if (SHAPES.get(name).dimension() >= 2) {
                for (int i = 0; i < w0.length; i++) {
                    double expected = w0[i] - (double) LR * WD * w0[i];
                    assertThat((double) w1[i]).as("%s: %s[%d] shrinks by lr*wd*w", what, name, i)
                            .isCloseTo(expected, within(1e-6));
                }
            } else {
                assertThat(w1).as("%s: %s is not decayed", what, name).containsExactly(w0);
            }
        }
    }

    /** Planted bug caught: decay applied to every parameter (the bias and LayerNorm gain shrink too). */
    @Test
    void adamWDecaysMatricesOnly() {
        OptimizerConfig c = OptimizerConfig.builder().type(OptimizerType.ADAMW).learningRate(LR).weightDecay(WD)
                .weightDecayOn(WeightDecayScope.MATRICES).build();
        assertMatricesOnly(update(c), "adamw");
    }

    /** Planted bug caught: the scope honoured by AdamW only (SGD's L2 term would still reach biases). */
    @Test
    void sgdDecaysMatricesOnly() {
        OptimizerConfig c = OptimizerConfig.builder().type(OptimizerType.SGD).learningRate(LR).weightDecay(WD)
                .weightDecayOn(WeightDecayScope.MATRICES).build();
        assertMatricesOnly(update(c), "sgd");
    }

    /** Planted bug caught: the option ignored, or "all" read as "matrices" (the bias would stay). */
    @Test
    void allDecaysEveryParameterAndIsTheDefault() {
        assertThat(OptimizerConfig.of(OptimizerType.ADAMW, 1e-3).weightDecayOn()).isEqualTo(WeightDecayScope.ALL);
        Map<String, float[]> r = update(OptimizerConfig.builder().type(OptimizerType.ADAMW).learningRate(LR)
                .weightDecay(WD).build());
        float[] b0 = r.get("linear.bias@before");
        float[] b1 = r.get("linear.bias");
        for (int i = 0; i < b0.length; i++) {
            assertThat((double) b1[i]).isCloseTo(b0[i] * (1 - (double) LR * WD), within(1e-6));
        }
    }

    /** The config-file spelling, and a clear error naming the field and the accepted values. */
    @Test
    void configFileSpellingAndBadValue() {
        TrainerConfig t = ConfigIO.fromYaml("""
                schemaVersion: 2
                optimizers:
                  default: {type: adamw, learningRate: 3.0e-4, weightDecay: 0.1, weightDecayOn: matrices}
                """, TrainerConfig.class);
        assertThat(t.optimizerFor("default").weightDecayOn()).isEqualTo(WeightDecayScope.MATRICES);
        assertThat(ConfigIO.toYaml(t)).contains("weightDecayOn: matrices");
        assertThatThrownBy(() -> ConfigIO.fromYaml("""
                schemaVersion: 2
                optimizers:
                  default: {type: adamw, weightDecayOn: vectors}
                """, TrainerConfig.class)).hasMessageContaining("weightDecayOn").hasMessageContaining("all, matrices");
    }
}
