package io.artifex.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.ModelConfig;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.gan.DcganConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files of schema version 1 read through the families' migrations; version 2 files do not. */
class SchemaMigrationTest {

    /** The seed's DCGAN as schema version 1 wrote it: shapes (channels, height, width). */
    static final String DCGAN_V1 = """
            schemaVersion: 1
            type: dcgan
            name: dcgan
            generator: {name: generator, latentDim: 100, hiddenDims: [512, 256, 128, 64], outputShape: [1, 28, 28],
                        kernelSize: [4, 4], stride: [2, 2], padding: SAME, activation: relu}
            discriminator: {name: discriminator, hiddenDims: [64, 128, 256, 512], inputShape: [1, 28, 28],
                            kernelSize: [4, 4], stride: [2, 2], padding: SAME, activation: leaky_relu}
            """;

    @Test
    void aVersionOneDcganReadsItsShapesAsHeightWidthChannels() {
        DcganConfig read = (DcganConfig) ConfigIO.fromYaml(DCGAN_V1, ModelConfig.class);

        assertThat(read.generator().outputShape()).containsExactly(28, 28, 1);
        assertThat(read.discriminator().inputShape()).containsExactly(28, 28, 1);
        assertThat(read).isEqualTo(SeedConfigs.dcgan());
    }

    @Test
    void aVersionOneNonSquareColourDcganMovesOnlyTheChannels() {
        String v1 = DCGAN_V1.replace("outputShape: [1, 28, 28]", "outputShape: [3, 32, 16]")
                .replace("inputShape: [1, 28, 28]", "inputShape: [3, 32, 16]");

        DcganConfig read = (DcganConfig) ConfigIO.fromYaml(v1, ModelConfig.class);

        assertThat(read.generator().outputShape()).containsExactly(32, 16, 3);
        assertThat(read.discriminator().inputShape()).containsExactly(32, 16, 3);
    }

    @Test
    void aVersionTwoDcganWithChannelsFirstIsRefusedNamingTheField() {
        String v2 = DCGAN_V1.replace("schemaVersion: 1", "schemaVersion: 2");

        assertThatThrownBy(() -> ConfigIO.fromYaml(v2, ModelConfig.class))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("generator.outputShape: looks like (channels, height, width) [1, 28, 28];"
                        + " (height, width, channels) expected, e.g. [28, 28, 1]")
                .hasMessageContaining("discriminator.inputShape: looks like (channels, height, width) [1, 28, 28];"
                        + " (height, width, channels) expected, e.g. [28, 28, 1]");
    }

    @Test
    void aVersionOnePixelCnnReadsImageShapeAsInputShape() {
        String v1 = """
                schemaVersion: 1
                type: pixelcnn
                name: pixelcnn
                imageShape: [28, 28, 1]
                hiddenChannels: 64
                numLayers: 8
                """;

        PixelCnnConfig read = (PixelCnnConfig) ConfigIO.fromYaml(v1, ModelConfig.class);

        assertThat(read).isEqualTo(SeedConfigs.pixelCnn());
        assertThatThrownBy(() -> ConfigIO.fromYaml(v1.replace("schemaVersion: 1", "schemaVersion: 2"),
                ModelConfig.class))
                .hasMessageStartingWith("<yaml text>: unknown field 'imageShape' at imageShape; known fields of"
                        + " PixelCnnConfig: ");
    }

    @Test
    void aModelNestedInAVersionOneExperimentIsMigratedToo() {
        String v1 = """
                schemaVersion: 1
                name: run
                model:
                  type: dcgan
                  name: dcgan
                  generator: {name: generator, latentDim: 100, hiddenDims: [512, 256, 128, 64], outputShape: [1, 28, 28]}
                  discriminator: {name: discriminator, hiddenDims: [64, 128, 256, 512], inputShape: [1, 28, 28]}
                data: {dataset: mnist, preprocessing: scale11}
                training:
                  optimizers: {default: {type: adam, learningRate: 2.0e-4}}
                """;

        ExperimentConfig read = ConfigIO.fromYaml(v1, ExperimentConfig.class);

        DcganConfig model = (DcganConfig) read.model();
        assertThat(model.generator().outputShape()).isEqualTo(List.of(28, 28, 1));
        assertThat(model.discriminator().inputShape()).isEqualTo(List.of(28, 28, 1));
    }

    @Test
    void aMigratedConfigWritesBackAsVersionTwoAndReadsUnchanged() {
        ModelConfig read = ConfigIO.fromYaml(DCGAN_V1, ModelConfig.class);
        String written = ConfigIO.toYaml(read);

        assertThat(written).startsWith("schemaVersion: 2\n");
        assertThat(ConfigIO.fromYaml(written, ModelConfig.class)).isEqualTo(read);
    }
}
