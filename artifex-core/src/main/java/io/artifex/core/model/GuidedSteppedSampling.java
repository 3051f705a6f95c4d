package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A guided conditional model whose sampler steps can be chosen too (a class-conditional
 * diffusion model): labelled samples with both a guidance scale and a number of steps.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface GuidedSteppedSampling extends GuidedSampling, SteppedSampling {

    /** The guidance scale of {@link ConditionalModel#generate(NDArray, NDManager, Rng)}. */
    double defaultGuidanceScale();

    /**
     * One sample per entry of {@code labels} (int64, shape {@code (n)}) with the given guidance
     * scale by a sampler of {@code steps} network evaluations.
     *
     * @throws IllegalArgumentException for labels outside 0..numClasses-1 or steps outside 1..{@link #maxSamplingSteps()}
     */
    NDArray generate(NDArray labels, double guidanceScale, int steps, NDManager manager, Rng rng);
}
