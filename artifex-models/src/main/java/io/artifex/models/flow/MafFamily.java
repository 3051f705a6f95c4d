package io.artifex.models.flow;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;

/**
 * The Maf family (type id {@code maf}): builds a {@link Maf} from a {@link MafConfig}. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class MafFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "maf";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return MafConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof MafConfig config)) {
            throw new IllegalArgumentException("the maf family needs a MafConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        return Maf.create(config, manager, rng);
    }

    /**
     * Exact: each of the {@code numLayers} MADE networks has masked dense layers (full weight
     * matrices) from {@code inputDim} through the hidden widths to {@code 2 x inputDim}.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        MafConfig config = (MafConfig) modelConfig;
        String input = ParameterTally.field("model.inputDim", config.inputDim());
        ParameterTally one = new ParameterTally();
        long h = one.mlp(config.inputDim(), input, config.hiddenDims(), "model.hiddenDims");
        one.dense(h, "the last of model.hiddenDims (" + h + ")", 2L * config.inputDim(), "2 x " + input);
        ParameterTally tally = new ParameterTally();
        tally.add(ParameterTally.times(one.total(), config.numLayers()), ParameterTally.field("model.numLayers",
                config.numLayers()) + " x (" + one.estimate().drivers() + ", ...)");
        return Optional.of(tally.estimate());
    }
}
