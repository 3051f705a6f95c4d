package io.artifex.training.checkpoint;

import ai.djl.ndarray.NDArray;
import io.artifex.training.optim.OptimizerState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a checkpoint. Parameters, optimizer states and EMA shadows are keyed by
 * the parameter's path in the model's block tree (e.g. {@code "01Linear_weight"}), which is
 * stable across model instances, unlike {@code Parameter.getId()}.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 *
 * @param step global steps completed
 * @param epoch the epoch the next step belongs to
 * @param batchInEpoch batches of that epoch already consumed
 * @param seed the run's seed (step RNGs are derived from it and the step)
 * @param parameters parameter values by path
 * @param optimizers optimizer states by optimizer key, their parameter keys being paths
 * @param ema EMA shadows by path; empty when EMA is off
 * @param trainerConfigJson the trainer config as JSON
 * @param modelConfigJson the model config as JSON (or its text form if it is not serialisable)
 */
public record Checkpoint(long step, long epoch, int batchInEpoch, long seed, Map<String, NDArray> parameters,
                         Map<String, OptimizerState> optimizers, Map<String, NDArray> ema,
                         String trainerConfigJson, String modelConfigJson) {

    /** Copies the maps, keeping their order. */
    public Checkpoint {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        optimizers = Collections.unmodifiableMap(new LinkedHashMap<>(optimizers));
        ema = Collections.unmodifiableMap(new LinkedHashMap<>(ema));
    }
}
