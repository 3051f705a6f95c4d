package io.artifex.examples.run;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelArchive;
import io.artifex.training.checkpoint.CheckpointIO;
import io.artifex.training.checkpoint.CheckpointModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a trained model from either a trainer checkpoint folder ({@code manifest.json}) or a
 * model archive ({@code config.yaml} + parameters), and finds the experiment config of the run
 * it belongs to.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ModelLoader {

    private ModelLoader() {
    }

    /** Loads the model in {@code dir}; checkpoints give their EMA weights when they have them. */
    public static GenerativeModel load(Path dir) {
        return load(dir, null);
    }

    /**
     * Loads the model in {@code dir} onto {@code device} (null: the default device of
     * {@link DeviceManager#get()}); checkpoints give their EMA weights when they have them.
     */
    public static GenerativeModel load(Path dir, Device device) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("checkpoint folder " + dir + " does not exist");
        }
        NDManager manager = device == null ? DeviceManager.get().newManager() : DeviceManager.get().newManager(device);
        try {
            if (Files.isRegularFile(dir.resolve(CheckpointIO.MANIFEST))) {
                return CheckpointModels.load(dir, manager, true);
            }
            if (Files.isRegularFile(dir.resolve(ModelArchive.CONFIG_FILE))) {
                return ModelArchive.load(dir, manager, 0L);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        manager.close();
        throw new IllegalArgumentException(dir + " is neither a trainer checkpoint (no " + CheckpointIO.MANIFEST
                + ") nor a model archive (no " + ModelArchive.CONFIG_FILE + ")");
    }

    /** The {@code experiment.yaml} of the run that holds {@code dir} (looked up to three levels up). */
    public static Optional<ExperimentConfig> experimentOf(Path dir) {
        Path current = dir.toAbsolutePath().normalize();
        for (int level = 0; level < 4 && current != null; level++, current = current.getParent()) {
            Path candidate = current.resolve("experiment.yaml");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(ConfigIO.read(candidate, ExperimentConfig.class));
            }
        }
        return Optional.empty();
    }
}
