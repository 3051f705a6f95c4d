package io.artifex.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.core.config.ConfigCodec.Format;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.core.registry.testfamily.TestLinearConfig;
import io.artifex.core.registry.testfamily.TestLinearFamily;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Reading older schema versions through the migrations the families contribute. */
class ConfigMigrationsTest {

    /** The test family, as if version 1 had called {@code inFeatures} {@code in}. */
    private static final ModelFamily RENAMED_IN_V2 = new ModelFamily() {
        private final TestLinearFamily family = new TestLinearFamily();

        @Override
        public String typeId() {
            return family.typeId();
        }

        @Override
        public Class<? extends ModelConfig> configClass() {
            return family.configClass();
        }

        @Override
        public GenerativeModel create(ModelConfig config, NDManager manager, Rng rng) {
            return family.create(config, manager, rng);
        }

        @Override
        public List<String> migrate(int fromVersion, ObjectNode config) {
            return fromVersion == 1 ? ConfigMigrations.rename(config, "in", "inFeatures") : List.of();
        }
    };

    private final ConfigCodec codec = ModelRegistry.of(List.of(RENAMED_IN_V2)).codec();

    @Test
    void aNestedModelOfAVersionOneExperimentIsMigratedByItsFamilyAndLoggedOnce() {
        String v1 = """
                schemaVersion: 1
                name: run
                model: { type: test-linear, name: t, in: 3, outFeatures: 2 }
                data: { dataset: moons }
                """;
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        Consumer<String> log = ConfigCodec.migrationNotices;
        ExperimentConfig first;
        ExperimentConfig second;
        try {
            ConfigCodec.migrationNotices = notices::add;
            first = codec.read(v1, ExperimentConfig.class, Format.YAML, "run-once.yaml");
            second = codec.read(v1, ExperimentConfig.class, Format.YAML, "run-once.yaml");
        } finally {
            ConfigCodec.migrationNotices = log;
        }

        assertThat(first.model()).isEqualTo(new TestLinearConfig("t", 3, 2));
        assertThat(second).isEqualTo(first);
        List<String> logged = notices.stream()
                .filter(line -> line.startsWith("run-once.yaml: read as schemaVersion 2 from version 1")).toList();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).contains("changes: model.in renamed to inFeatures")
                .contains("write 'schemaVersion: 2'");
    }

    @Test
    void aFamilyWithoutAMigrationReadsVersionOneUnchanged() {
        ConfigCodec plain = ModelRegistry.of(List.of(new TestLinearFamily())).codec();

        ModelConfig read = plain.read("schemaVersion: 1\ntype: test-linear\nname: t\ninFeatures: 4\noutFeatures: 1\n",
                ModelConfig.class, Format.YAML, "plain.yaml");

        assertThat(read).isEqualTo(new TestLinearConfig("t", 4, 1));
    }

    @Test
    void aVersionTwoFileIsNotMigrated() {
        String v2 = "schemaVersion: 2\ntype: test-linear\nname: t\nin: 3\noutFeatures: 2\n";

        assertThatThrownBy(() -> codec.read(v2, ModelConfig.class, Format.YAML, "v2.yaml"))
                .hasMessageStartingWith("v2.yaml: unknown field 'in' at in");
    }

    @Test
    void renameKeepsTheFieldsPlaceAndNeverOverwrites() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = (ObjectNode) mapper.readTree("{\"a\": 1, \"imageShape\": [28, 28, 1], \"b\": 2}");

        assertThat(ConfigMigrations.rename(node, "imageShape", "inputShape"))
                .containsExactly("imageShape renamed to inputShape");
        assertThat(node.toString()).isEqualTo("{\"a\":1,\"inputShape\":[28,28,1],\"b\":2}");

        ObjectNode both = (ObjectNode) mapper.readTree("{\"imageShape\": [1], \"inputShape\": [2]}");
        assertThat(ConfigMigrations.rename(both, "imageShape", "inputShape")).isEmpty();
        assertThat(both.toString()).isEqualTo("{\"imageShape\":[1],\"inputShape\":[2]}");
    }

    @Test
    void channelsFirstToLastMovesTheFirstEntryLastAndLeavesOtherValuesAlone() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = (ObjectNode) mapper.readTree(
                "{\"shape\": [3, 32, 16], \"two\": [1, 28], \"text\": \"x\", \"floats\": [1.5, 2, 3]}");

        assertThat(ConfigMigrations.channelsFirstToLast(node, "shape"))
                .containsExactly("shape: [3, 32, 16] (channels, height, width) -> [32, 16, 3] (height, width, channels)");
        assertThat(ConfigMigrations.channelsFirstToLast(node, "two")).isEmpty();
        assertThat(ConfigMigrations.channelsFirstToLast(node, "text")).isEmpty();
        assertThat(ConfigMigrations.channelsFirstToLast(node, "floats")).isEmpty();
        assertThat(ConfigMigrations.channelsFirstToLast(node, "missing")).isEmpty();
        assertThat(node.toString())
                .isEqualTo("{\"shape\":[32,16,3],\"two\":[1,28],\"text\":\"x\",\"floats\":[1.5,2,3]}");
    }
}
