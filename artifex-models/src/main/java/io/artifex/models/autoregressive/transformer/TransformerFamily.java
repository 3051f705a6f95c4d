package io.artifex.models.autoregressive.transformer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;

/**
 * The Transformer language model of the autoregressive family (type id {@code transformer}):
 * builds a {@link TransformerLm} from a {@link TransformerConfig}. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class TransformerFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "transformer";

    /** {@value #TYPE_ID}. */
    @Override
    public String typeId() {
        return TYPE_ID;
    }

    /** {@link TransformerConfig}. */
    @Override
    public Class<? extends ModelConfig> configClass() {
        return TransformerConfig.class;
    }

    /** A {@link TransformerLm} whose weights are drawn from {@code rng} (N(0, 0.02) for matrices). */
    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof TransformerConfig config)) {
            throw new IllegalArgumentException("the transformer family needs a TransformerConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        TransformerNetwork network = new TransformerNetwork(config);
        rng.seedEngine(manager);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, config.contextLength()));
        return new TransformerLm(config, manager, network);
    }
}
