package io.artifex.models.diffusion;

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
 * The MLP diffusion family (type id {@code mlp-diffusion}): a {@link DiffusionModel} of vector
 * data {@code (N, dataDim)} with an {@link MlpDenoiser}, from an {@link MlpDiffusionConfig}.
 * Samples are not clipped. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class MlpDiffusionFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "mlp-diffusion";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return MlpDiffusionConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof MlpDiffusionConfig config)) {
            throw new IllegalArgumentException("the mlp-diffusion family needs an MlpDiffusionConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        MlpDenoiser network = new MlpDenoiser(config.dataDim(), config.hiddenDims(), config.activation(),
                config.timeEmbeddingDim());
        rng.seedEngine(manager);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, config.dataDim()), new Shape(1));
        DiffusionSpec spec = new DiffusionSpec(NoiseSchedule.fromConfig(config.noiseSchedule()),
                config.predictionType(), config.minSnrGamma(), new Shape(config.dataDim()), 0, 0.0, 0.0);
        return new DiffusionModel(config, manager, network, spec);
    }

    /**
     * Exact: the time embedding (two dense layers of {@code timeEmbeddingDim}) and an MLP from the
     * data and the embedding through the hidden widths back to {@code dataDim}.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        MlpDiffusionConfig config = (MlpDiffusionConfig) modelConfig;
        int time = config.timeEmbeddingDim();
        String timeWhat = ParameterTally.field("model.timeEmbeddingDim", time);
        String data = ParameterTally.field("model.dataDim", config.dataDim());
        ParameterTally tally = new ParameterTally();
        tally.dense(time, timeWhat, time, timeWhat);
        tally.dense(time, timeWhat, time, timeWhat);
        long h = tally.mlp((long) config.dataDim() + time, data + " + " + timeWhat, config.hiddenDims(), "model.hiddenDims");
        tally.dense(h, "the last of model.hiddenDims (" + h + ")", config.dataDim(), data);
        return Optional.of(tally.estimate());
    }
}
