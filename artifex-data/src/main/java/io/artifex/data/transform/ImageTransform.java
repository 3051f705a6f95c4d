package io.artifex.data.transform;

import ai.djl.ndarray.NDArray;
import io.artifex.core.random.Rng;

/**
 * A per-batch transform of image arrays, applied to a whole batch shaped {@code (N, ...)}.
 * Inputs hold raw pixel values in [0, 255] (as float32) unless an earlier transform changed
 * them. Random transforms draw only from the {@link Rng} they are given, so the batch source
 * decides the stream (one per seed, epoch and batch) and results are reproducible.
 * New arrays are created on the input's manager.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
@FunctionalInterface
public interface ImageTransform {

    /** Transforms batch {@code x}, drawing any randomness from {@code rng}. */
    NDArray apply(NDArray x, Rng rng);

    /** This transform followed by {@code next}; both draw from the same {@link Rng}, in order. */
    default ImageTransform andThen(ImageTransform next) {
        if (next == null) {
            throw new IllegalArgumentException("next transform must not be null");
        }
        return (x, rng) -> next.apply(apply(x, rng), rng);
    }
}
