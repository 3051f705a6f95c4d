package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What an MCMC run returns: the final state of every chain and, for samplers with a
 * Metropolis test (MALA, HMC), the fraction of proposals accepted over all chains and steps.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 *
 * @param samples the chains' final states, same shape as the start, in the start's manager
 * @param steps the number of MCMC steps run
 * @param acceptanceRate accepted proposals / proposals, in [0, 1]; empty for unadjusted Langevin
 */
public record ChainResult(NDArray samples, int steps, OptionalDouble acceptanceRate) {

    /** Checks the samples are present. */
    public ChainResult {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(acceptanceRate, "acceptanceRate");
    }
}
