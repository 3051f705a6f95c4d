package io.artifex.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.LatentEncoder;
import io.artifex.core.random.Rng;

/**
 * An unconditional variational autoencoder: everything of {@link BaseVae} plus the latent-space
 * tools of {@link LatentEncoder} (encode, decode, reconstruct, interpolate) and a latent
 * traversal.
 *
 * <pre>{@code
 * EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 128, List.of(256, 128), ActivationType.RELU);
 * DecoderConfig decoder = new DecoderConfig("decoder", 128, List.of(28, 28, 1), List.of(128, 256), ActivationType.RELU);
 * VaeConfig config = new VaeConfig("beta_vae", encoder, decoder, EncoderType.DENSE, 1.0);
 * try (GenerativeModel model = Models.create(config, 0)) { ... }
 * }</pre>
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives the samples of the same seed drawn alone; training, loading weights and {@code close} must not overlap any other call.
 */
public final class Vae extends BaseVae implements LatentEncoder {

    Vae(VaeConfig config, NDManager manager, VaeNetwork network, Shape imageShape) {
        super(config, manager, network, imageShape);
    }

    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return decodeWithCondition(samplePrior(n, target, rng), null, target);
    }

    @Override
    public NDArray encode(NDArray x, NDManager target) {
        ParameterStore store = new ParameterStore(target, false);
        return encoderOutput(checkedImages(x), null, store, false).get(0);
    }

    @Override
    public NDArray decode(NDArray z, NDManager target) {
        return decodeWithCondition(z, null, target);
    }

    /**
     * Decodes the code of one input with latent dimension {@code dim} set to each of
     * {@code values} in turn, shape {@code (values.length, C, H, W)}.
     */
    public NDArray latentTraversal(NDArray x, int dim, float[] values, NDManager target) {
        int latentDim = latentDim();
        if (dim < 0 || dim >= latentDim) {
            throw new IllegalArgumentException("latent dimension must be in [0, " + latentDim + "), got " + dim);
        }
        float[] code = encode(x.expandDims(0), target).toFloatArray();
        float[] codes = new float[values.length * latentDim];
        for (int row = 0; row < values.length; row++) {
            System.arraycopy(code, 0, codes, row * latentDim, latentDim);
            codes[row * latentDim + dim] = values[row];
        }
        return decode(target.create(codes, new Shape(values.length, latentDim)), target);
    }

}
