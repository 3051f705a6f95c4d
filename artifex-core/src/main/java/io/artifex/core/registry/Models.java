package io.artifex.core.registry;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;

/**
 * The shortest way to a model: {@code Models.create(config, seed)}, the Java form of the
 * seed's {@code VAE(config, rngs=nnx.Rngs(0))}. The model's parameters live on a new root
 * manager on the chosen device (by default the {@link DeviceManager}'s default device); the
 * model owns that manager (see {@link GenerativeModel#manager()}) and closes it with itself.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Models {

    private Models() {
    }

    /**
     * Validates {@code config} and builds its model on the default device of
     * {@link DeviceManager#get()} (system property {@code artifex.device}), initialised from
     * {@code new Rng(seed)}. Close the model.
     */
    public static GenerativeModel create(ModelConfig config, long seed) {
        return create(ModelRegistry.defaultRegistry(), config, seed, DeviceManager.get());
    }

    /** As {@link #create(ModelConfig, long)}, on {@code device} (checked against the devices this engine can use). */
    public static GenerativeModel create(ModelConfig config, long seed, Device device) {
        return create(ModelRegistry.defaultRegistry(), config, seed, device);
    }

    /** As {@link #create(ModelConfig, long)}, on the default device of {@code devices}. */
    public static GenerativeModel create(ModelConfig config, long seed, DeviceManager devices) {
        return create(ModelRegistry.defaultRegistry(), config, seed, devices);
    }

    /** As {@link #create(ModelConfig, long)}, with the families of {@code registry}. */
    public static GenerativeModel create(ModelRegistry registry, ModelConfig config, long seed) {
        return create(registry, config, seed, DeviceManager.get());
    }

    /** As {@link #create(ModelConfig, long, DeviceManager)}, with the families of {@code registry}. */
    public static GenerativeModel create(ModelRegistry registry, ModelConfig config, long seed, DeviceManager devices) {
        if (devices == null) {
            throw new IllegalArgumentException("device manager must not be null (use DeviceManager.get())");
        }
        return create(registry, config, seed, devices.defaultDevice());
    }

    /**
     * Validates {@code config} and builds its model, with the families of {@code registry}, on a
     * new root manager on {@code device}, initialised from {@code new Rng(seed)}.
     *
     * @throws IllegalArgumentException if the device is null or one this engine cannot use, or
     *     the config's family is not registered
     * @throws io.artifex.core.config.ConfigValidationException if the config breaks a rule, or its
     *     weights would not fit in the device's memory budget ({@link ModelRegistry#requireMemoryFits})
     */
    public static GenerativeModel create(ModelRegistry registry, ModelConfig config, long seed, Device device) {
        return create(registry, config, seed, DeviceManager.get(), device, MemoryUse.weights());
    }

    /**
     * As {@link #create(ModelConfig, long)}, for training with {@code training}: before anything is
     * allocated, refuses a config whose weights, gradients, optimizer state and weight average
     * ({@link MemoryUse#training}) would not fit in the default device's memory budget.
     *
     * @throws io.artifex.core.config.ConfigValidationException if the config breaks a rule or
     *     would not fit
     */
    public static GenerativeModel createForTraining(ModelConfig config, TrainerConfig training, long seed) {
        DeviceManager devices = DeviceManager.get();
        return createForTraining(config, training, seed, devices.defaultDevice());
    }

    /** As {@link #createForTraining(ModelConfig, TrainerConfig, long)}, on {@code device}. */
    public static GenerativeModel createForTraining(ModelConfig config, TrainerConfig training, long seed, Device device) {
        return create(ModelRegistry.defaultRegistry(), config, seed, DeviceManager.get(), device,
                MemoryUse.training(ConfigValidator.requireValid(training)));
    }

    private static GenerativeModel create(ModelRegistry registry, ModelConfig config, long seed, DeviceManager devices,
                                          Device device, MemoryUse use) {
        registry.typeIdOf(config);
        ConfigValidator.requireValid(config);
        registry.requireMemoryFits(config, use, devices, device);
        NDManager manager = devices.newManager(device);
        try {
            // parameter initialisers draw from the engine's global generator after the family seeds it
            return Rng.exclusive(() -> registry.create(config, manager, new Rng(seed)));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
