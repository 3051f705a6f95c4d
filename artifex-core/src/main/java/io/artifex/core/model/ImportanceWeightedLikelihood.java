package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A {@link LikelihoodModel} whose {@code logProb} is a lower bound that tightens with more
 * importance samples: the importance-weighted bound of Burda et al. (2015),
 * {@code log (1/k) sum_j p(x, z_j) / q(z_j | x)}, {@code z_j ~ q(z | x)}. With {@code k = 1} it is
 * the ELBO, which {@link #logProb(Batch, NDManager, Rng)} gives. A VAE implements it.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface ImportanceWeightedLikelihood extends LikelihoodModel {

    /**
     * The importance-weighted lower bound on {@code log p(x)} in nats with
     * {@code importanceSamples} samples per example, shape {@code (N)}, on {@code manager}.
     *
     * @throws IllegalArgumentException if {@code importanceSamples < 1}
     */
    NDArray logProb(Batch batch, int importanceSamples, NDManager manager, Rng rng);
}
