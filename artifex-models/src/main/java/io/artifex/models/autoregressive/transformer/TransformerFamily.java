package io.artifex.models.autoregressive.transformer;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
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

    /**
     * Exact: the token embedding ({@code vocabSize x width}), learned positions
     * ({@code contextLength x width}, none with rotary ones), per layer two layer norms, the
     * query-key-value projection ({@code width -> 3 width}), the output projection and the MLP
     * ({@code width -> mlpWidth -> width}), all with biases; a final layer norm and, unless tied to
     * the embedding, an output projection without bias.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        TransformerConfig config = (TransformerConfig) modelConfig;
        long d = config.width();
        long m = config.mlpWidth();
        String width = ParameterTally.field("model.width", d);
        String mlp = ParameterTally.field("model.mlpWidth", m);
        String vocab = ParameterTally.field("model.vocabSize", config.vocabSize());
        ParameterTally tally = new ParameterTally();
        tally.add(ParameterTally.times(config.vocabSize(), d), vocab + " x " + width);
        if (config.positions() != PositionEncoding.ROTARY) {
            tally.add(ParameterTally.times(config.contextLength(), d), ParameterTally.field("model.contextLength",
                    config.contextLength()) + " x " + width);
        }
        ParameterTally block = new ParameterTally();
        block.norm(d, width);
        block.dense(d, width, 3 * d, "3 x " + width);
        block.dense(d, width, d, width);
        block.norm(d, width);
        block.dense(d, width, m, mlp);
        block.dense(m, mlp, d, width);
        tally.add(ParameterTally.times(block.total(), config.numLayers()), ParameterTally.field("model.numLayers",
                config.numLayers()) + " x (" + width + ", " + mlp + ")");
        tally.norm(d, width);
        if (!config.tiedEmbeddings()) {
            tally.denseNoBias(d, width, config.vocabSize(), vocab);
        }
        return Optional.of(tally.estimate());
    }
}
