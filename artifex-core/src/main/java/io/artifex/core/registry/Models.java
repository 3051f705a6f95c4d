package io.artifex.core.registry;

import ai.djl.ndarray.NDManager;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;

/**
 * The shortest way to a model: {@code Models.create(config, seed)}, the Java form of the
 * seed's {@code VAE(config, rngs=nnx.Rngs(0))}.
 */
public final class Models {

    private Models() {
    }

    /**
     * Validates {@code config} and builds its model on a new base NDManager on the
     * {@link DeviceManager}'s default device (system property {@code artifex.device}), initialised from {@code new Rng(seed)}. The model owns the manager; close the model.
     */
    public static GenerativeModel create(ModelConfig config, long seed) {
        return create(ModelRegistry.defaultRegistry(), config, seed);
    }

    /** As {@link #create(ModelConfig, long)}, with the families of {@code registry}. */
    public static GenerativeModel create(ModelRegistry registry, ModelConfig config, long seed) {
        registry.typeIdOf(config);
        ConfigValidator.requireValid(config);
        NDManager manager = DeviceManager.get().newManager();
        try {
            return registry.create(config, manager, new Rng(seed));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
