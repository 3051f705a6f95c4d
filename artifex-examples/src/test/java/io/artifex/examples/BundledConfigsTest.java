package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example experiment shipped with the CLI reads, validates, builds its reference network
 * and trains; together they cover every registered family. Planted bugs these catch: a shipped
 * config that no longer reads or trains (a renamed field, a data set the model refuses), and a
 * family added to the registry with no shipped config.
 */
class BundledConfigsTest {

    /** The shipped configs, as the docs print their paths (relative to the repository root). */
    static final Path CONFIGS = Path.of("src/main/resources/configs");

    static Stream<String> shippedConfigs() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .sorted().toList().stream();
        }
    }

    private static ExperimentConfig bundled(String file) throws IOException {
        try (InputStream in = BundledConfigsTest.class.getResourceAsStream("/configs/" + file)) {
            assertThat(in).as(file).isNotNull();
            return ConfigIO.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), ExperimentConfig.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"vae-mnist.yaml, 517904", "dcgan-mnist.yaml, 3923010", "ddpm-mnist.yaml, 509857",
        "ddpm-cond-mnist.yaml, 535345", "realnvp-mnist.yaml, 5357824", "glow-mnist.yaml, 103384",
        "ebm-mnist.yaml, 267009", "pixelcnn-mnist.yaml, 118080", "gated-pixelcnn-mnist.yaml, 650048",
        "transformer-text.yaml, 4273664", "wavenet-audio.yaml, 139808"})
    void bundledExperimentBuildsItsReferenceNetwork(String file, long parameters) throws IOException {
        try (GenerativeModel model = Models.create(bundled(file).model(), 0)) {
            assertThat(model.parameterCount()).isEqualTo(parameters);
        }
    }

    /**
     * Each shipped config trains for two steps (batch 8) on its own data, with finite losses. The
     * steps run without a validation source, so a config's early stopping on validation loss is
     * switched off for them ({@code artifex train} validates on the test split).
     */
    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void everyShippedConfigTrainsForTwoSteps(String file) throws IOException {
        ExperimentConfig experiment = bundled(file);
        TrainerConfig trainer = experiment.training().toBuilder().batchSize(8).maxSteps(2L)
                .earlyStopping(EarlyStoppingConfig.disabled()).build();
        try (GenerativeModel model = Models.create(experiment.model(), 0)) {
            BatchSource train = DataSources.train(model.dataContract().resolve(experiment.data()), 8, 0);
            TrainingResult result = new Trainer(trainer).fit(model, train, null);
            assertThat(result.steps()).as(file).isEqualTo(2);
            assertThat(result.stepHistory()).allSatisfy(m -> assertThat(m.loss()).as(file).isFinite());
        }
    }

    @Test
    void everyRegisteredFamilyHasAShippedConfig() throws IOException {
        Set<String> shipped = new TreeSet<>();
        for (String file : shippedConfigs().toList()) {
            shipped.add(ModelRegistry.defaultRegistry().typeIdOf(bundled(file).model()));
        }
        // the MLP variants are the same families' toy-data forms (2-D points), covered by the
        // families' own tests; every family of images and vectors has a config to start from
        Set<String> families = new TreeSet<>(ModelRegistry.defaultRegistry().typeIds());
        families.removeAll(List.of("mlp-gan", "mlp-diffusion", "gaussian-1d"));
        assertThat(shipped).containsAll(families);
    }
}
