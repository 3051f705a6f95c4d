package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema version 2 and the migration from version 1: every shipped config and every config
 * document in the docs is written as version 2, and its version-1 form reads to the same
 * records. The shipped configs' version-1 forms are the files as they were shipped
 * ({@code src/test/resources/configs-v1}); the docs' are derived here by undoing the version-2
 * changes by hand, independently of the library's migration code.
 */
class ConfigSchemaMigrationTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern FENCED_YAML = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVA_TEXT_BLOCK = Pattern.compile("\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL);

    @ParameterizedTest
    @ValueSource(strings = {"vae-mnist.yaml", "dcgan-mnist.yaml", "ddpm-mnist.yaml", "ddpm-cond-mnist.yaml"})
    void theVersionOneOriginalOfEachShippedConfigReadsAsTheShippedVersionTwo(String file) throws IOException {
        String v2 = resource("/configs/" + file);
        String v1 = resource("/configs-v1/" + file);
        assertThat(version(v2)).isEqualTo(2);
        assertThat(version(v1)).isEqualTo(1);

        assertThat(ConfigIO.fromYaml(v1, ExperimentConfig.class)).isEqualTo(ConfigIO.fromYaml(v2, ExperimentConfig.class));
    }

    @Test
    void theShippedDcganMovedItsChannelsLast() throws IOException {
        ExperimentConfig v1 = ConfigIO.fromYaml(resource("/configs-v1/dcgan-mnist.yaml"), ExperimentConfig.class);
        assertThat(resource("/configs-v1/dcgan-mnist.yaml")).contains("outputShape: [1, 28, 28]");
        assertThat(resource("/configs/dcgan-mnist.yaml")).contains("outputShape: [28, 28, 1]")
                .doesNotContain("[1, 28, 28]");
        assertThat(ConfigIO.toYaml(v1.model())).contains("outputShape:\n  - 28\n  - 28\n  - 1\n");
    }

    static Stream<Arguments> docsConfigDocuments() throws IOException {
        List<Arguments> found = new ArrayList<>();
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            String text = Files.readString(page);
            List<String> documents = new ArrayList<>();
            Matcher yaml = FENCED_YAML.matcher(text);
            while (yaml.find()) {
                documents.add(yaml.group(1));
            }
            Matcher block = JAVA_TEXT_BLOCK.matcher(text);
            while (block.find()) {
                documents.add(block.group(1).stripIndent());
            }
            for (String document : documents) {
                if (document.lines().anyMatch(line -> line.startsWith("schemaVersion:"))) {
                    found.add(Arguments.of(root.relativize(page) + " at offset " + text.indexOf(document.lines()
                            .findFirst().orElseThrow().strip()), document));
                }
            }
        }
        return found.stream();
    }

    @Test
    void theDocsHoldConfigDocumentsToCheck() throws IOException {
        assertThat(docsConfigDocuments().count()).isGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docsConfigDocuments")
    void eachConfigDocumentInTheDocsIsVersionTwoAndItsVersionOneFormReadsTheSame(String where, String v2)
            throws IOException {
        assertThat(version(v2)).as(where).isEqualTo(2);
        Class<?> type = typeOf((ObjectNode) YAML.readTree(v2));
        String v1 = versionOne(v2);

        Object expected = ConfigIO.fromYaml(v2, type);
        assertThat(ConfigIO.fromYaml(v1, type)).as(where).isEqualTo(expected);
    }

    /** Which record a document describes, by its top-level fields. */
    private static Class<?> typeOf(ObjectNode document) {
        if (document.has("type")) {
            return ModelConfig.class;
        }
        if (document.has("model")) {
            return ExperimentConfig.class;
        }
        if (document.has("optimizers") || document.has("epochs")) {
            return TrainerConfig.class;
        }
        if (document.has("dataset")) {
            return DataConfig.class;
        }
        throw new AssertionError("cannot tell which config this document is: " + document);
    }

    /**
     * The document as schema version 1 wrote it: the version number, PixelCNN's
     * {@code imageShape}, and DCGAN's (channels, height, width) shapes.
     */
    private static String versionOne(String v2) throws IOException {
        ObjectNode document = (ObjectNode) YAML.readTree(v2);
        undo(document);
        document.put("schemaVersion", 1);
        return YAML.writeValueAsString(document);
    }

    private static void undo(JsonNode node) {
        if (node instanceof ObjectNode object) {
            String type = object.path("type").asText("");
            if (type.equals("pixelcnn") && object.has("inputShape")) {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                object.properties().forEach(f -> fields.put(f.getKey().equals("inputShape") ? "imageShape" : f.getKey(),
                        f.getValue()));
                object.removeAll();
                object.setAll(fields);
            }
            if (type.equals("dcgan")) {
                channelsFirst(object.path("generator"), "outputShape");
                channelsFirst(object.path("discriminator"), "inputShape");
            }
            object.properties().forEach(f -> undo(f.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(ConfigSchemaMigrationTest::undo);
        }
    }

    private static void channelsFirst(JsonNode network, String field) {
        if (network instanceof ObjectNode object && object.get(field) instanceof ArrayNode hwc && hwc.size() == 3) {
            ArrayNode chw = JsonNodeFactory.instance.arrayNode();
            chw.add(hwc.get(2)).add(hwc.get(0)).add(hwc.get(1));
            object.set(field, chw);
        }
    }

    private static int version(String document) throws IOException {
        return YAML.readTree(document).path("schemaVersion").asInt(-1);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigSchemaMigrationTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
