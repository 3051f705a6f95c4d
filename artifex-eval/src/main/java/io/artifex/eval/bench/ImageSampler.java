package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * Draws {@code n} grey 28x28 images with values in [0, 1] (any shape with 784 values per image),
 * the input {@link SampleMetrics} scores. A model whose samples live elsewhere (e.g. [-1, 1])
 * converts them here, for instance with {@link SignedImages#toUnit(NDArray)}.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
@FunctionalInterface
public interface ImageSampler {

    /** {@code n} images in [0, 1] on {@code manager}, drawn with {@code rng}. */
    NDArray sample(int n, NDManager manager, Rng rng);
}
