package io.artifex.models.flow;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;

/**
 * The RealNvp family (type id {@code realnvp}): builds a {@link RealNvp} from a {@link RealNvpConfig}. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class RealNvpFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "realnvp";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return RealNvpConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof RealNvpConfig config)) {
            throw new IllegalArgumentException("the realnvp family needs a RealNvpConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        return RealNvp.create(config, manager, rng);
    }
}
