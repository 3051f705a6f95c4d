package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * The output of a flow layer in the data-to-latent direction.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 *
 * @param y the transformed batch
 * @param logDet per-example {@code log |det dy/dx|}, shape {@code (N)}
 */
public record FlowResult(NDArray y, NDArray logDet) {

    /** Checks both arrays are present. */
    public FlowResult {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(logDet, "logDet");
    }
}
