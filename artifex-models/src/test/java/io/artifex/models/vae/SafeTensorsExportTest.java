package io.artifex.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.io.SafeTensors;
import io.artifex.core.io.SafeTensorsExport;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsExportTest {

    private static VaeConfig convVae() {
        return VaeConfig.builder().name("small")
                .encoder(EncoderConfig.builder().name("encoder").inputShape(28, 28, 1).latentDim(4).hiddenDims(8, 16).build())
                .decoder(DecoderConfig.builder().name("decoder").latentDim(4).outputShape(28, 28, 1).hiddenDims(16, 8).build())
                .encoderType(EncoderType.CONV).build();
    }

    @Test
    void exportedWeightsLoadIntoAModelWithAnotherSeedAndGiveTheSameSamples(@TempDir Path dir) {
        try (GenerativeModel model = Models.create(convVae(), 1L);
             NDManager scope = NDManager.newBaseManager()) {
            Path weights = SafeTensorsExport.save(model, dir);
            assertThat(dir.resolve("config.yaml")).isRegularFile();
            float[] original = model.generate(3, scope, new Rng(5)).toFloatArray();
            try (GenerativeModel other = Models.create(convVae(), 2L)) {
                assertThat(other.generate(3, scope, new Rng(5)).toFloatArray()).isNotEqualTo(original);
            }
            // PyTorch-style names: the network's named children, dotted, with DJL's numbering removed
            Map<String, NDArray> tensors = SafeTensors.read(weights, scope).tensors();
            assertThat(tensors).containsKeys("encoder.conv0.weight", "encoder.conv0.bias", "encoder.head.weight",
                    "decoder.project.weight");
            assertThat(tensors.keySet()).allMatch(k -> k.matches("[a-z_0-9]+(\\.[A-Za-z_0-9]+)+"));
            try (GenerativeModel loaded = SafeTensorsExport.load(dir, scope.newSubManager(), 2L)) {
                assertThat(loaded).isInstanceOf(Vae.class);
                assertThat(loaded.generate(3, scope, new Rng(5)).toFloatArray()).containsExactly(original);
            }
        }
    }

    @Test
    void aTensorWithTheWrongShapeOrAMissingOneIsRefusedByName(@TempDir Path dir) throws Exception {
        try (GenerativeModel model = Models.create(convVae(), 1L);
             NDManager scope = NDManager.newBaseManager()) {
            Path weights = SafeTensorsExport.save(model, dir);
            Map<String, NDArray> tensors = new LinkedHashMap<>(SafeTensors.read(weights, scope).tensors());
            tensors.put("encoder.head.bias", scope.zeros(new ai.djl.ndarray.types.Shape(3)));
            SafeTensors.write(weights, tensors, Map.of());
            assertThatThrownBy(() -> SafeTensorsExport.load(dir, scope.newSubManager(), 2L))
                    .hasMessageContaining(weights.toString())
                    .hasMessageContaining("tensor 'encoder.head.bias' is float32 (3) but the model's parameter is float32 (8)");
            tensors.remove("encoder.head.bias");
            SafeTensors.write(weights, tensors, Map.of());
            assertThatThrownBy(() -> SafeTensorsExport.load(dir, scope.newSubManager(), 2L))
                    .hasMessageContaining("tensor 'encoder.head.bias' is missing");
            Files.delete(weights);
            assertThatThrownBy(() -> SafeTensorsExport.load(dir, scope.newSubManager(), 2L))
                    .hasMessageContaining("safetensors file not found: " + weights);
        }
    }
}
