package io.artifex.training.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.training.internal.ArrayCopy;
import java.util.Map;

/**
 * Rebuilds a trained model from a trainer checkpoint: the model config stored in the
 * checkpoint goes through the registry, then the checkpoint's weights (or, when asked and
 * present, its EMA weights) are copied in. This is what {@code artifex sample} and
 * {@code artifex evaluate} use.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class CheckpointModels {

    private CheckpointModels() {
    }

    /**
     * Loads the model saved in {@code checkpointDir} onto {@code manager} (which the model then owns).
     *
     * @param useEma take the exponential-moving-average weights when the checkpoint has them
     */
    public static GenerativeModel load(java.nio.file.Path checkpointDir, NDManager manager, boolean useEma) {
        try (NDManager scratch = manager.newSubManager()) {
            Checkpoint checkpoint = CheckpointIO.read(checkpointDir, scratch);
            ModelConfig config;
            try {
                config = ConfigIO.fromJson(checkpoint.modelConfigJson(), ModelConfig.class);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint " + checkpointDir.resolve("model-config.json")
                        + " does not hold a readable model config: " + e.getMessage(), e);
            }
            GenerativeModel model = ModelRegistry.defaultRegistry().create(config, manager, new Rng(checkpoint.seed()));
            Map<String, NDArray> weights = useEma && !checkpoint.ema().isEmpty() ? checkpoint.ema() : checkpoint.parameters();
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                NDArray source = weights.containsKey(p.getKey()) ? weights.get(p.getKey()) : checkpoint.parameters().get(p.getKey());
                if (source == null) {
                    model.close();
                    throw new IllegalArgumentException("checkpoint " + checkpointDir + " has no value for parameter '"
                            + p.getKey() + "' of a " + config.getClass().getSimpleName() + " model");
                }
                ArrayCopy.copyInto(source, p.getValue().getArray(), "checkpoint " + checkpointDir + " parameter '"
                        + p.getKey() + "'");
            }
            return model;
        }
    }

    /** The training step a checkpoint was written at (reads and verifies the whole checkpoint). */
    public static long step(java.nio.file.Path checkpointDir) {
        // no model here: the checkpoint's arrays are read only to verify them and dropped
        try (NDManager scratch = NDManager.newBaseManager()) {
            return CheckpointIO.read(checkpointDir, scratch).step();
        }
    }
}
