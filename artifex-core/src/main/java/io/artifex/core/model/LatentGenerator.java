package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;

/**
 * A model that generates by decoding a latent vector drawn from a standard normal prior: a
 * VAE's decoder, a GAN's generator, a flow's inverse. {@link GenerativeModel#generate} is
 * {@code decode(samplePrior(n))}: the same {@code Rng} gives the same samples either way.
 *
 * <p>Class-conditional models do not implement it: their decoder needs labels too.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface LatentGenerator extends GenerativeModel {

    /** The size of the latent vector. */
    int latentDim();

    /** Latent vectors drawn from the prior N(0, I), shape {@code (n, latentDim)}, on {@code manager}. */
    default NDArray samplePrior(int n, NDManager manager, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("number of latent vectors must be >= 1, got " + n);
        }
        return rng.normal(manager, new Shape(n, latentDim()));
    }

    /**
     * Data-space outputs for latent vectors {@code (N, latentDim)}, shape
     * {@code (N, exampleShape...)}, in evaluation mode (a VAE gives its decoder's means or
     * probabilities). Intermediate arrays go to {@code manager}.
     *
     * @throws IllegalArgumentException if {@code z} is not {@code (N, latentDim)}
     */
    NDArray decode(NDArray z, NDManager manager);

    /**
     * {@code steps} decoded points on the path from latent {@code z1} to {@code z2} (both ends
     * included), shape {@code (steps, exampleShape...)}: linear, or spherical when
     * {@code spherical} is true (see {@link LatentPath#between}).
     *
     * @param z1 start, shape {@code (latentDim)} or {@code (1, latentDim)}
     * @param z2 end, the same shape
     */
    default NDArray interpolateLatents(NDArray z1, NDArray z2, int steps, boolean spherical, NDManager manager) {
        return decode(LatentPath.between(z1, z2, steps, spherical, manager), manager);
    }
}
