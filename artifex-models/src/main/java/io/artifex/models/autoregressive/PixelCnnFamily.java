package io.artifex.models.autoregressive;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
import java.util.function.UnaryOperator;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.core.config.ConfigMigrations;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import java.util.List;

/**
 * The autoregressive family (type id {@code pixelcnn}): builds a {@link PixelCnn}, or a
 * {@link ConditionalPixelCnn} when {@code numClasses > 0}, with the original masked-convolution
 * network (variant {@code pixelcnn}) or Gated PixelCNN (variant {@code gated}), reading intensities
 * or one-hot levels ({@code inputEncoding}). Registered
 * through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class PixelCnnFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "pixelcnn";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return PixelCnnConfig.class;
    }

    /** Schema version 1 named the image shape {@code imageShape}; version 2 names it {@code inputShape}. */
    @Override
    public List<String> migrate(int fromVersion, ObjectNode config) {
        return fromVersion == 1 ? ConfigMigrations.rename(config, "imageShape", "inputShape") : List.of();
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof PixelCnnConfig config)) {
            throw new IllegalArgumentException("the pixelcnn family needs a PixelCnnConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        int height = config.inputShape().get(0);
        int width = config.inputShape().get(1);
        int channels = config.inputShape().get(2);
        int classes = config.numClasses();
        PixelCnnInputEncoding encoding = config.inputEncoding();
        PixelNetwork network = config.variant() == PixelCnnVariant.GATED
                ? new GatedPixelCnnNetwork(channels, config.numLevels(), config.hiddenChannels(), config.numLayers(), classes,
                        encoding)
                : new PixelCnnNetwork(channels, config.numLevels(), config.hiddenChannels(), config.residualChannels(),
                        config.numLayers(), classes, encoding);
        int inputChannels = encoding == PixelCnnInputEncoding.ONE_HOT
                ? Math.multiplyExact(channels, config.numLevels()) : channels;
        Shape images = new Shape(1, inputChannels, height, width);
        rng.seedEngine(manager);
        if (classes > 0) {
            network.initialize(manager, DataType.FLOAT32, images, new Shape(1, classes));
            return new ConditionalPixelCnn(config, manager, network);
        }
        network.initialize(manager, DataType.FLOAT32, images);
        return new PixelCnn(config, manager, network);
    }

    /**
     * Exact. Both variants read {@code channels} (or {@code channels x numLevels} one-hot) input
     * channels and end in two 1x1 convolutions to {@code channels x numLevels} logits. The
     * PixelCNN has a 7x7 masked convolution, then {@code numLayers - 1} residual blocks (1x1 down
     * to {@code residualChannels}, 3x3 masked, 1x1 up); the gated PixelCNN {@code numLayers} gated
     * layers, each a vertical and a horizontal stack convolution to {@code 2 x hiddenChannels}, a
     * 1x1 link and a 1x1 horizontal output. A conditional model adds a class-bias table of
     * {@code numClasses x channels} per conditioned layer.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        return Optional.of(tally((PixelCnnConfig) modelConfig, field -> "model." + field).estimate());
    }

    /**
     * The parameters of {@code config}'s network, each of its fields named by {@code path} (a
     * VQ-VAE names its prior's fields after its own, e.g. {@code hiddenChannels} as
     * {@code model.priorChannels}).
     */
    public static ParameterTally tally(PixelCnnConfig config, UnaryOperator<String> path) {
        int channels = config.inputShape().get(2);
        int classes = config.numClasses();
        long levels = config.numLevels();
        long hidden = config.hiddenChannels();
        long in = config.inputEncoding() == PixelCnnInputEncoding.ONE_HOT ? channels * levels : channels;
        String inWhat = ParameterTally.image(path.apply("inputShape"), config.inputShape())
                + (in == channels ? "" : " x " + ParameterTally.field(path.apply("numLevels"), levels));
        String hiddenWhat = ParameterTally.field(path.apply("hiddenChannels"), hidden);
        String classWhat = ParameterTally.field(path.apply("numClasses"), classes);
        ParameterTally tally = new ParameterTally();
        if (config.variant() == PixelCnnVariant.GATED) {
            for (int i = 0; i < config.numLayers(); i++) {
                boolean first = i == 0;
                long k = first ? GatedPixelCnnNetwork.FIRST_KERNEL : GatedPixelCnnNetwork.LAYER_KERNEL;
                long span = first ? k / 2 : k / 2 + 1;
                long layerIn = first ? in : hidden;
                String layerInWhat = first ? inWhat : hiddenWhat;
                tally.conv(layerIn, layerInWhat, 2 * hidden, "2 x " + hiddenWhat, span, k);
                tally.conv(layerIn, layerInWhat, 2 * hidden, "2 x " + hiddenWhat, 1, span);
                tally.conv(2 * hidden, "2 x " + hiddenWhat, 2 * hidden, "2 x " + hiddenWhat, 1, 1);
                tally.conv(hidden, hiddenWhat, hidden, hiddenWhat, 1, 1);
                if (classes > 0) {
                    tally.add(2 * classes * 2 * hidden, classWhat + " x 2 x " + hiddenWhat);
                }
            }
        } else {
            long residual = config.residualChannels();
            String residualWhat = ParameterTally.field(path.apply("residualChannels"), residual);
            long k = PixelCnnNetwork.FIRST_KERNEL;
            tally.conv(in, inWhat, hidden, hiddenWhat, k, k);
            if (classes > 0) {
                tally.add(classes * hidden, classWhat + " x " + hiddenWhat);
            }
            for (int i = 1; i < config.numLayers(); i++) {
                tally.conv(hidden, hiddenWhat, residual, residualWhat, 1, 1);
                tally.conv(residual, residualWhat, residual, residualWhat, PixelCnnNetwork.BLOCK_KERNEL,
                        PixelCnnNetwork.BLOCK_KERNEL);
                tally.conv(residual, residualWhat, hidden, hiddenWhat, 1, 1);
                if (classes > 0) {
                    tally.add(classes * residual, classWhat + " x " + residualWhat);
                }
            }
        }
        tally.conv(hidden, hiddenWhat, hidden, hiddenWhat, 1, 1);
        tally.conv(hidden, hiddenWhat, channels * levels, ParameterTally.field(path.apply("numLevels"), levels)
                + " logits x " + channels + " channels", 1, 1);
        return tally;
    }
}
