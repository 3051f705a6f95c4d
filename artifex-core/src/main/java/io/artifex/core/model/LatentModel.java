package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model with an encoder into, and a decoder out of, a continuous latent space (a VAE).
 */
public interface LatentModel extends GenerativeModel {

    /** The size of the latent vector. */
    int latentDim();

    /** The latent code of each input: the posterior mean, shape {@code (N, latentDim)}. */
    NDArray encode(NDArray x, NDManager manager);

    /** Data-space outputs (means or probabilities) for latent codes {@code (N, latentDim)}. */
    NDArray decode(NDArray z, NDManager manager);

    /** Decodes the encoding of each input. */
    default NDArray reconstruct(NDArray x, NDManager manager) {
        return decode(encode(x, manager), manager);
    }

    /**
     * {@code steps} decoded points on the straight line between the codes of two single
     * inputs (both ends included), shape {@code (steps, ...)}.
     */
    default NDArray interpolate(NDArray x1, NDArray x2, int steps, NDManager manager) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 steps, got " + steps);
        }
        NDArray z1 = encode(x1.expandDims(0), manager);
        NDArray z2 = encode(x2.expandDims(0), manager);
        NDArray t = manager.linspace(0f, 1f, steps).reshape(steps, 1);
        NDArray z = z1.mul(t.neg().add(1f)).add(z2.mul(t));
        return decode(z, manager);
    }

    /** Draws latent codes from the prior, shape {@code (n, latentDim)}. */
    default NDArray samplePrior(int n, NDManager manager, Rng rng) {
        return rng.normal(manager, new ai.djl.ndarray.types.Shape(n, latentDim()));
    }
}
