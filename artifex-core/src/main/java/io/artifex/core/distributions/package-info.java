/**
 * Probability distributions over batches of NDArrays: {@link io.artifex.core.distributions.DiagonalGaussian},
 * {@link io.artifex.core.distributions.Bernoulli} and {@link io.artifex.core.distributions.Categorical}.
 *
 * <p>Convention: axis 0 is the batch axis. Log-probabilities, KL divergences and entropies are
 * summed over every other axis and returned with shape (N); draws take an explicit
 * {@link io.artifex.core.random.Rng}.
 */
package io.artifex.core.distributions;
