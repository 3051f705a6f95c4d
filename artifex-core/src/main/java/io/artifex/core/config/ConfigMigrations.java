package io.artifex.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a config document of an older schema version up to {@link ConfigCodec#SCHEMA_VERSION}
 * before it is bound to records. Core knows no family: each model config found in the document
 * (an object whose {@code type} is a registered model type id, at the top or nested, e.g. under
 * an experiment's {@code model}) is handed to its family's {@link ConfigMigration}, one version
 * step at a time. The static helpers are the edits families need most.
 *
 * <p>Version history: version 2 writes every image shape (height, width, channels) and gives
 * each shape role one field name ({@code inputShape} for a model's data input,
 * {@code outputShape} for a generator's or decoder's output); the families whose version-1
 * fields differed migrate them.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class ConfigMigrations {

    private final Map<String, ConfigMigration> byType;

    /** Migrations by model type id; a type without one is left unchanged. */
    public ConfigMigrations(Map<String, ? extends ConfigMigration> byType) {
        this.byType = Map.copyOf(byType);
    }

    /**
     * Upgrades {@code document} (without its schema-version field) in place from
     * {@code fromVersion} to {@link ConfigCodec#SCHEMA_VERSION}.
     *
     * @return every change made, each {@code path: what changed}, in document order
     */
    public List<String> upgrade(ObjectNode document, int fromVersion) {
        if (fromVersion < 1 || fromVersion > ConfigCodec.SCHEMA_VERSION) {
            throw new IllegalArgumentException("cannot migrate from schemaVersion " + fromVersion + "; readable: 1 to "
                    + ConfigCodec.SCHEMA_VERSION);
        }
        List<String> changes = new ArrayList<>();
        for (int version = fromVersion; version < ConfigCodec.SCHEMA_VERSION; version++) {
            walk(document, "", version, changes);
        }
        return changes;
    }

    private void walk(JsonNode node, String path, int version, List<String> changes) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            ConfigMigration migration = type != null && type.isTextual() ? byType.get(type.asText()) : null;
            if (migration != null) {
                for (String change : migration.migrate(version, object)) {
                    changes.add(path.isEmpty() ? change : path + "." + change);
                }
            }
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), version, changes);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), path + "[" + i + "]", version, changes);
            }
        }
    }

    /**
     * Renames field {@code from} of {@code node} to {@code to}, keeping its place among the
     * fields. Nothing happens when {@code from} is absent or {@code to} is already present.
     *
     * @return the change as {@code "from renamed to to"}, or empty
     */
    public static List<String> rename(ObjectNode node, String from, String to) {
        if (node == null || !node.has(from) || node.has(to)) {
            return List.of();
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            fields.put(field.getKey().equals(from) ? to : field.getKey(), field.getValue());
        }
        node.removeAll();
        node.setAll(fields);
        return List.of(from + " renamed to " + to);
    }

    /**
     * Rewrites the shape in field {@code field} of {@code node} from (channels, height, width)
     * to (height, width, channels). Nothing happens unless it is an array of three integers.
     *
     * @return the change as {@code "field: [1, 28, 28] (channels, height, width) -> [28, 28, 1]"}, or empty
     */
    public static List<String> channelsFirstToLast(ObjectNode node, String field) {
        JsonNode shape = node == null ? null : node.get(field);
        if (!(shape instanceof ArrayNode array) || array.size() != 3) {
            return List.of();
        }
        for (JsonNode entry : array) {
            if (!entry.isIntegralNumber()) {
                return List.of();
            }
        }
        String before = array.toString().replace(",", ", ");
        JsonNode channels = array.remove(0);
        array.add(channels);
        return List.of(field + ": " + before + " (channels, height, width) -> " + array.toString().replace(",", ", ")
                + " (height, width, channels)");
    }

    /** The field of {@code node} named {@code name} if it is an object, else null. */
    public static ObjectNode object(ObjectNode node, String name) {
        JsonNode child = node == null ? null : node.get(name);
        return child instanceof ObjectNode object ? object : null;
    }

    /** {@code changes} with {@code prefix + "."} before each line. */
    public static List<String> under(String prefix, List<String> changes) {
        return changes.stream().map(change -> prefix + "." + change).toList();
    }
}
