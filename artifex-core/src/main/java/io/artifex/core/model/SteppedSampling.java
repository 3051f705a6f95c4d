package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model that samples by an iterative sampler whose number of steps can be chosen, trading
 * network evaluations for fidelity (a diffusion model: DDIM over that many of its timesteps;
 * all of them is ordinary ancestral sampling).
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface SteppedSampling extends GenerativeModel {

    /** The most steps the sampler can take (a diffusion model: its number of timesteps). */
    int maxSamplingSteps();

    /**
     * {@code n} samples by a sampler of {@code steps} network evaluations, shaped like
     * {@link #generate(int, NDManager, Rng)}'s, on {@code manager}.
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code steps} is outside 1..{@link #maxSamplingSteps()}
     */
    NDArray generate(int n, int steps, NDManager manager, Rng rng);
}
