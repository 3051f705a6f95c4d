package io.artifex.models.gan;

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
import io.artifex.models.common.Mlp;
import java.util.ArrayList;
import java.util.List;

/**
 * The MLP GAN family (type id {@code mlp-gan}) for vector data, e.g. 2-D toy distributions:
 * generator {@code Mlp(hidden..., dataDim)} with a linear output, discriminator
 * {@link MlpDiscriminator} with one logit. Builds a {@link Gan} or, with {@code numClasses > 0},
 * a {@link ConditionalGan}. Registered through ServiceLoader; this family also registers the
 * type id, which is not one of core's built-in ids.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class MlpGanFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "mlp-gan";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return MlpGanConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof MlpGanConfig config)) {
            throw new IllegalArgumentException("the mlp-gan family needs an MlpGanConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        GanSettings settings = GanSettings.of(config);
        int classes = settings.numClasses();
        List<Integer> widths = new ArrayList<>(config.generatorHiddenDims());
        widths.add(config.dataDim());
        Mlp generator = new Mlp(widths, config.activation(), false);
        MlpDiscriminator discriminator = new MlpDiscriminator(config.dataDim() + classes,
                config.discriminatorHiddenDims(), config.activation(), config.spectralNorm());
        GanNetwork network = new GanNetwork(generator, discriminator, new Shape(config.latentDim() + classes),
                new Shape(config.dataDim() + classes));
        rng.seedEngine(manager);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, config.latentDim() + classes));
        return classes > 0 ? new ConditionalGan(config, settings, manager, network)
                : new Gan(config, settings, manager, network);
    }

    /**
     * Exact: the generator is an MLP from {@code latentDim} (+ the one-hot label) through its hidden
     * widths to {@code dataDim}; the discriminator one from {@code dataDim} (+ label) through its
     * hidden widths to one logit.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        MlpGanConfig config = (MlpGanConfig) modelConfig;
        int classes = config.numClasses();
        String label = classes > 0 ? " + " + ParameterTally.field("model.numClasses", classes) : "";
        String data = ParameterTally.field("model.dataDim", config.dataDim());
        ParameterTally tally = new ParameterTally();
        long g = tally.mlp(config.latentDim() + classes, ParameterTally.field("model.latentDim", config.latentDim()) + label,
                config.generatorHiddenDims(), "model.generatorHiddenDims");
        tally.dense(g, "the last of model.generatorHiddenDims (" + g + ")", config.dataDim(), data);
        long d = tally.mlp(config.dataDim() + classes, data + label, config.discriminatorHiddenDims(),
                "model.discriminatorHiddenDims");
        tally.dense(d, "the last of model.discriminatorHiddenDims (" + d + ")", 1, "1 logit");
        return Optional.of(tally.estimate());
    }
}
