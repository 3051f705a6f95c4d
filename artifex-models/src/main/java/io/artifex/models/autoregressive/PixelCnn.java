package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.Batch;
import io.artifex.core.model.TemperatureSampling;
import io.artifex.core.random.Rng;

/**
 * An unconditional PixelCNN or Gated PixelCNN (see {@link BasePixelCnn} for the data space and
 * the loss): exact likelihood, pixel-by-pixel sampling with a temperature, and inpainting.
 *
 * <pre>{@code
 * PixelCnnConfig config = new PixelCnnConfig("pixelcnn", List.of(28, 28, 1), 64, 8);
 * try (GenerativeModel model = Models.create(config, 0)) {
 *     // train with the generic Trainer on scale01 MNIST, then
 *     NDArray samples = model.generate(16, manager, new Rng(1));   // (16, 1, 28, 28), 784 pixel steps
 * }
 * }</pre>
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives the samples of the same seed drawn alone; training, loading weights and {@code close} must not overlap any other call.
 */
public final class PixelCnn extends BasePixelCnn implements TemperatureSampling {

    PixelCnn(PixelCnnConfig config, NDManager manager, PixelNetwork network) {
        super(config, manager, network);
    }

    @Override
    NDArray conditioning(Batch batch, NDManager scope) {
        return null;
    }

    /** {@code n} images drawn at temperature 1, shape {@code (n, C, H, W)}, values k / (L - 1). */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return generate(n, 1.0, target, rng);
    }

    /**
     * {@code n} images drawn pixel by pixel from {@code softmax(logits / temperature)}: H * W
     * steps, each evaluating the network at one position from cached activations. Below 1 the
     * samples are sharper, above 1 more varied.
     */
    @Override
    public NDArray generate(int n, double temperature, NDManager target, Rng rng) {
        Sampling.checkCount(n);
        return sampleFrom(new float[Math.multiplyExact(n, (int) dimensions())], n, null, 0, temperature, target, rng);
    }

    /**
     * Inpainting: keeps the first {@code knownRows} rows of each image and draws the rest, pixel
     * by pixel, conditioned on them.
     *
     * @param images {@code (N, C, H, W)} in the model's data space (rows below knownRows are ignored)
     * @param knownRows rows kept, 0..H
     * @return the completed images {@code (N, C, H, W)} on {@code target}
     */
    public NDArray complete(NDArray images, int knownRows, double temperature, NDManager target, Rng rng) {
        float[] canvas = Sampling.canvas(this, images, knownRows, target);
        return sampleFrom(canvas, (int) images.getShape().get(0), null, knownRows * width, temperature, target, rng);
    }
}
