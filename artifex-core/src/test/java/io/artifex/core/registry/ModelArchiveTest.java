package io.artifex.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.testfamily.TestLinearConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a model directory and loading it back exactly; damaged archives are named precisely. */
class ModelArchiveTest {

    @TempDir
    Path dir;

    @Test
    void loadRestoresTheSavedParametersNotTheSeedsOnes() throws IOException {
        TestLinearConfig config = new TestLinearConfig("tiny", 4, 3);
        try (GenerativeModel saved = Models.create(config, 1); NDManager manager = NDManager.newBaseManager()) {
            ModelArchive.save(saved, dir);
            assertThat(Files.readString(dir.resolve("config.yaml"))).startsWith("schemaVersion: 2\ntype: test-linear\n");
            assertThat(Files.readString(dir.resolve("checksums.sha256")))
                    .isEqualTo(sha256(dir.resolve("config.yaml")) + "  config.yaml\n"
                            + sha256(dir.resolve("parameters.bin")) + "  parameters.bin\n");
            try (GenerativeModel loaded = ModelArchive.load(dir, manager.newSubManager(), 99)) {
                assertThat(loaded.config()).isEqualTo(config);
                for (String name : new String[] {"weight", "bias"}) {
                    float[] want = saved.network().getParameters().get(name).getArray().toFloatArray();
                    assertThat(loaded.network().getParameters().get(name).getArray().toFloatArray()).containsExactly(want);
                }
            }
        }
    }

    @Test
    void truncatedParametersAreCaughtByTheChecksum() throws IOException {
        saveTiny();
        Path parameters = dir.resolve("parameters.bin");
        byte[] bytes = Files.readAllBytes(parameters);
        Files.write(parameters, Arrays.copyOf(bytes, bytes.length - 5));
        assertLoadFails("checksum mismatch for " + parameters + ": expected ");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        saveTiny();
        Files.delete(dir.resolve("config.yaml"));
        assertLoadFails("model archive file missing: " + dir.resolve("config.yaml"));
        Files.delete(dir.resolve("checksums.sha256"));
        assertLoadFails("model archive file missing: " + dir.resolve("checksums.sha256") + " (the archive is incomplete)");
        assertLoadFails(dir.resolve("nowhere"), "model archive directory not found: " + dir.resolve("nowhere"));
    }

    @Test
    void malformedChecksumFileIsNamed() throws IOException {
        saveTiny();
        Files.writeString(dir.resolve("checksums.sha256"), "abc  config.yaml\n");
        assertLoadFails(dir.resolve("checksums.sha256") + ": line 1 is not '<64 hex digits>  <file name>': abc  config.yaml");
    }

    @Test
    void parametersThatDoNotFitTheConfigAreNamed() throws IOException {
        saveTiny();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("outFeatures: 3", "outFeatures: 5"));
        Files.writeString(dir.resolve("checksums.sha256"), sha256(config) + "  config.yaml\n"
                + sha256(dir.resolve("parameters.bin")) + "  parameters.bin\n");
        assertLoadFails("cannot load parameters from " + dir.resolve("parameters.bin") + " into a 'test-linear' model: "
                + "parameter 'weight' has shape (3, 4) in the file but (5, 4) in the model built from the config");
    }

    private void saveTiny() {
        try (GenerativeModel model = Models.create(new TestLinearConfig("tiny", 4, 3), 1)) {
            ModelArchive.save(model, dir);
        }
    }

    private void assertLoadFails(String messageStart) {
        assertLoadFails(dir, messageStart);
    }

    private static void assertLoadFails(Path archive, String messageStart) {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelArchive.load(archive, manager, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(messageStart);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
