package io.artifex.models.gan;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import java.util.List;

/** Configs shared by the GAN tests. */
final class GanFixtures {

    private GanFixtures() {
    }

    /** The seed's example: builds reference network #2. */
    static DcganConfig seedDcgan() {
        ConvGeneratorConfig g = new ConvGeneratorConfig("generator", 100, List.of(512, 256, 128, 64),
                List.of(28, 28, 1), List.of(4, 4), List.of(2, 2), Padding.SAME, ActivationType.RELU);
        ConvDiscriminatorConfig d = new ConvDiscriminatorConfig("discriminator", List.of(64, 128, 256, 512),
                List.of(28, 28, 1), List.of(4, 4), List.of(2, 2), Padding.SAME, ActivationType.LEAKY_RELU);
        return new DcganConfig("dcgan", g, d);
    }

    /** A tiny DCGAN on 1 x 12 x 12 images (sizes 3 -> 6 -> 12 in G, 12 -> 6 -> 3 in D). */
    static DcganConfig tinyDcgan(GanLoss loss, boolean batchNorm, boolean spectral, int classes, double r1) {
        ConvGeneratorConfig g = ConvGeneratorConfig.builder().name("g").latentDim(8).hiddenDims(List.of(16, 8, 4))
                .outputShape(List.of(12, 12, 1)).batchNorm(batchNorm).build();
        ConvDiscriminatorConfig d = ConvDiscriminatorConfig.builder().name("d").hiddenDims(List.of(4, 8))
                .inputShape(List.of(12, 12, 1)).batchNorm(batchNorm).spectralNorm(spectral).build();
        return DcganConfig.builder().name("tiny").generator(g).discriminator(d).loss(loss).r1Weight(r1).nCritic(1)
                .numClasses(classes).build();
    }

    static MlpGanConfig mlp(GanLoss loss, ActivationType act, int nCritic, int classes, boolean spectral) {
        return MlpGanConfig.builder().name("mlp").latentDim(4).dataDim(2).generatorHiddenDims(List.of(32, 32))
                .discriminatorHiddenDims(List.of(32, 32)).activation(act).loss(loss).nCritic(nCritic)
                .numClasses(classes).spectralNorm(spectral).build();
    }

    static GenerativeModel create(Object config, NDManager manager, long seed) {
        return ModelRegistry.defaultRegistry().create((io.artifex.core.config.ModelConfig) config,
                manager, new Rng(seed));
    }
}
