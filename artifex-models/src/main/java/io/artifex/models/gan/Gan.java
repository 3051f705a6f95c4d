package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LatentGenerator;
import io.artifex.core.random.Rng;

/**
 * An unconditional GAN (DCGAN for images, or two MLPs for vectors); see {@link BaseGan} and the
 * package documentation. As a {@link LatentGenerator} it decodes latents drawn from its prior
 * ({@code generate(n)} is {@code decode(samplePrior(n))}) and interpolates between them; a GAN has
 * no encoder.
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives the samples of the same seed drawn alone; training, loading weights and {@code close} must not overlap any other call.
 */
public final class Gan extends BaseGan implements LatentGenerator {

    Gan(ModelConfig config, GanSettings settings, NDManager manager, GanNetwork network) {
        super(config, settings, manager, network);
    }

    /** The generator in evaluation mode on latents {@code (N, latentDim)}: samples {@code (N, ...)}. */
    @Override
    public NDArray decode(NDArray z, NDManager target) {
        return decodeWith(z, null, target);
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
