package io.artifex.models.autoregressive.wavenet;

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
}
