package io.artifex.models.autoregressive.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;

/** Tiny Transformer configs and parameter surgery for the family's tests. */
final class TransformerFixtures {

    private TransformerFixtures() {
    }

    /** V = 11, context 8, 2 blocks, 2 heads, width 8, MLP 16, no dropout. */
    static TransformerConfig.Builder tiny(PositionEncoding positions) {
        return TransformerConfig.builder().name("tiny-lm").vocabSize(11).contextLength(8).numLayers(2).numHeads(2)
                .width(8).mlpWidth(16).dropout(0.0).positions(positions);
    }

    /** The model of {@code config}, its parameters on {@code manager}'s child, initialised from {@code seed}. */
    static TransformerLm create(TransformerConfig config, NDManager manager, long seed) {
        return (TransformerLm) ModelRegistry.defaultRegistry().create(config, manager.newSubManager(), new Rng(seed));
    }

    /** Overwrites the parameter {@code name} of {@code model} in place with {@code values}. */
    static void set(TransformerLm model, String name, float[] values) {
        Parameter p = model.network().getParameters().get(name);
        NDArray array = p.getArray();
        try (NDArray fresh = array.getManager().create(values, array.getShape())) {
            array.set(new NDIndex(":"), fresh);
        }
    }

    /** The values of the parameter {@code name}. */
    static float[] get(TransformerLm model, String name) {
        return model.network().getParameters().get(name).getArray().toFloatArray();
    }
}
