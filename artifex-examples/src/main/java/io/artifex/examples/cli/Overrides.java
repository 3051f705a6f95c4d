package io.artifex.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.artifex.core.config.ConfigCodec;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Command-line overrides of an experiment: {@code --set key.path=value} (and the shorthands
 * {@code --epochs}, {@code --max-steps}, {@code --seed}). The experiment is written out as a
 * document, each value is put at its path (a YAML value: {@code 3}, {@code 1e-3}, {@code relu},
 * {@code [64, 32]}, {@code {type: adam, learningRate: 0.001}}), and the result is read back by the
 * same strict reader and validator as a config file: an unknown key names its path and lists the
 * known fields at that level, a value of the wrong kind or out of its limits names the field and
 * the rule. Anchors, aliases and explicit tags are refused in values as in files.
 */
final class Overrides {

    /** A plain YAML scalar that JSON would read as a number (YAML 1.1 reads {@code 1e-3} as text). */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final ObjectMapper YAML = new YAMLMapper();

    private Overrides() {
    }

    /**
     * {@code experiment} with the shorthands and {@code sets} ({@code key.path=value}, applied in
     * order) applied, validated like a file; {@code source} names the experiment's file in errors.
     *
     * @throws IllegalArgumentException naming the override, the path and the rule
     */
    static ExperimentConfig apply(ExperimentConfig experiment, String source, Integer epochs, Long maxSteps, Long seed,
                                  List<String> sets) {
        Map<String, String> all = new LinkedHashMap<>();
        if (epochs != null) {
            all.put("training.epochs", String.valueOf(epochs));
        }
        if (maxSteps != null) {
            all.put("training.maxSteps", String.valueOf(maxSteps));
        }
        if (seed != null) {
            all.put("training.seed", String.valueOf(seed));
        }
        List<String> shown = new ArrayList<>();
        all.forEach((k, v) -> shown.add(k + "=" + v));
        if (sets != null) {
            for (String set : sets) {
                int eq = set == null ? -1 : set.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set '" + set + "': expected key.path=value, e.g. "
                            + "training.optimizers.default.learningRate=1e-3");
                }
                all.put(set.substring(0, eq).strip(), set.substring(eq + 1));
                shown.add(set);
            }
        }
        if (all.isEmpty()) {
            return experiment;
        }
        ObjectNode document;
        try {
            document = (ObjectNode) new ObjectMapper().readTree(ConfigIO.toJson(experiment));
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-read the experiment as JSON: " + e.getMessage(), e);
        }
        all.forEach((path, value) -> put(document, path, parseValue(path, value)));
        String text;
        try {
            text = new ObjectMapper().writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the overridden experiment: " + e.getMessage(), e);
        }
        String where = source + " with --set " + String.join(", --set ", shown);
        return ModelRegistry.defaultRegistry().codec().read(text, ExperimentConfig.class, ConfigCodec.Format.JSON, where);
    }

    /** Puts {@code value} at the dotted {@code path} of {@code document}, creating missing groups. */
    private static void put(ObjectNode document, String path, JsonNode value) {
        String[] keys = path.split("\\.", -1);
        ObjectNode node = document;
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i];
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("--set " + path + ": '" + key + "' is not a field name (letters, digits,"
                        + " '_' and '-', starting with a letter; paths are dotted, e.g. model.encoder.hiddenDims)");
            }
            if (i == 0 && key.equals(ConfigCodec.SCHEMA_VERSION_FIELD)) {
                throw new IllegalArgumentException("--set " + path + ": the schema version is not a setting");
            }
            at.append(at.length() == 0 ? "" : ".").append(key);
            if (i == keys.length - 1) {
                node.set(key, value);
                return;
            }
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                ObjectNode created = JsonNodeFactory.instance.objectNode();
                node.set(key, created);
                node = created;
            } else if (child.isObject()) {
                node = (ObjectNode) child;
            } else {
                throw new IllegalArgumentException("--set " + path + ": " + at + " is a " + kind(child)
                        + " (" + child + "), not a group of fields; set it as a whole, e.g. --set " + at + "=" + child);
            }
        }
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "list" : node.isNumber() ? "number" : node.isTextual() ? "text"
                : node.isBoolean() ? "boolean" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The value of one override as a YAML flow value, refusing what a config file may not hold
     * (anchors, aliases, explicit tags) with the override named.
     */
    static JsonNode parseValue(String path, String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--set " + path + "=: no value; write e.g. " + path + "=3");
        }
        if (text.length() > ConfigCodec.MAX_YAML_LINE_LENGTH || text.contains("\n")) {
            throw new IllegalArgumentException("--set " + path + ": a value must be one line of at most "
                    + ConfigCodec.MAX_YAML_LINE_LENGTH + " characters");
        }
        checkEvents(path, text);
        JsonNode node;
        try {
            node = YAML.readTree("v: " + text).get("v");
        } catch (IOException e) {
            throw new IllegalArgumentException("--set " + path + "=" + text + ": not a YAML value: "
                    + firstLine(e.getMessage()), e);
        }
        return numbersAsNumbers(node, text);
    }

    /** A top-level plain scalar that looks like a number is a number (so 1e-3 works as in JSON). */
    private static JsonNode numbersAsNumbers(JsonNode node, String text) {
        if (node != null && node.isTextual() && NUMBER.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            boolean integral = !text.contains(".") && !text.contains("e") && !text.contains("E");
            return integral && Math.abs(value) < Long.MAX_VALUE ? JsonNodeFactory.instance.numberNode(Long.parseLong(text))
                    : JsonNodeFactory.instance.numberNode(value);
        }
        return node == null ? JsonNodeFactory.instance.nullNode() : node;
    }

    private static void checkEvents(String path, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(ConfigCodec.MAX_NESTING_DEPTH);
        Iterator<Event> events;
        try {
            events = new Yaml(options).parse(new StringReader("v: " + text)).iterator();
            while (events.hasNext()) {
                Event event = events.next();
                String problem = null;
                if (event instanceof AliasEvent) {
                    problem = "YAML aliases are not allowed";
                } else if (event instanceof NodeEvent n && n.getAnchor() != null) {
                    problem = "YAML anchors are not allowed";
                } else if (event instanceof ScalarEvent s && s.getTag() != null
                        || event instanceof CollectionStartEvent c && c.getTag() != null) {
                    problem = "explicit YAML tags are not allowed";
                }
                if (problem != null) {
                    throw new IllegalArgumentException("--set " + path + "=" + text + ": " + problem
                            + " (the same rules as a config file)");
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--set " + path + "=" + text + ": not a YAML value: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
