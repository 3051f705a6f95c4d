package io.artifex.models.diffusion;

/**
 * Progress of a sampling loop: called after each step with the 1-based step and the total.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
@FunctionalInterface
public interface SamplingListener {

    /** Step {@code step} of {@code total} is done. */
    void onStep(int step, int total);
}
