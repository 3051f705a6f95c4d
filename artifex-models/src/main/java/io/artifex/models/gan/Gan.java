package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.Batch;
import io.artifex.core.random.Rng;

/**
 * An unconditional GAN (DCGAN for images, or two MLPs for vectors); see {@link BaseGan} and the
 * package documentation.
 */
public final class Gan extends BaseGan {

    Gan(ModelConfig config, GanSettings settings, NDManager manager, GanNetwork network) {
        super(config, settings, manager, network);
    }

    /** The generator in evaluation mode on latents {@code (N, latentDim)}: samples {@code (N, ...)}. */
    public NDArray decode(NDArray z, NDManager target) {
        return decodeWith(z, null, target);
    }

    /**
     * Decoded points on the path from latent {@code z1} to {@code z2} (both included), shape
     * {@code (steps, ...)}; spherical or linear (see {@link LatentSampling#path}).
     */
    public NDArray interpolate(NDArray z1, NDArray z2, int steps, boolean spherical, NDManager target) {
        return decode(LatentSampling.path(z1, z2, steps, spherical), target);
    }

    @Override
    NDArray generateFrom(NDArray z, NDManager target, Rng rng) {
        return decode(z, target);
    }

    @Override
    NDArray conditioning(Batch batch) {
        return null;
    }
}
