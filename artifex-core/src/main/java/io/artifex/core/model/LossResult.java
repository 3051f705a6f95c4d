package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Objects;

/**
 * A loss to minimise and its named parts for logging.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 *
 * @param total the scalar that is differentiated
 * @param terms scalar parts worth reporting (e.g. "reconstruction", "kl"); may be empty
 */
public record LossResult(NDArray total, Map<String, NDArray> terms) {

    /** Checks the total is present and the terms map is not null. */
    public LossResult {
        Objects.requireNonNull(total, "loss total must not be null");
        terms = Map.copyOf(Objects.requireNonNull(terms, "loss terms must not be null"));
    }

    /** A loss with no separate terms. */
    public static LossResult of(NDArray total) {
        return new LossResult(total, Map.of());
    }
}
