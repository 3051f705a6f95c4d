package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A {@link ConditionalModel} whose conditional samples take a guidance scale (classifier-free
 * guidance: {@code uncond + scale * (cond - uncond)} at every sampling step; scale 1 is plain
 * conditional sampling, 0 unconditional, above 1 stronger guidance).
 * {@link ConditionalModel#generate(NDArray, NDManager, Rng)} uses the model's default scale.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface GuidedSampling extends ConditionalModel {

    /** One sample per entry of {@code labels} (int64, shape {@code (n)}) with the given guidance scale. */
    NDArray generate(NDArray labels, double guidanceScale, NDManager manager, Rng rng);

    /**
     * As {@link #generate(NDArray, double, NDManager, Rng)} by the model's preview sampler when
     * it has one ({@link ConditionalPreviewSampling}); by default the ordinary sampler.
     */
    default NDArray generatePreview(NDArray labels, double guidanceScale, NDManager manager, Rng rng) {
        return generate(labels, guidanceScale, manager, rng);
    }
}
