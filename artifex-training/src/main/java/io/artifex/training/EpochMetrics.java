package io.artifex.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The means of an epoch's step values (same names as {@link StepMetrics#values()}), plus
 * {@code "validation_loss"} when validation ran and, for phases with validation measures of their
 * own ({@link io.artifex.core.model.PhaseObjective#newValidation()}), {@code "validation/<phase>/<name>"}.
 *
 * @param epoch the epoch just completed, from 0
 * @param step the number of global steps completed so far
 * @param values the measurements by name
 */
public record EpochMetrics(long epoch, long step, Map<String, Double> values) {

    /** Copies the values, keeping their order. */
    public EpochMetrics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
