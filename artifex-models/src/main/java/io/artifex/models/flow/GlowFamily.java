package io.artifex.models.flow;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;

/**
 * The Glow family (type id {@code glow}): builds a {@link Glow} from a {@link GlowConfig}. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class GlowFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "glow";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return GlowConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof GlowConfig config)) {
            throw new IllegalArgumentException("the glow family needs a GlowConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        return Glow.create(config, manager, rng);
    }
}
