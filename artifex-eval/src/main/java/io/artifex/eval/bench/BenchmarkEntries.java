package io.artifex.eval.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.artifex.core.config.ConfigCodec;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reads benchmark entry files. An entry is one YAML document; its model, data and training
 * sections use the schema of the library's config files and are read through the registry's
 * {@link ConfigCodec} (so the file names families by type id, never by class, and older schema
 * versions are read the way every config file is). Everything else is the protocol's:
 *
 * <pre>
 * schemaVersion: 1
 * id: vae                        # the command-line id; the file is vae.yaml
 * description: VAE (dense 784-256-128, latent 128, Bernoulli), reference network #1
 * specNetwork: 1                 # the spec's reference network number; omitted for variants
 * parameters: 517904             # the pinned parameter count of the built network
 * model: { type: vae, ... }      # a model config, as ConfigIO writes it
 * data: { dataset: mnist, preprocessing: binarize }
 * training:                      # a trainer config without epochs, maxSteps, batchSize, seed,
 *   optimizers:                  # validateEvery: the harness sets those
 *     default: { type: adam, learningRate: 0.001, gradientClipNorm: 100.0 }
 * sampling:                      # the timed workloads
 *   - { name: prior, samples: 64, description: 64 latent codes decoded }
 * quality:
 *   budget: "{epochs} epochs over ..."
 *   likelihood: importance-weighted     # none (default), bits-per-dim, importance-weighted, tokens
 *   sampleSets:
 *     - { name: sample, randomStream: samples }
 * </pre>
 *
 * Workloads and sample sets take the options of {@link Sampler} ({@code sampler},
 * {@code labels}, {@code guidanceScale}, {@code truncation}, {@code start}); a workload also takes
 * {@code maxRepeats}, a sample set {@code count: slow} and {@code randomStream}. The quality
 * section also takes {@code randomStream} (default {@code <id>-quality}), {@code gridSamples}
 * and {@code modelOverrides} (merged into the model section for the quality run). Every error
 * names the file and the field.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class BenchmarkEntries {

    /** The extension of entry files. */
    public static final String EXTENSION = ".yaml";

    private static final Set<String> TOP = Set.of(ConfigCodec.SCHEMA_VERSION_FIELD, "id", "description", "specNetwork",
            "parameters", "model", "data", "training", "sampling", "quality");
    private static final Set<String> SET_BY_HARNESS = Set.of("epochs", "maxSteps", "batchSize", "seed", "validateEvery");
    private static final Set<String> SAMPLER = Set.of("sampler", "labels", "guidanceScale", "truncation", "start");
    private static final Set<String> WORKLOAD = union(SAMPLER, "name", "samples", "description", "maxRepeats");
    private static final Set<String> SAMPLE_SET = union(SAMPLER, "name", "count", "randomStream");
    private static final Set<String> QUALITY = Set.of("budget", "randomStream", "likelihood", "gridSamples",
            "sampleSets", "modelOverrides");

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private BenchmarkEntries() {
    }

    /** Reads the entry file {@code file}; its name must be {@code <id>.yaml}. */
    public static BenchmarkModel read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("benchmark entry file not found: " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark entry file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), idOf(file.getFileName().toString(), file.toString()));
    }

    /** Reads an entry from YAML text that is not a file; {@code source} names it in errors. */
    public static BenchmarkModel parse(String text, String source) {
        return parse(text, source, null);
    }

    /**
     * Reads an entry from YAML text; {@code source} names it in errors, and {@code expectedId}
     * (the file name without {@code .yaml}, or null for text that is not a file) must equal its id.
     */
    public static BenchmarkModel parse(String text, String source, String expectedId) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": malformed YAML: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(source + ": a benchmark entry must be a mapping of fields "
                    + sorted(TOP));
        }
        Reader r = new Reader(source);
        r.known(tree, TOP, "the entry");
        JsonNode version = tree.get(ConfigCodec.SCHEMA_VERSION_FIELD);
        if (version == null) {
            throw new IllegalArgumentException(source + ": missing " + ConfigCodec.SCHEMA_VERSION_FIELD
                    + "; expected '" + ConfigCodec.SCHEMA_VERSION_FIELD + ": " + ConfigCodec.SCHEMA_VERSION
                    + "' at the top of the file");
        }
        String id = r.text(tree, "id", true);
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(source + ": id must be lower-case letters, digits and '-', got '" + id
                    + "'");
        }
        if (expectedId != null && !expectedId.equals(id)) {
            throw new IllegalArgumentException(source + ": id '" + id + "' differs from the file name; the entry "
                    + "'" + id + "' belongs in " + id + EXTENSION);
        }
        String description = r.text(tree, "description", true);
        int specNetwork = r.integer(tree, "specNetwork", 0, 1);
        long parameters = r.longValue(tree, "parameters");

        ObjectNode modelTree = r.object(tree, "model", true);
        ModelConfig model = r.section(modelTree, version, "model", ModelConfig.class);
        JsonNode qualityNode = r.object(tree, "quality", true);
        ModelConfig qualityModel = model;
        ObjectNode overrides = r.object(qualityNode, "modelOverrides", false);
        if (overrides != null) {
            ObjectNode merged = modelTree.deepCopy();
            merge(merged, overrides);
            qualityModel = r.section(merged, version, "model with quality.modelOverrides", ModelConfig.class);
        }
        DataConfig data = r.section(r.object(tree, "data", true), version, "data", DataConfig.class);
        ObjectNode training = r.object(tree, "training", false);
        ObjectNode trainingTree = training == null ? YAML.createObjectNode() : training;
        for (String field : SET_BY_HARNESS) {
            if (trainingTree.has(field)) {
                throw new IllegalArgumentException(source + ": training." + field + " is set by the benchmark harness "
                        + "(from its options); remove it from the entry");
            }
        }
        BiFunction<Integer, Long, TrainerConfig> trainer = (batchSize, seed) -> {
            ObjectNode t = trainingTree.deepCopy();
            t.put("epochs", 1);
            t.put("batchSize", batchSize);
            t.put("seed", seed);
            return r.section(t, version, "training", TrainerConfig.class);
        };
        trainer.apply(64, 0L);

        List<SamplingWorkload> workloads = new ArrayList<>();
        for (JsonNode w : r.array(tree, "sampling")) {
            workloads.add(r.workload(w));
        }
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException(source + ": sampling must list at least one workload");
        }
        QualityPlan quality = r.quality(qualityNode, id);
        return new BenchmarkModel(id, description, specNetwork, parameters, model, qualityModel, data, trainer,
                workloads, quality, source);
    }

    /** The id a file name stands for: the name without {@code .yaml}. */
    static String idOf(String fileName, String source) {
        if (!fileName.endsWith(EXTENSION)) {
            throw new IllegalArgumentException("benchmark entry file " + source + " must end in " + EXTENSION);
        }
        return fileName.substring(0, fileName.length() - EXTENSION.length());
    }

    /** JSON merge patch (RFC 7386): objects merge field by field, anything else replaces, null removes. */
    static void merge(ObjectNode target, JsonNode patch) {
        Iterator<String> names = patch.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = patch.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && target.get(name) instanceof ObjectNode child) {
                merge(child, value);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> s = new TreeSet<>(base);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }

    /** Field readers whose errors name the file and the field. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        void known(JsonNode node, Set<String> fields, String what) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw new IllegalArgumentException(source + ": unknown field '" + name + "' in " + what
                            + "; known fields: " + sorted(fields));
                }
            }
        }

        String text(JsonNode node, String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw new IllegalArgumentException(source + ": missing field '" + field + "'");
                }
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new IllegalArgumentException(source + ": " + field + " must be non-blank text, got " + v);
            }
            return v.asText();
        }

        int integer(JsonNode node, String field, int absent, int min) {
            JsonNode v = node.get(field);
            if (v == null) {
                return absent;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
                throw new IllegalArgumentException(source + ": " + field + " must be a whole number >= " + min + ", got "
                        + v);
            }
            return v.asInt();
        }

        long longValue(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null) {
                throw new IllegalArgumentException(source + ": missing field '" + field + "'");
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
                throw new IllegalArgumentException(source + ": " + field + " must be a whole number >= 1, got " + v);
            }
            return v.asLong();
        }

        Double number(JsonNode node, String field, String where) {
            JsonNode v = node.get(field);
            if (v == null) {
                return null;
            }
            if (!v.isNumber()) {
                throw new IllegalArgumentException(source + ": " + where + "." + field + " must be a number, got " + v);
            }
            return v.asDouble();
        }

        ObjectNode object(JsonNode node, String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw new IllegalArgumentException(source + ": missing section '" + field + "'");
                }
                return null;
            }
            if (!(v instanceof ObjectNode o)) {
                throw new IllegalArgumentException(source + ": " + field + " must be a mapping of fields, got "
                        + v.getNodeType());
            }
            return o;
        }

        List<JsonNode> array(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new IllegalArgumentException(source + ": " + field + " must be a list, got " + v.getNodeType());
            }
            List<JsonNode> out = new ArrayList<>();
            v.forEach(out::add);
            return out;
        }

        /** A config section read through the registry's codec, with the file's schema version. */
        <T> T section(ObjectNode body, JsonNode version, String name, Class<T> type) {
            ObjectNode document = YAML.createObjectNode();
            document.set(ConfigCodec.SCHEMA_VERSION_FIELD, version);
            body.fields().forEachRemaining(e -> {
                if (!e.getKey().equals(ConfigCodec.SCHEMA_VERSION_FIELD)) {
                    document.set(e.getKey(), e.getValue());
                }
            });
            return ModelRegistry.defaultRegistry().codec().read(document.toString(), type, ConfigCodec.Format.JSON,
                    source + " (section '" + name + "')");
        }

        SamplingWorkload workload(JsonNode w) {
            if (!w.isObject()) {
                throw new IllegalArgumentException(source + ": every sampling workload must be a mapping, got " + w);
            }
            String name = text(w, "name", true);
            String where = "sampling workload '" + name + "'";
            known(w, WORKLOAD, where);
            if (!w.has("samples")) {
                throw new IllegalArgumentException(source + ": " + where + " is missing field 'samples'");
            }
            try {
                return new SamplingWorkload(name, integer(w, "samples", 0, 1), text(w, "description", false),
                        integer(w, "maxRepeats", 0, 0), sampler(w, where));
            } catch (IllegalArgumentException e) {
                throw rethrow(where, e);
            }
        }

        QualityPlan quality(JsonNode q, String id) {
            known(q, QUALITY, "quality");
            String likelihoodId = text(q, "likelihood", false);
            QualityPlan.Likelihood likelihood = likelihoodId == null ? QualityPlan.Likelihood.NONE
                    : QualityPlan.Likelihood.fromId(likelihoodId, source + ": quality.likelihood");
            String stream = text(q, "randomStream", false);
            List<SampleSet> sets = new ArrayList<>();
            for (JsonNode s : array(q, "sampleSets")) {
                sets.add(sampleSet(s));
            }
            try {
                return new QualityPlan(text(q, "budget", true), stream == null ? id + "-quality" : stream, likelihood,
                        integer(q, "gridSamples", 0, 0), sets);
            } catch (IllegalArgumentException e) {
                throw rethrow("quality", e);
            }
        }

        SampleSet sampleSet(JsonNode s) {
            if (!s.isObject()) {
                throw new IllegalArgumentException(source + ": every quality sample set must be a mapping, got " + s);
            }
            String name = text(s, "name", true);
            String where = "quality sample set '" + name + "'";
            known(s, SAMPLE_SET, where);
            String count = text(s, "count", false);
            if (count != null && !count.equals("slow") && !count.equals("samples")) {
                throw new IllegalArgumentException(source + ": " + where + ".count must be 'samples' (default: "
                        + "--quality-samples) or 'slow' (--quality-slow-samples, final point only), got '" + count + "'");
            }
            String stream = text(s, "randomStream", false);
            try {
                return new SampleSet(name, sampler(s, where), "slow".equals(count), stream == null ? name : stream);
            } catch (IllegalArgumentException e) {
                throw rethrow(where, e);
            }
        }

        Sampler sampler(JsonNode node, String where) {
            String method = text(node, "sampler", false);
            Sampler sampler;
            if (method == null || method.equals(Sampler.Method.GENERATE.id())) {
                sampler = Sampler.generate();
            } else if (method.equals(Sampler.Method.PREVIEW.id())) {
                sampler = Sampler.preview();
            } else {
                throw new IllegalArgumentException(source + ": " + where + ".sampler must be 'generate' or 'preview', "
                        + "got '" + method + "'");
            }
            String labels = text(node, "labels", false);
            if (labels != null && !labels.equals("in-turn")) {
                throw new IllegalArgumentException(source + ": " + where + ".labels must be 'in-turn' (sample j for "
                        + "class j % numClasses), got '" + labels + "'");
            }
            String start = text(node, "start", false);
            if (start != null && !start.equals("persistent") && !start.equals("fresh")) {
                throw new IllegalArgumentException(source + ": " + where + ".start must be 'fresh' (default) or "
                        + "'persistent' (continue the model's stored chain states), got '" + start + "'");
            }
            Double guidance = number(node, "guidanceScale", where);
            Double truncation = number(node, "truncation", where);
            if (labels != null) {
                sampler = sampler.withLabelsInTurn();
            }
            if (guidance != null) {
                if (labels == null) {
                    throw new IllegalArgumentException(source + ": " + where + ".guidanceScale applies to conditional "
                            + "samples: add 'labels: in-turn'");
                }
                sampler = sampler.withGuidanceScale(guidance);
            }
            if (truncation != null) {
                sampler = sampler.withTruncation(truncation);
            }
            if ("persistent".equals(start)) {
                sampler = sampler.fromPersistentStates();
            }
            return sampler;
        }

        private IllegalArgumentException rethrow(String where, IllegalArgumentException e) {
            return e.getMessage() != null && e.getMessage().startsWith(source) ? e
                    : new IllegalArgumentException(source + ": " + where + ": " + e.getMessage(), e);
        }
    }
}
