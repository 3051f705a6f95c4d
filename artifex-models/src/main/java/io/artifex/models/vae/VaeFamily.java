package io.artifex.models.vae;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import java.util.List;

/**
 * The VAE family (type id {@code vae}): builds a {@link Vae}, or a {@link ConditionalVae} when
 * {@code numClasses > 0}, from a {@link VaeConfig}. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class VaeFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "vae";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return VaeConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof VaeConfig config)) {
            throw new IllegalArgumentException("the vae family needs a VaeConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        Shape imageShape = chwShape(config.encoder().inputShape());
        EncoderConfig enc = config.encoder();
        DecoderConfig dec = config.decoder();
        Block encoder;
        Block decoder;
        if (config.encoderType() == EncoderType.CONV) {
            encoder = new ConvVaeEncoder(imageShape, enc.hiddenDims(), enc.latentDim(), enc.activation());
            decoder = new ConvVaeDecoder(dec.hiddenDims(), imageShape, dec.activation());
        } else {
            encoder = new DenseVaeEncoder(enc.hiddenDims(), enc.latentDim(), enc.activation());
            decoder = new DenseVaeDecoder(dec.hiddenDims(), imageShape, dec.activation());
        }
        VaeNetwork network = new VaeNetwork(encoder, decoder, enc.latentDim());
        Shape batchShape = new Shape(1).addAll(imageShape);
        rng.seedEngine(manager);
        if (config.numClasses() > 0) {
            network.initialize(manager, DataType.FLOAT32, batchShape, new Shape(1, config.numClasses()));
            return new ConditionalVae(config, manager, network, imageShape);
        }
        network.initialize(manager, DataType.FLOAT32, batchShape);
        return new Vae(config, manager, network, imageShape);
    }

    /** The seed's (height, width, channels) as DJL's (channels, height, width). */
    static Shape chwShape(List<Integer> hwc) {
        return new Shape(hwc.get(2), hwc.get(0), hwc.get(1));
    }
}
