package io.artifex.models.vae.vq;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
import java.util.Map;
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

    /**
     * Exact: the encoder's two 4x4 stride-2 convolutions (to {@code hiddenChannels / 2}, then
     * {@code hiddenChannels}), a 3x3 one, the residual stack (per block a 3x3 convolution to
     * {@code residualChannels} and a 1x1 one back) and a 1x1 convolution to {@code embeddingDim};
     * the codebook ({@code numEmbeddings x embeddingDim}); the decoder's 1x1 convolution, residual
     * stack and two 4x4 transposed convolutions; and the gated PixelCNN prior on the code grid
     * when {@code priorChannels > 0}. The codebook's running statistics are counted as buffers.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        VqVaeConfig config = (VqVaeConfig) modelConfig;
        long h = config.hiddenChannels();
        long half = h / 2;
        long r = config.residualChannels();
        long codes = config.numEmbeddings();
        long dim = config.embeddingDim();
        long c = config.inputShape().get(2);
        String image = ParameterTally.image("model.inputShape", config.inputShape());
        String hidden = ParameterTally.field("model.hiddenChannels", h);
        String residual = ParameterTally.field("model.residualChannels", r);
        String embedding = ParameterTally.field("model.embeddingDim", dim);
        String codebook = ParameterTally.field("model.numEmbeddings", codes) + " x " + embedding;
        ParameterTally tally = new ParameterTally();
        tally.conv(c, image, half, hidden + " / 2", 4, 4);
        tally.conv(half, hidden + " / 2", h, hidden, 4, 4);
        tally.conv(h, hidden, h, hidden, 3, 3);
        for (int stack = 0; stack < 2; stack++) {
            for (int i = 0; i < config.numResidualBlocks(); i++) {
                tally.conv(h, hidden, r, residual, 3, 3);
                tally.conv(r, residual, h, hidden, 1, 1);
            }
        }
        tally.conv(h, hidden, dim, embedding, 1, 1);
        tally.add(codes * dim, codebook);
        tally.buffer(codes * dim + codes + 1, "the running statistics of " + codebook);
        tally.conv(dim, embedding, h, hidden, 1, 1);
        tally.conv(h, hidden, half, hidden + " / 2", 4, 4);
        tally.conv(half, hidden + " / 2", c, image, 4, 4);
        if (config.hasPrior()) {
            Map<String, String> names = Map.of("inputShape", "model.inputShape (its code grid)",
                    "hiddenChannels", "model.priorChannels", "numLevels", "model.numEmbeddings",
                    "numClasses", "model.numClasses", "residualChannels", "model.residualChannels");
            tally.addAll(PixelCnnFamily.tally(priorConfig(config), names::get));
        }
        return Optional.of(tally.estimate());
    }
}
