package io.artifex.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The means of an epoch's step values (same names as {@link StepMetrics#values()}), plus
 * {@code "validation_loss"} when validation ran and, for phases with validation measures of their
 * own ({@link io.artifex.core.model.PhaseObjective#newValidation()}), {@code "validation/<phase>/<name>"}.
 * A run that {@code maxSteps} ends in the middle of an epoch closes with one more, incomplete,
 * epoch ({@code complete} false): the means of its steps and a validation of the final weights.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param epoch the epoch just completed (or cut short), from 0
 * @param step the number of global steps completed so far
 * @param values the measurements by name
 * @param complete whether every batch of the epoch was trained; false only for the last epoch of a
 *                 run that {@code maxSteps} ended part way through it
 */
public record EpochMetrics(long epoch, long step, Map<String, Double> values, boolean complete) {

    /** Copies the values, keeping their order. */
    public EpochMetrics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The metrics of a complete epoch. */
    public EpochMetrics(long epoch, long step, Map<String, Double> values) {
        this(epoch, step, values, true);
    }
}
