package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.Models;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every example experiment shipped with the CLI reads, validates and builds its reference network. */
class BundledConfigsTest {

    @ParameterizedTest
    @CsvSource({"vae-mnist.yaml, 517904", "dcgan-mnist.yaml, 3923010", "ddpm-mnist.yaml, 509857",
        "ddpm-cond-mnist.yaml, 535345"})
    void bundledExperimentBuildsItsReferenceNetwork(String file, long parameters) throws IOException {
        ExperimentConfig experiment;
        try (InputStream in = BundledConfigsTest.class.getResourceAsStream("/configs/" + file)) {
            assertThat(in).as(file).isNotNull();
            experiment = ConfigIO.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), ExperimentConfig.class);
        }
        try (GenerativeModel model = Models.create(experiment.model(), 0)) {
            assertThat(model.parameterCount()).isEqualTo(parameters);
        }
    }
}
