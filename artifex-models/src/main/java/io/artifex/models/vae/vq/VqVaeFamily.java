package io.artifex.models.vae.vq;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import io.artifex.models.autoregressive.PixelCnn;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.autoregressive.PixelCnnFamily;
import io.artifex.models.autoregressive.PixelCnnVariant;
import java.util.List;

/**
 * The VQ-VAE family (type id {@code vqvae}): builds a {@link VqVae} from a {@link VqVaeConfig},
 * with, when {@code priorChannels > 0}, a Gated PixelCNN prior built by the autoregressive
 * family on the {@code (H/4, W/4, 1)} code grid with K levels (read one-hot or as intensities, per
 * {@code priorInputEncoding}). Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class VqVaeFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "vqvae";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return VqVaeConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof VqVaeConfig config)) {
            throw new IllegalArgumentException("the vqvae family needs a VqVaeConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        List<Integer> hwc = config.inputShape();
        Shape imageShape = new Shape(hwc.get(2), hwc.get(0), hwc.get(1));
        PixelCnn prior = null;
        if (config.hasPrior()) {
            prior = (PixelCnn) new PixelCnnFamily().create(priorConfig(config), manager, rng.fork("prior"));
        }
        VqVaeNetwork network = new VqVaeNetwork(config, hwc.get(2), prior == null ? null : prior.network());
        rng.seedEngine(manager);
        network.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(imageShape));
        network.quantizer().syncStatisticsToCodebook();
        return new VqVae(config, manager, network, imageShape, prior);
    }

    /**
     * The prior's config: a Gated PixelCNN on the {@code (H/4, W/4, 1)} grid with K levels, reading
     * the codes in the config's {@code priorInputEncoding}.
     */
    static PixelCnnConfig priorConfig(VqVaeConfig config) {
        return PixelCnnConfig.builder().name(config.name() + "-prior")
                .inputShape(List.of(config.gridHeight(), config.gridWidth(), 1))
                .hiddenChannels(config.priorChannels()).numLayers(config.priorLayers())
                .numLevels(config.numEmbeddings()).variant(PixelCnnVariant.GATED)
                .inputEncoding(config.priorInputEncoding()).build();
    }
}
