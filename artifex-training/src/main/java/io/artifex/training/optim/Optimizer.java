package io.artifex.training.optim;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients. State (moments, momentum buffers, step
 * counts) is kept per parameter, keyed by {@link Parameter#getId()}, on the parameter's own
 * manager. Call {@link #update} outside any {@code GradientCollector}: the in-place
 * arithmetic then records nothing for autograd.
 *
 * <p>Thread-safety: not thread-safe: it keeps per-parameter state; use one instance per training
 * run, from one thread.
 */
public interface Optimizer extends AutoCloseable {

    /** The algorithm's config name, e.g. "adam"; checked when state is restored. */
    String algorithm();

    /**
     * One update of every parameter that has a gradient, at the given learning rate.
     * Parameters without a gradient (unused by the loss) are skipped and their step count
     * does not advance.
     */
    void update(List<Parameter> parameters, float learningRate);

    /** The current state, by parameter id; the arrays are the live ones (copy to keep them). */
    OptimizerState state();

    /**
     * Replaces the state with copies of {@code state}'s arrays, placed on each parameter's
     * manager. Entries for ids not in {@code parameters} are rejected.
     */
    void loadState(OptimizerState state, List<Parameter> parameters);

    /** Releases the state arrays. */
    @Override
    void close();
}
