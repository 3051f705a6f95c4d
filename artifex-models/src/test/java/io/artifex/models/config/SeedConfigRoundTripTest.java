package io.artifex.models.config;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.config.ModelConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.models.vae.VaeConfig;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed's six example configs are valid, and survive YAML and JSON unchanged. */
class SeedConfigRoundTripTest {

    static Stream<ModelConfig> seedConfigs() {
        return SeedConfigs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedConfigs")
    void seedExampleIsValid(ModelConfig config) {
        assertThat(ConfigValidator.violations(config)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedConfigs")
    void roundTripsThroughYaml(ModelConfig config) {
        String yaml = ConfigIO.toYaml(config);
        assertThat(yaml).startsWith("schemaVersion: 2\ntype: ");
        ModelConfig back = ConfigIO.fromYaml(yaml, ModelConfig.class);
        assertThat(back).isEqualTo(config).isExactlyInstanceOf(config.getClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedConfigs")
    void roundTripsThroughJson(ModelConfig config) {
        String json = ConfigIO.toJson(config);
        assertThat(json).contains("\"schemaVersion\" : 2");
        ModelConfig back = ConfigIO.fromJson(json, ModelConfig.class);
        assertThat(back).isEqualTo(config).isExactlyInstanceOf(config.getClass());
    }

    @Test
    void vaeExampleWritesThisYaml() {
        assertThat(ConfigIO.toYaml(SeedConfigs.vae())).isEqualTo(VAE_YAML);
        assertThat(ConfigIO.fromYaml(VAE_YAML, VaeConfig.class)).isEqualTo(SeedConfigs.vae());
    }

    @Test
    void seedDefaultsAreFilledIn() {
        assertThat(SeedConfigs.dcgan().discriminator().batchNorm()).isTrue();
        assertThat(SeedConfigs.dcgan().generator().outputActivation()).isEqualTo(ActivationType.TANH);
        assertThat(SeedConfigs.ddpm().backbone().attentionResolutions()).containsExactly(14);
        assertThat(SeedConfigs.ddpm().noiseSchedule().betaEnd()).isEqualTo(0.02);
        assertThat(SeedConfigs.ebm().energyNetwork().activation()).isEqualTo(ActivationType.SILU);
        assertThat(SeedConfigs.pixelCnn().residualChannels()).isEqualTo(32);
        assertThat(SeedConfigs.realNvp().logitAlpha()).isEqualTo(0.05);
    }

    static final String VAE_YAML = """
            schemaVersion: 2
            type: vae
            name: beta_vae
            encoder:
              name: encoder
              inputShape:
              - 28
              - 28
              - 1
              latentDim: 128
              hiddenDims:
              - 256
              - 128
              activation: relu
            decoder:
              name: decoder
              latentDim: 128
              outputShape:
              - 28
              - 28
              - 1
              hiddenDims:
              - 128
              - 256
              activation: relu
            encoderType: dense
            klWeight: 1.0
            klWarmupSteps: 0
            likelihood: bernoulli
            gaussianStd: 1.0
            numClasses: 0
            """;
}
