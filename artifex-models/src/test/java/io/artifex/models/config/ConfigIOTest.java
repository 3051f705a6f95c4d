package io.artifex.models.config;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ModelConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading configs fails loudly and precisely; writing is atomic and readable back. */
class ConfigIOTest {

    private static final String VAE = SeedConfigRoundTripTest.VAE_YAML;

    /** The built-in ids plus the test-only family found on the test class path. */
    private static final String KNOWN = "dcgan, ddpm, ebm, glow, maf, mlp-diffusion, mlp-gan, pixelcnn, realnvp, transformer, vae, vqvae, wavenet";

    @TempDir
    Path dir;

    @Test
    void unknownFieldIsNamedWithItsPathAndTheKnownFields() {
        String yaml = VAE.replace("  latentDim: 128\n  hiddenDims:\n  - 256", "  latentDims: 128\n  hiddenDims:\n  - 256");
        assertThatThrownBy(() -> ConfigIO.fromYaml(yaml, ModelConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<yaml text>: unknown field 'latentDims' at encoder.latentDims; known fields of "
                        + "EncoderConfig: activation, hiddenDims, inputShape, latentDim, name");
    }

    @Test
    void unknownTypeIdListsTheKnownIds() {
        assertThatThrownBy(() -> ConfigIO.fromYaml(VAE.replace("type: vae", "type: gan"), ModelConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<yaml text>: unknown model type 'gan'; known types: " + KNOWN);
    }

    @Test
    void missingTypeIdIsAnError() {
        assertThatThrownBy(() -> ConfigIO.fromYaml(VAE.replace("type: vae\n", ""), ModelConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<yaml text>: missing model type 'type'; known types: " + KNOWN);
    }

    @Test
    void classNamesAreNeverResolved() {
        assertThatThrownBy(() -> ConfigIO.fromYaml(VAE.replace("type: vae", "type: java.lang.ProcessBuilder"),
                ModelConfig.class))
                .hasMessageStartingWith("<yaml text>: unknown model type 'java.lang.ProcessBuilder'; known types: ");
        assertThatThrownBy(() -> ConfigIO.fromYaml(VAE.replace("type: vae", "type: vae\n'@class': java.lang.ProcessBuilder"),
                ModelConfig.class))
                .hasMessageStartingWith("<yaml text>: unknown field '@class' at @class; known fields of VaeConfig: ");
        assertThatThrownBy(() -> ConfigIO.fromYaml(VAE.replace("type: vae", "'@class': java.lang.ProcessBuilder"),
                ModelConfig.class))
                .hasMessageStartingWith("<yaml text>: missing model type 'type'");
        String json = "{\"schemaVersion\": 2, \"type\": [\"java.lang.ProcessBuilder\", {\"command\": [\"sh\"]}]}";
        assertThatThrownBy(() -> ConfigIO.fromJson(json, ModelConfig.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("<json text>: ");
    }

    @Test
    void wrongOrMissingSchemaVersionNamesTheFileAndTheExpectedVersion() throws IOException {
        Path v3 = write("v3.yaml", VAE.replace("schemaVersion: 2", "schemaVersion: 3"));
        assertThatThrownBy(() -> ConfigIO.readModel(v3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(v3 + ": unsupported schemaVersion 3 (written by a newer Artifex; upgrade the library to read"
                        + " it); this version of Artifex reads schemaVersion 1 to 2");
        Path v0 = write("v0.yaml", VAE.replace("schemaVersion: 2", "schemaVersion: 0"));
        assertThatThrownBy(() -> ConfigIO.readModel(v0))
                .hasMessage(v0 + ": unsupported schemaVersion 0; this version of Artifex reads schemaVersion 1 to 2");
        Path none = write("none.yaml", VAE.replace("schemaVersion: 2\n", ""));
        assertThatThrownBy(() -> ConfigIO.readModel(none))
                .hasMessage(none + ": missing schemaVersion; expected 'schemaVersion: 2' at the top of the document");
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() throws IOException {
        Path bad = write("bad.yaml", "schemaVersion: 2\ntype: vae\nencoder: [1, 2\nname: x\n");
        assertThatThrownBy(() -> ConfigIO.readModel(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad + ": malformed YAML at line 4, column 5: expected ',' or ']', but got :");
        Path tabs = write("tabs.yaml", "schemaVersion: 2\ntype: vae\n\tname: x\n");
        assertThatThrownBy(() -> ConfigIO.readModel(tabs))
                .hasMessage(tabs + ": malformed YAML at line 3, column 1: found character '\\t(TAB)' that cannot start any token."
                        + " (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void valuesAreValidatedAfterReadingAndTheErrorNamesTheFile() throws IOException {
        Path file = write("vae.yaml", VAE.replace("  latentDim: 128\n  outputShape", "  latentDim: 64\n  outputShape"));
        assertThatThrownBy(() -> ConfigIO.readModel(file))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessage("invalid VaeConfig 'beta_vae' configuration in " + file
                        + ":\n  - decoder.latentDim: must equal encoder.latentDim (128), got 64");
    }

    @Test
    void badEnumNamesAndNumbersNameTheirPath() {
        assertThatThrownBy(() -> ConfigIO.fromYaml(VAE.replace("encoderType: dense", "encoderType: dens"), ModelConfig.class))
                .hasMessage("<yaml text>: bad value at encoderType: unknown encoder type 'dens'; expected one of dense, conv");
        assertThatThrownBy(() -> ConfigIO.fromYaml(VAE.replace("latentDim: 128\n  hiddenDims:\n  - 256",
                "latentDim: 12.5\n  hiddenDims:\n  - 256"), ModelConfig.class))
                .hasMessageStartingWith("<yaml text>: bad value at encoder.latentDim: ");
    }

    @Test
    void missingOptionalFieldsTakeTheirDefaults() {
        VaeConfig read = ConfigIO.fromYaml(VAE.replace("klWeight: 1.0\nklWarmupSteps: 0\n", ""), VaeConfig.class);
        assertThat(read.klWeight()).isEqualTo(1.0);
        assertThat(read.klWarmupSteps()).isZero();
        assertThat(read).isEqualTo(SeedConfigs.vae());
    }

    @Test
    void filesRoundTripByExtensionAndLeaveNoTemporaryFiles() throws IOException {
        for (String name : new String[] {"m.yaml", "m.yml", "m.json"}) {
            for (ModelConfig config : SeedConfigs.all()) {
                Path file = dir.resolve(name);
                ConfigIO.write(file, config);
                assertThat(ConfigIO.readModel(file)).isEqualTo(config);
            }
        }
        assertThat(Files.readString(dir.resolve("m.json"))).startsWith("{\n  \"schemaVersion\" : 2,\n  \"type\" : \"pixelcnn\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.yaml", "m.yml", "m.json");
        }
    }

    @Test
    void componentRecordsRoundTripToo() {
        EncoderConfig encoder = SeedConfigs.vae().encoder();
        String yaml = ConfigIO.toYaml(encoder);
        assertThat(yaml).startsWith("schemaVersion: 2\nname: encoder\n");
        assertThat(ConfigIO.fromYaml(yaml, EncoderConfig.class)).isEqualTo(encoder);
    }

    @Test
    void badPathsAreRefused() {
        assertThatThrownBy(() -> ConfigIO.readModel(dir.resolve("m.txt")))
                .hasMessage("config file " + dir.resolve("m.txt") + " must end in .yaml, .yml or .json");
        assertThatThrownBy(() -> ConfigIO.readModel(dir.resolve("absent.yaml")))
                .hasMessage("config file not found: " + dir.resolve("absent.yaml"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
