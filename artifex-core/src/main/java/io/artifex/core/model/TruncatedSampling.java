package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model that samples by mapping latent vectors drawn from N(0, I) and can draw them from the
 * truncated prior instead (the "truncation trick": every coordinate redrawn until
 * {@code |z_i| <= truncation}), trading variety for more typical samples.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface TruncatedSampling extends GenerativeModel {

    /**
     * {@code n} samples, shaped like {@link #generate(int, NDManager, Rng)}'s, from latents of
     * the prior truncated at {@code truncation} (a positive bound), on {@code manager}.
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code truncation} is not positive
     */
    NDArray generate(int n, double truncation, NDManager manager, Rng rng);
}
