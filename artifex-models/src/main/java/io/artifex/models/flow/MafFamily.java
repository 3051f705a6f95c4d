package io.artifex.models.flow;

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
}
