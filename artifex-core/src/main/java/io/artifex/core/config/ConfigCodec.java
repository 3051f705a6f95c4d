package io.artifex.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes config records as JSON or YAML for one set of model type ids (usually
 * those of {@link io.artifex.core.registry.ModelRegistry#defaultRegistry()}; most callers use
 * the static {@link ConfigIO}).
 *
 * <p>Format: field names exactly as the Java record components (camelCase), enums by their
 * lower-case ids, a model config's family in {@code type}, and {@code schemaVersion: 2}
 * first in every document. Model types resolve only through the registered ids; no default
 * typing, no class names. Reading fails on unknown fields, unknown or missing type ids, a
 * missing or newer schema version and malformed text, and validates the values. A document
 * of an older schema version is upgraded first by {@link ConfigMigrations} (the families'
 * {@link ConfigMigration}s), and the changes are logged once per document at INFO.
 */
public final class ConfigCodec {

    /** The schema version this library writes; it reads this one and every older one. */
    public static final int SCHEMA_VERSION = 2;
    /** The oldest schema version this library still reads (through {@link ConfigMigrations}). */
    public static final int OLDEST_SCHEMA_VERSION = 1;
    /** The name of the schema-version property. */
    public static final String SCHEMA_VERSION_FIELD = "schemaVersion";

    /** A document syntax. */
    public enum Format { JSON, YAML }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigCodec.class);
    /** Where the one notice per migrated document goes: SLF4J at INFO; tests in this package count them. */
    static volatile Consumer<String> migrationNotices = message -> LOG.info(message);
    /** Documents whose migration was already logged, so that each is reported once. */
    private static final Set<String> MIGRATED_LOGGED = ConcurrentHashMap.newKeySet();

    private final Map<String, Class<? extends ModelConfig>> types;
    private final ConfigMigrations migrations;
    private final Map<Class<?>, String> idsByClass;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    /** A codec that resolves model configs through {@code types} (type id to record class), with no migrations. */
    public ConfigCodec(Map<String, Class<? extends ModelConfig>> types) {
        this(types, Map.of());
    }

    /**
     * A codec that resolves model configs through {@code types} (type id to record class) and
     * upgrades documents of older schema versions with {@code migrations} (type id to the
     * family's migration; a type without one is read unchanged).
     */
    public ConfigCodec(Map<String, Class<? extends ModelConfig>> types,
                       Map<String, ? extends ConfigMigration> migrations) {
        this.types = new TreeMap<>(types);
        this.migrations = new ConfigMigrations(migrations);
        this.idsByClass = this.types.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
        NamedType[] named = this.types.entrySet().stream()
                .map(e -> new NamedType(e.getValue(), e.getKey())).toArray(NamedType[]::new);
        this.json = configure(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build(), named);
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        this.yaml = configure(YAMLMapper.builder(factory).build(), named);
    }

    private static ObjectMapper configure(ObjectMapper mapper, NamedType[] named) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerSubtypes(named);
        return mapper;
    }

    /** The model type ids this codec knows, sorted. */
    public Set<String> typeIds() {
        return Collections.unmodifiableSet(types.keySet());
    }

    /** Writes {@code config} (a record) as a document of {@code format}, schema version first. */
    public String write(Object config, Format format) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        if (config instanceof ModelConfig && !idsByClass.containsKey(config.getClass())) {
            throw new IllegalArgumentException("config class " + config.getClass().getName()
                    + " has no registered type id; known types: " + String.join(", ", types.keySet()));
        }
        ObjectMapper mapper = mapper(format);
        JsonNode body = mapper.valueToTree(config);
        if (!body.isObject()) {
            throw new IllegalArgumentException("a config document must be an object, but "
                    + config.getClass().getName() + " writes as " + body.getNodeType());
        }
        ObjectNode document = mapper.createObjectNode();
        document.put(SCHEMA_VERSION_FIELD, SCHEMA_VERSION);
        document.setAll((ObjectNode) body);
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + config.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a document of {@code format} into {@code type} and validates it.
     *
     * @param source names the text in errors: a file path, or e.g. {@code "<yaml text>"}
     * @throws IllegalArgumentException naming {@code source} for malformed text, a wrong schema
     *         version, unknown fields or type ids, or values of the wrong kind
     * @throws ConfigValidationException naming {@code source} when the values break rules
     */
    public <T> T read(String text, Class<T> type, Format format, String source) {
        if (text == null) {
            throw new IllegalArgumentException(source + ": no text to read");
        }
        ObjectMapper mapper = mapper(format);
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": malformed " + format + syntaxProblem(e), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new IllegalArgumentException(source + ": empty document; expected '" + SCHEMA_VERSION_FIELD
                    + ": " + SCHEMA_VERSION + "' and the config's fields");
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException(source + ": the document must be a mapping of fields, got "
                    + tree.getNodeType());
        }
        ObjectNode body = ((ObjectNode) tree).deepCopy();
        int version = checkSchemaVersion(body.remove(SCHEMA_VERSION_FIELD), source);
        if (version < SCHEMA_VERSION) {
            migrate(body, version, text, source);
        }
        T value;
        try {
            value = mapper.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + describe(e, type), e);
        }
        try {
            return ConfigValidator.requireValid(value);
        } catch (ConfigValidationException e) {
            throw new ConfigValidationException(ConfigValidator.describe(value), source, e.violations());
        }
    }

    /** " at line L, column C: problem", preferring SnakeYAML's problem mark, which points at the offending character. */
    private static String syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": " + yaml.getProblem();
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return where + ": " + firstLine(e.getOriginalMessage());
    }

    /** The document's schema version, if this library reads it. */
    private static int checkSchemaVersion(JsonNode version, String source) {
        if (version == null) {
            throw new IllegalArgumentException(source + ": missing " + SCHEMA_VERSION_FIELD + "; expected '"
                    + SCHEMA_VERSION_FIELD + ": " + SCHEMA_VERSION + "' at the top of the document");
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < OLDEST_SCHEMA_VERSION
                || version.asInt() > SCHEMA_VERSION) {
            String newer = version.isIntegralNumber() && version.asLong() > SCHEMA_VERSION
                    ? " (written by a newer Artifex; upgrade the library to read it)" : "";
            throw new IllegalArgumentException(source + ": unsupported " + SCHEMA_VERSION_FIELD + " " + version
                    + newer + "; this version of Artifex reads " + SCHEMA_VERSION_FIELD + " " + OLDEST_SCHEMA_VERSION
                    + " to " + SCHEMA_VERSION);
        }
        return version.asInt();
    }

    /** Upgrades {@code body} from {@code version} and logs what changed, once per document. */
    private void migrate(ObjectNode body, int version, String text, String source) {
        List<String> changes = migrations.upgrade(body, version);
        if (MIGRATED_LOGGED.size() > 10_000) {
            MIGRATED_LOGGED.clear();
        }
        if (!MIGRATED_LOGGED.add(source + '\u0000' + text.hashCode())) {
            return;
        }
        String what = changes.isEmpty() ? "only the version number changes"
                : "changes: " + String.join("; ", changes);
        migrationNotices.accept(source + ": read as " + SCHEMA_VERSION_FIELD + " " + SCHEMA_VERSION + " from version "
                + version + " (" + what + "). To update the file, make these changes and write '"
                + SCHEMA_VERSION_FIELD + ": " + SCHEMA_VERSION + "' (or write the config again with ConfigIO.write);"
                + " see docs/configuration.md, 'Schema versions'.");
    }

    private String describe(JsonProcessingException e, Class<?> type) {
        String path = e instanceof JsonMappingException m ? pathOf(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "' at " + path + "; known fields of "
                    + u.getReferringClass().getSimpleName() + ": " + known;
        }
        if (e instanceof InvalidTypeIdException t) {
            String at = path.isEmpty() ? "" : " at " + path;
            if (t.getTypeId() == null || t.getTypeId().isEmpty()) {
                return "missing model type 'type'" + at + "; known types: " + String.join(", ", types.keySet());
            }
            return "unknown model type '" + t.getTypeId() + "'" + at + "; known types: "
                    + String.join(", ", types.keySet());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return "bad value at " + (path.isEmpty() ? type.getSimpleName() : path) + ": " + v.getCause().getMessage();
        }
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return "bad value at " + path + ": " + cause.getMessage();
        }
        return "bad value" + (path.isEmpty() ? "" : " at " + path) + ": " + firstLine(e.getOriginalMessage());
    }

    /** The JSON path of a mapping error as {@code a.b[1].c}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private ObjectMapper mapper(Format format) {
        if (format == null) {
            throw new IllegalArgumentException("format must not be null");
        }
        return format == Format.JSON ? json : yaml;
    }
}
