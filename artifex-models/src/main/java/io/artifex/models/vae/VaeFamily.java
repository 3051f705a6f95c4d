package io.artifex.models.vae;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.List;
import java.util.Optional;

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

    /**
     * Exact: dense networks are MLPs over the flattened image (plus the one-hot label of a
     * conditional VAE) with a {@code 2 x latentDim} head; conv networks are 4x4 stride-2
     * convolutions and a dense head over the last feature map, mirrored by a dense projection and
     * 4x4 transposed convolutions.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        VaeConfig config = (VaeConfig) modelConfig;
        EncoderConfig enc = config.encoder();
        DecoderConfig dec = config.decoder();
        List<Integer> hwc = enc.inputShape();
        long values = (long) hwc.get(0) * hwc.get(1) * hwc.get(2);
        int classes = config.numClasses();
        String image = ParameterTally.image("model.encoder.inputShape", hwc);
        String latent = ParameterTally.field("model.encoder.latentDim", enc.latentDim());
        String decoderIn = latent + (classes > 0 ? " + " + ParameterTally.field("model.numClasses", classes) : "");
        ParameterTally tally = new ParameterTally();
        if (config.encoderType() == EncoderType.CONV) {
            List<Integer> widths = enc.hiddenDims();
            int levels = widths.size();
            long cells = (long) (hwc.get(0) >> levels) * (hwc.get(1) >> levels);
            long in = hwc.get(2);
            String inWhat = image;
            for (int i = 0; i < levels; i++) {
                String what = ParameterTally.field("model.encoder.hiddenDims[" + i + "]", widths.get(i));
                tally.conv(in, inWhat, widths.get(i), what, 4, 4);
                in = widths.get(i);
                inWhat = what;
            }
            tally.dense(in * cells + classes, inWhat + " x " + cells + " cells", 2L * enc.latentDim(), "2 x " + latent);
            List<Integer> up = dec.hiddenDims();
            String first = ParameterTally.field("model.decoder.hiddenDims[0]", up.get(0));
            tally.dense(enc.latentDim() + classes, decoderIn, up.get(0) * cells, first + " x " + cells + " cells");
            for (int i = 0; i < up.size(); i++) {
                boolean last = i + 1 == up.size();
                tally.conv(up.get(i), ParameterTally.field("model.decoder.hiddenDims[" + i + "]", up.get(i)),
                        last ? hwc.get(2) : up.get(i + 1), last ? image : ParameterTally.field(
                                "model.decoder.hiddenDims[" + (i + 1) + "]", up.get(i + 1)), 4, 4);
            }
        } else {
            long h = tally.mlp(values + classes, image, enc.hiddenDims(), "model.encoder.hiddenDims");
            int lastHidden = enc.hiddenDims().size() - 1;
            tally.dense(h, ParameterTally.field("model.encoder.hiddenDims[" + lastHidden + "]", h),
                    2L * enc.latentDim(), "2 x " + latent);
            long d = tally.mlp(enc.latentDim() + classes, decoderIn, dec.hiddenDims(), "model.decoder.hiddenDims");
            tally.dense(d, ParameterTally.field("model.decoder.hiddenDims[" + (dec.hiddenDims().size() - 1) + "]", d),
                    values, image);
        }
        return Optional.of(tally.estimate());
    }
}
