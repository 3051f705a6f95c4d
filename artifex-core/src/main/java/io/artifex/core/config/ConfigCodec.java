package io.artifex.core.config;

import io.artifex.core.io.OneLine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
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
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
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
 *
 * <p>The reader is strict, and checks sizes before it parses: a document of more than
 * {@value #MAX_DOCUMENT_LENGTH} characters (files: bytes, see {@link #decodeUtf8}), a YAML line of
 * more than {@value #MAX_YAML_LINE_LENGTH} characters, a string of more than
 * {@value #MAX_STRING_LENGTH} characters, nesting deeper than {@value #MAX_NESTING_DEPTH}
 * levels and control characters are refused; YAML anchors, aliases, merge keys ({@code <<}) and
 * explicit tags ({@code !!java.lang.ProcessBuilder}, {@code !foo}) are refused with their line and
 * column; duplicate keys are refused; NaN and infinite numbers ({@code .nan}, {@code .inf},
 * {@code 1e400}, JSON {@code NaN}) are refused with their field path and "must be a finite number".
 *
 * <p>Thread-safety: thread-safe: its mappers and tables are not changed after construction; safe to
 * share between threads.
 */
public final class ConfigCodec {

    /** The schema version this library writes; it reads this one and every older one. */
    public static final int SCHEMA_VERSION = 2;
    /** The oldest schema version this library still reads (through {@link ConfigMigrations}). */
    public static final int OLDEST_SCHEMA_VERSION = 1;
    /** The name of the schema-version property. */
    public static final String SCHEMA_VERSION_FIELD = "schemaVersion";

    /** Longest document read, in characters (a file: in bytes): 1 MiB. */
    public static final int MAX_DOCUMENT_LENGTH = 1 << 20;
    /** Longest line of a YAML document, in characters (SnakeYAML's time grows with the square of a line's scalar). */
    public static final int MAX_YAML_LINE_LENGTH = 16_384;
    /** Longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = 65_536;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** The YAML forms of NaN and the infinities, which Jackson reports only as a malformed number. */
    private static final Pattern YAML_NON_FINITE = Pattern.compile(
            "Malformed numeric value '([-+]?\\.(?:inf|Inf|INF|nan|NaN|NAN))'");
    private static final Pattern CONSTRAINT_DEPTH = Pattern.compile("nesting depth \\((\\d+)\\) exceeds");
    private static final Pattern CONSTRAINT_STRING = Pattern.compile("String value length \\((\\d+)\\) exceeds");
    private static final String YAML_CORE_TAG = "tag:yaml.org,2002:";

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
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_STRING_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(100)
                .build();
        JsonFactory jsonFactory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // read, then refused with the field path
                .build();
        this.json = configure(JsonMapper.builder(jsonFactory).enable(SerializationFeature.INDENT_OUTPUT).build(), named);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loaderOptions())
                .streamReadConstraints(limits)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        this.yaml = configure(YAMLMapper.builder(factory).build(), named);
    }

    /** SnakeYAML's own limits, matching this codec's. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_LENGTH + 1);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
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
        checkText(text, format, source);
        if (format == Format.YAML) {
            checkYamlEvents(text, source);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String nonFinite = nonFiniteYamlNumber(e);
            if (nonFinite != null) {
                throw new IllegalArgumentException(source + ": " + contextPath(e) + ": must be a finite number, got "
                        + nonFinite);
            }
            String limit = limitProblem(e);
            if (limit != null) {
                throw new IllegalArgumentException(source + ": " + limit, e);
            }
            throw new IllegalArgumentException(source + ": malformed " + format + syntaxProblem(e), e);
        }
        if (tree != null) {
            checkValues(tree, "", source);
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
            throw new IllegalArgumentException(source + ": " + OneLine.escape(describe(e, type)), e);
        }
        try {
            return ConfigValidator.requireValid(value);
        } catch (ConfigValidationException e) {
            throw new ConfigValidationException(ConfigValidator.describe(value), source, e.violations());
        }
    }

    /**
     * Decodes {@code bytes} (a file's content) as UTF-8, refusing malformed input; a file is
     * checked against {@link #MAX_DOCUMENT_LENGTH} (bytes) before it is read, by {@link ConfigIO}.
     *
     * @throws IllegalArgumentException "SOURCE: not UTF-8 text (invalid byte 0xff at offset N)"
     */
    public static String decodeUtf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            String at = offset < bytes.length ? String.format("invalid byte 0x%02x at offset %d", bytes[offset] & 0xFF,
                    offset) : "incomplete character at the end";
            throw new IllegalArgumentException(source + ": not UTF-8 text (" + at + ")");
        }
        return out.flip().toString();
    }

    /** Size, line length (YAML) and character checks on the raw text, before any parser sees it. */
    private static void checkText(String text, Format format, String source) {
        if (text.length() > MAX_DOCUMENT_LENGTH) {
            throw new IllegalArgumentException(source + ": the document has " + text.length()
                    + " characters; the limit is " + MAX_DOCUMENT_LENGTH + " (1 MiB)");
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                checkLineLength(i - lineStart, line, format, source);
                line++;
                lineStart = i + 1;
            } else if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7F || c == 0xFFFE || c == 0xFFFF
                    || Character.isSurrogate(c) && !validSurrogatePair(text, i)) {
                throw new IllegalArgumentException(source + ": not UTF-8 text (" + String.format("character U+%04X", (int) c)
                        + " at line " + line + ", column " + (i - lineStart + 1) + ")");
            } else if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        checkLineLength(text.length() - lineStart, line, format, source);
    }

    private static boolean validSurrogatePair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static void checkLineLength(int length, int line, Format format, String source) {
        if (format == Format.YAML && length > MAX_YAML_LINE_LENGTH) {
            throw new IllegalArgumentException(source + ": line " + line + " has " + length
                    + " characters; a YAML line may have at most " + MAX_YAML_LINE_LENGTH);
        }
    }

    /**
     * Walks SnakeYAML's events and refuses anchors, aliases, explicit tags, merge keys and deep
     * nesting, with the line and column where they start.
     */
    private static void checkYamlEvents(String text, String source) {
        Iterator<Event> events = new Yaml(loaderOptions()).parse(new StringReader(text)).iterator();
        int depth = 0;
        while (true) {
            Event event;
            try {
                if (!events.hasNext()) {
                    return;
                }
                event = events.next();
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
                throw new IllegalArgumentException(source + ": malformed YAML" + where + ": " + OneLine.escape(e.getProblem()), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ": malformed YAML: " + firstLine(e.getMessage()), e);
            }
            if (event instanceof AliasEvent alias) {
                refuse(source, event, "YAML alias '*" + alias.getAnchor() + "' is not allowed (write the value itself)");
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                refuse(source, event, "YAML anchor '&" + node.getAnchor()
                        + "' is not allowed (anchors and aliases are not part of the config format)");
            }
            String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                    : event instanceof CollectionStartEvent start ? start.getTag() : null;
            if (tag != null) {
                String shown = tag.startsWith(YAML_CORE_TAG) ? "!!" + tag.substring(YAML_CORE_TAG.length()) : tag;
                refuse(source, event, "explicit YAML tag '" + shown
                        + "' is not allowed (a config's types come from its schema and its 'type' ids)");
            }
            if (event instanceof ScalarEvent scalar && scalar.isPlain() && "<<".equals(scalar.getValue())) {
                refuse(source, event, "YAML merge key '<<' is not allowed (write the fields themselves)");
            }
            if (event instanceof CollectionStartEvent && ++depth > MAX_NESTING_DEPTH) {
                refuse(source, event, "nesting deeper than " + MAX_NESTING_DEPTH + " levels is not allowed");
            }
            if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }

    private static void refuse(String source, Event event, String problem) {
        Mark mark = event.getStartMark();
        throw new IllegalArgumentException(source + ": line " + (mark.getLine() + 1) + ", column "
                + (mark.getColumn() + 1) + ": " + OneLine.escape(problem));
    }

    /** Refuses non-finite numbers and over-long strings anywhere in the tree, naming the field path. */
    private static void checkValues(JsonNode node, String path, String source) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException(source + ": " + (path.isEmpty() ? "(document)" : path)
                    + ": must be a finite number, got " + node.asText());
        }
        if (node.isTextual() && node.textValue().length() > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException(source + ": " + path + ": a string may have at most "
                    + MAX_STRING_LENGTH + " characters, got " + node.textValue().length());
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> checkValues(e.getValue(), path.isEmpty() ? e.getKey()
                    : path + "." + e.getKey(), source));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkValues(node.get(i), path + "[" + i + "]", source);
            }
        }
    }

    /** A StreamReadConstraints refusal in this codec's words, else null. */
    private static String limitProblem(JsonProcessingException e) {
        if (!(e instanceof StreamConstraintsException) || e.getOriginalMessage() == null) {
            return null;
        }
        Matcher depth = CONSTRAINT_DEPTH.matcher(e.getOriginalMessage());
        if (depth.find()) {
            return "nesting deeper than " + MAX_NESTING_DEPTH + " levels is not allowed";
        }
        Matcher string = CONSTRAINT_STRING.matcher(e.getOriginalMessage());
        if (string.find()) {
            return "a string may have at most " + MAX_STRING_LENGTH + " characters, got " + string.group(1);
        }
        return firstLine(e.getOriginalMessage());
    }

    /** The text of a YAML NaN or infinity that Jackson refused as a malformed number, else null. */
    private static String nonFiniteYamlNumber(JsonProcessingException e) {
        if (!(e instanceof StreamReadException) || e.getOriginalMessage() == null) {
            return null;
        }
        Matcher m = YAML_NON_FINITE.matcher(e.getOriginalMessage());
        return m.find() ? m.group(1) : null;
    }

    /** The field path where a parser stopped with {@code e}, as {@code a.b[1].c}. */
    private static String contextPath(JsonProcessingException e) {
        if (!(e instanceof StreamReadException read) || read.getProcessor() == null) {
            return "(document)";
        }
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext ctx = read.getProcessor().getParsingContext(); ctx != null && !ctx.inRoot();
                ctx = ctx.getParent()) {
            String step = ctx.inArray() ? "[" + Math.max(ctx.getCurrentIndex(), 0) + "]"
                    : ctx.getCurrentName() == null ? "" : ctx.getCurrentName();
            if (out.length() > 0 && !step.isEmpty() && out.charAt(0) != '[') {
                out.insert(0, '.');
            }
            out.insert(0, step);
        }
        return out.length() == 0 ? "(document)" : out.toString();
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
