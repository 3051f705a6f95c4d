package io.artifex.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step measured. {@code values} holds {@code "<phase>/loss"} and
 * {@code "<phase>/<term>"} for every phase (the mean over its repeats), {@code "loss"} (the
 * first phase's loss) and {@code "lr/<optimizer key>"}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param step the global step just completed, from 0
 * @param epoch the epoch it belongs to, from 0
 * @param batchInEpoch the batch's index in its epoch, from 0
 * @param examples the batch size
 * @param values the measurements by name
 */
public record StepMetrics(long step, long epoch, int batchInEpoch, int examples, Map<String, Double> values) {

    /** Copies the values, keeping their order. */
    public StepMetrics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The step's loss (the first phase's). */
    public double loss() {
        return values.getOrDefault("loss", Double.NaN);
    }
}
