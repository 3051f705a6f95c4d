package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * Draws one grey 28x28 image with values in [0, 1] per requested class label: the input of
 * {@link SampleMetrics#measureConditional}, which scores class-conditional models and checks
 * that each sample is classified as the label it was drawn for.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
@FunctionalInterface
public interface LabelledImageSampler {

    /** One image in [0, 1] per entry of {@code labels} (int64, shape {@code (n)}) on {@code manager}. */
    NDArray sample(NDArray labels, NDManager manager, Rng rng);
}
