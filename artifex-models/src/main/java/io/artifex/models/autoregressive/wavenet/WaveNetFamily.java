package io.artifex.models.autoregressive.wavenet;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WaveNet of the autoregressive family (type id {@code wavenet}): builds a {@link WaveNet}, or a
 * {@link ConditionalWaveNet} when {@code numClasses > 0}, from a {@link WaveNetConfig}, and logs its
 * receptive field. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class WaveNetFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "wavenet";

    private static final Logger LOG = LoggerFactory.getLogger(WaveNetFamily.class);

    /** {@value #TYPE_ID}. */
    @Override
    public String typeId() {
        return TYPE_ID;
    }

    /** {@link WaveNetConfig}. */
    @Override
    public Class<? extends ModelConfig> configClass() {
        return WaveNetConfig.class;
    }

    /** A {@link WaveNet} (or {@link ConditionalWaveNet}) whose weights are drawn from {@code rng}. */
    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof WaveNetConfig config)) {
            throw new IllegalArgumentException("the wavenet family needs a WaveNetConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        WaveNetNetwork network = new WaveNetNetwork(config);
        rng.seedEngine(manager);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        WaveNet model = config.numClasses() > 0 ? new ConditionalWaveNet(config, manager, network)
                : new WaveNet(config, manager, network);
        LOG.info("WaveNet '{}': {} gated layers, dilations 1..{}, receptive field {} samples, {} parameters",
                config.name(), config.numLayers(), 1 << (Math.min(config.numLayers(), config.dilationCycle()) - 1),
                config.receptiveField(), model.parameterCount());
        return model;
    }

    /**
     * Exact: the causal input layer (two taps from {@code numLevels} one-hot levels to
     * {@code residualChannels}), per layer a two-tap dilated convolution to
     * {@code 2 x dilationChannels}, 1x1 residual and skip projections (all with biases) and, when
     * conditional, a {@code numClasses x 2 dilationChannels} class table; then two 1x1 heads
     * ({@code skipChannels -> skipChannels -> numLevels}).
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        WaveNetConfig config = (WaveNetConfig) modelConfig;
        long levels = config.numLevels();
        long residual = config.residualChannels();
        long gate = config.dilationChannels();
        long skip = config.skipChannels();
        String levelsWhat = ParameterTally.field("model.numLevels", levels);
        String residualWhat = ParameterTally.field("model.residualChannels", residual);
        String gateWhat = ParameterTally.field("model.dilationChannels", gate);
        String skipWhat = ParameterTally.field("model.skipChannels", skip);
        ParameterTally tally = new ParameterTally();
        tally.add(ParameterTally.plus(ParameterTally.times(2 * levels, residual), residual), "2 taps x " + levelsWhat + " x "
                + residualWhat);
        ParameterTally layer = new ParameterTally();
        layer.add(ParameterTally.plus(ParameterTally.times(4 * gate, residual), 2 * gate), "2 taps x 2 x " + gateWhat
                + " x " + residualWhat);
        layer.dense(gate, gateWhat, residual, residualWhat);
        layer.dense(gate, gateWhat, skip, skipWhat);
        if (config.numClasses() > 0) {
            layer.add(ParameterTally.times(config.numClasses(), 2 * gate), ParameterTally.field("model.numClasses",
                    config.numClasses()) + " x 2 x " + gateWhat);
        }
        tally.add(ParameterTally.times(layer.total(), config.numLayers()), ParameterTally.field("model.numLayers",
                config.numLayers()) + " x (" + layer.estimate().drivers() + ", ...)");
        tally.dense(skip, skipWhat, skip, skipWhat);
        tally.dense(skip, skipWhat, levels, levelsWhat);
        return Optional.of(tally.estimate());
    }
}
