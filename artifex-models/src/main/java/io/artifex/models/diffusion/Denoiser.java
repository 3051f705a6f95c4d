package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * What a sampler asks of a trained network: its output (an epsilon, x0 or v prediction, as
 * the scheduler expects) for the noisy batch {@code xt} at timestep {@code t}. The output has
 * {@code xt}'s shape and belongs to {@code xt}'s manager (a per-step sub-manager).
 *
 * <p>Thread-safety: implementations need not be thread-safe by this interface alone; one that a
 * model uses for its concurrent sampling must allow concurrent calls, each with its own arrays and
 * manager.
 */
@FunctionalInterface
public interface Denoiser {

    /** The network output at {@code (xt, t)}. */
    NDArray predict(NDArray xt, int t);
}
