package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A {@link LatentGenerator} that also maps data into its latent space: a VAE (the posterior
 * mean) and a normalizing flow (the exact forward transform, so {@code decode(encode(x))} gives
 * {@code x} back up to rounding).
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface LatentEncoder extends LatentGenerator {

    /**
     * The latent code of each input {@code (N, exampleShape...)} (or {@code (N, size)}), shape
     * {@code (N, latentDim)}.
     *
     * @throws IllegalArgumentException if the inputs do not have the model's example size
     */
    NDArray encode(NDArray x, NDManager manager);

    /** Decodes the encoding of each input, shape {@code (N, exampleShape...)}. */
    default NDArray reconstruct(NDArray x, NDManager manager) {
        return decode(encode(x, manager), manager);
    }

    /**
     * {@code steps} decoded points on the straight line between the codes of two single inputs
     * {@code x1}, {@code x2} (each of {@link #exampleShape()}, without a batch axis), both ends
     * included, shape {@code (steps, exampleShape...)}.
     */
    default NDArray interpolate(NDArray x1, NDArray x2, int steps, NDManager manager) {
        NDArray z1 = encode(x1.expandDims(0), manager);
        NDArray z2 = encode(x2.expandDims(0), manager);
        return interpolateLatents(z1, z2, steps, false, manager);
    }
}
