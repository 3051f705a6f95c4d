package io.artifex.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.ConditionalPreviewSampling;
import io.artifex.core.model.HeldOutMeasures;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.ImportanceWeightedLikelihood;
import io.artifex.core.model.LatentEncoder;
import io.artifex.core.model.LatentGenerator;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.model.TextGeneration;
import io.artifex.core.registry.Models;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which capability each model the library builds implements: the Java form of the concept guide's
 * comparison matrix (latent space: VAE, GAN, flow; exact likelihood: flow, autoregressive), as
 * documented in docs/architecture.md. A change to any row must be deliberate.
 */
class CapabilityMatrixTest {

    private static final List<Class<?>> CAPABILITIES = List.of(LatentGenerator.class, LatentEncoder.class,
            LikelihoodModel.class, ImportanceWeightedLikelihood.class, ConditionalModel.class, PreviewSampling.class,
            ConditionalPreviewSampling.class, HeldOutMeasures.class, TextGeneration.class);

    private static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("vae", Set.of("LatentGenerator", "LatentEncoder", "LikelihoodModel", "ImportanceWeightedLikelihood"));
        EXPECTED.put("vae-conditional", Set.of("ConditionalModel", "LikelihoodModel", "ImportanceWeightedLikelihood"));
        EXPECTED.put("dcgan", Set.of("LatentGenerator"));
        EXPECTED.put("dcgan-conditional", Set.of("ConditionalModel"));
        EXPECTED.put("mlp-gan", Set.of("LatentGenerator"));
        EXPECTED.put("mlp-gan-conditional", Set.of("ConditionalModel"));
        EXPECTED.put("ddpm", Set.of("PreviewSampling"));
        EXPECTED.put("ddpm-conditional", Set.of("PreviewSampling", "ConditionalModel", "ConditionalPreviewSampling"));
        EXPECTED.put("mlp-diffusion", Set.of("PreviewSampling"));
        EXPECTED.put("realnvp", Set.of("LatentGenerator", "LatentEncoder", "LikelihoodModel"));
        EXPECTED.put("maf", Set.of("LatentGenerator", "LatentEncoder", "LikelihoodModel"));
        EXPECTED.put("glow", Set.of("LatentGenerator", "LatentEncoder", "LikelihoodModel"));
        EXPECTED.put("ebm", Set.of());
        EXPECTED.put("pixelcnn", Set.of("LikelihoodModel"));
        EXPECTED.put("pixelcnn-conditional", Set.of("LikelihoodModel", "ConditionalModel"));
        EXPECTED.put("transformer", Set.of("LikelihoodModel", "TextGeneration"));
        EXPECTED.put("wavenet", Set.of("LikelihoodModel"));
        EXPECTED.put("wavenet-conditional", Set.of("LikelihoodModel", "ConditionalModel"));
        EXPECTED.put("vqvae", Set.of("HeldOutMeasures"));
    }

    @Test
    void everyModelImplementsExactlyTheCapabilitiesOfTheMatrix() {
        List<String> covered = new ArrayList<>();
        for (String name : TinyModels.names()) {
            try (GenerativeModel model = Models.create(TinyModels.config(name), 0)) {
                Set<String> actual = new TreeSet<>();
                for (Class<?> capability : CAPABILITIES) {
                    if (capability.isInstance(model)) {
                        actual.add(capability.getSimpleName());
                    }
                }
                assertThat(actual).as("capabilities of %s (%s)", name, model.getClass().getSimpleName())
                        .isEqualTo(new TreeSet<>(EXPECTED.getOrDefault(name, Set.of("(no row in the matrix)"))));
                covered.add(name);
            }
        }
        assertThat(covered).as("every row of the matrix is checked").containsExactlyElementsOf(EXPECTED.keySet());
    }

    @Test
    void likelihoodIsExactForFlowsAndPixelCnnAndABoundForTheVae() {
        for (String name : List.of("vae", "realnvp", "maf", "glow", "pixelcnn", "transformer", "wavenet")) {
            try (GenerativeModel model = Models.create(TinyModels.config(name), 0)) {
                assertThat(((LikelihoodModel) model).isExact()).as(name).isEqualTo(!name.equals("vae"));
            }
        }
    }
}
