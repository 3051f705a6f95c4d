package io.artifex.training.optim;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of an optimizer's state: the algorithm and, per parameter id, its step count and
 * named slot arrays (e.g. "m" and "v" for Adam).
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 *
 * @param algorithm the optimizer's config name, e.g. "adam"
 * @param parameters state per parameter id
 */
public record OptimizerState(String algorithm, Map<String, ParamState> parameters) {

    /** Copies the map, keeping its order. */
    public OptimizerState {
        if (algorithm == null || algorithm.isBlank()) {
            throw new IllegalArgumentException("optimizer state algorithm must not be blank");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The state of one parameter.
     *
     * @param step how many updates the parameter has had
     * @param slots the algorithm's arrays for it, by slot name
     */
    public record ParamState(long step, Map<String, NDArray> slots) {

        /** Copies the map, keeping its order. */
        public ParamState {
            if (step < 0) {
                throw new IllegalArgumentException("optimizer step must be >= 0, got " + step);
            }
            slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        }
    }
}
