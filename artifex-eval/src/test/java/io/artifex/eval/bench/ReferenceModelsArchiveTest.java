package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every benchmark network, one per family and variant, saves into a model archive and loads
 * back with exactly its parameters (a DDPM once could not be saved: a parameterless child
 * block had never been initialised, and DJL refuses to write its metadata).
 */
class ReferenceModelsArchiveTest {

    static Stream<String> ids() {
        return BenchmarkModels.available().ids().stream();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void savesAndLoadsWithTheSameParameters(String id, @TempDir Path dir) {
        BenchmarkModel entry = BenchmarkModels.available().get(id);
        Map<String, float[]> saved = new LinkedHashMap<>();
        try (GenerativeModel model = Models.create(entry.config(), 3L)) {
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                saved.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            ModelArchive.save(model, dir);
        }
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel loaded = ModelArchive.load(dir, manager, 4L)) {
            assertThat(loaded.parameterCount()).isEqualTo(entry.expectedParameters());
            List<Pair<String, Parameter>> parameters = loaded.network().getParameters().stream().toList();
            assertThat(parameters).hasSize(saved.size());
            for (Pair<String, Parameter> p : parameters) {
                // Arrays.equals, not containsExactly: AssertJ's diff of two large arrays takes minutes
                assertThat(Arrays.equals(p.getValue().getArray().toFloatArray(), saved.get(p.getKey())))
                        .as("%s parameter %s equals the saved one", id, p.getKey()).isTrue();
            }
        }
    }
}
