package io.artifex.spark;

import io.artifex.core.config.ActivationType;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.VaeConfig;
import java.nio.file.Path;

/** Small untrained models saved as archives for the Spark tests (random weights are enough to test plumbing). */
public final class TinyModels {

    private TinyModels() {
    }

    /** A dense VAE of 28x28 grey images (4 latent dimensions, 8 hidden units), conditional when {@code classes > 0}. */
    public static VaeConfig vae(int classes) {
        return VaeConfig.builder().name(classes > 0 ? "tiny_cvae" : "tiny_vae")
                .encoder(EncoderConfig.builder().name("encoder").inputShape(28, 28, 1).latentDim(4).hiddenDims(8)
                        .activation(ActivationType.RELU).build())
                .decoder(DecoderConfig.builder().name("decoder").latentDim(4).outputShape(28, 28, 1).hiddenDims(8)
                        .activation(ActivationType.RELU).build())
                .numClasses(classes).build();
    }

    /** A RealNVP on 2-D points (exact likelihood, no dequantisation). */
    public static RealNvpConfig flow() {
        return RealNvpConfig.builder().name("tiny_flow").inputDim(2).numCouplingLayers(2)
                .couplingNetwork(CouplingNetworkConfig.builder().name("coupling").hiddenDims(8).build())
                .dequantize(false).build();
    }

    /** Creates the model of {@code config} from {@code seed} and saves it in {@code dir}. */
    public static Path save(io.artifex.core.config.ModelConfig config, long seed, Path dir) {
        try (GenerativeModel model = Models.create(config, seed)) {
            ModelArchive.save(model, dir);
        }
        return dir;
    }
}
