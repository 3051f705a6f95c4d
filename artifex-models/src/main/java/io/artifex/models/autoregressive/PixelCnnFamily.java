package io.artifex.models.autoregressive;

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
}
