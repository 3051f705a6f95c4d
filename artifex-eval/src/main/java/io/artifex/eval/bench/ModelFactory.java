package io.artifex.eval.bench;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;

/** Builds reference models on the benchmark's device and sets the length of their training runs. */
final class ModelFactory {

    private final DeviceManager devices;

    ModelFactory(DeviceManager devices) {
        this.devices = devices;
    }

    /** A fresh model of {@code entry}'s config on the chosen device, initialised from {@code seed}. */
    GenerativeModel create(BenchmarkModel entry, long seed) {
        return create(entry.config(), seed);
    }

    /** A fresh model of {@code config} on the chosen device, initialised from {@code seed}. */
    GenerativeModel create(ModelConfig config, long seed) {
        NDManager manager = devices.newManager();
        try {
            return ModelRegistry.defaultRegistry().create(config, manager, new Rng(seed));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * {@code entry}'s trainer config at the given batch size and seed, with the given length
     * and no validation pass.
     */
    static TrainerConfig trainerConfig(BenchmarkModel entry, int batchSize, long seed, int epochs, long maxSteps) {
        TrainerConfig c = entry.trainer(batchSize, seed);
        if (c == null || c.batchSize() != batchSize) {
            throw new IllegalStateException("benchmark model '" + entry.id() + "' returned a trainer config "
                    + (c == null ? "of null" : "with batch size " + c.batchSize()) + " for batch size " + batchSize);
        }
        return c.toBuilder().epochs(epochs).maxSteps(maxSteps).batchSize(batchSize).seed(seed).validateEvery(0).build();
    }
}
