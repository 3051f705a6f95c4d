package io.artifex.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeArchiveTest {

    private static VaeConfig smallConfig() {
        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 8, List.of(32), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 8, List.of(28, 28, 1), List.of(32), ActivationType.RELU);
        return new VaeConfig("small", encoder, decoder, EncoderType.DENSE, 1.0);
    }

    @Test
    void savedModelGeneratesTheSameSamplesInAFreshJvm(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("model");
        float[] expected;
        try (GenerativeModel model = Models.create(smallConfig(), 7L);
             NDManager scope = NDManager.newBaseManager()) {
            ModelArchive.save(model, archive);
            expected = model.generate(4, scope, new Rng(99)).toFloatArray();
        }
        Path output = dir.resolve("samples.bin");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                GenerateFromArchive.class.getName(), archive.toString(), "99", output.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        float[] actual;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(output))) {
            actual = new float[in.readInt()];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = in.readFloat();
            }
        }
        assertThat(actual).hasSize(4 * 784).containsExactly(expected);
    }

    @Test
    void loadedParametersReplaceTheFreshInitialisation(@TempDir Path dir) {
        try (GenerativeModel model = Models.create(smallConfig(), 1L);
             NDManager scope = NDManager.newBaseManager()) {
            ModelArchive.save(model, dir);
            float[] original = model.generate(2, scope, new Rng(5)).toFloatArray();
            try (GenerativeModel other = Models.create(smallConfig(), 2L)) {
                assertThat(other.generate(2, scope, new Rng(5)).toFloatArray()).isNotEqualTo(original);
            }
            try (GenerativeModel loaded = ModelArchive.load(dir, scope.newSubManager(), 2L)) {
                assertThat(loaded).isInstanceOf(Vae.class);
                assertThat(loaded.generate(2, scope, new Rng(5)).toFloatArray()).containsExactly(original);
            }
        }
    }
}
