package io.artifex.core.config;

import io.artifex.core.config.ConfigCodec.Format;
import io.artifex.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes configs as YAML or JSON with the model types of
 * {@link ModelRegistry#defaultRegistry()}. See {@link ConfigCodec} for the format: camelCase
 * field names as in the records, {@code schemaVersion: 2} first (older versions are migrated on read), a model's family in
 * {@code type}. Everything read is validated; errors name the file (or text) and the field.
 *
 * <pre>{@code
 * ConfigIO.write(Path.of("vae.yaml"), vaeConfig);
 * ModelConfig again = ConfigIO.readModel(Path.of("vae.yaml"));   // equals vaeConfig
 * }</pre>
 *
 * <p>Thread-safety: all methods are thread-safe (the codec's mappers are immutable after construction).
 */
public final class ConfigIO {

    private ConfigIO() {
    }

    private static ConfigCodec codec() {
        return ModelRegistry.defaultRegistry().codec();
    }

    /** {@code config} as a YAML document. */
    public static String toYaml(Object config) {
        return codec().write(config, Format.YAML);
    }

    /** {@code config} as a JSON document. */
    public static String toJson(Object config) {
        return codec().write(config, Format.JSON);
    }

    /** Reads and validates a YAML document; use {@code ModelConfig.class} for any registered family. */
    public static <T> T fromYaml(String yaml, Class<T> type) {
        return codec().read(yaml, type, Format.YAML, "<yaml text>");
    }

    /** Reads and validates a JSON document; use {@code ModelConfig.class} for any registered family. */
    public static <T> T fromJson(String json, Class<T> type) {
        return codec().read(json, type, Format.JSON, "<json text>");
    }

    /** Reads and validates a model config from a {@code .yaml}, {@code .yml} or {@code .json} file. */
    public static ModelConfig readModel(Path file) {
        return read(file, ModelConfig.class);
    }

    /**
     * Reads and validates a config of {@code type} from a {@code .yaml}, {@code .yml} or {@code .json}
     * file: its size is checked before it is read (at most {@value ConfigCodec#MAX_DOCUMENT_LENGTH}
     * bytes), then it must be UTF-8 text, then the strict rules of {@link ConfigCodec} apply.
     */
    public static <T> T read(Path file, Class<T> type) {
        Format format = formatOf(file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file not found: " + file);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > ConfigCodec.MAX_DOCUMENT_LENGTH) {
                throw tooLarge(file, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(ConfigCodec.MAX_DOCUMENT_LENGTH + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > ConfigCodec.MAX_DOCUMENT_LENGTH) {
            throw tooLarge(file, bytes.length);
        }
        String text = ConfigCodec.decodeUtf8(bytes, file.toString());
        return codec().read(text, type, format, file.toString());
    }

    private static IllegalArgumentException tooLarge(Path file, long size) {
        return new IllegalArgumentException(file + ": config file of " + size + " bytes; the limit is "
                + ConfigCodec.MAX_DOCUMENT_LENGTH + " bytes (1 MiB)");
    }

    /** Writes {@code config} atomically to a {@code .yaml}, {@code .yml} or {@code .json} file (by its extension). */
    public static void write(Path file, Object config) {
        Format format = formatOf(file);
        String text = codec().write(config, format);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The format a file name implies. */
    static Format formatOf(Path file) {
        if (file == null || file.getFileName() == null) {
            throw new IllegalArgumentException("config file path must not be null or empty");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Format.YAML;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        throw new IllegalArgumentException("config file " + file + " must end in .yaml, .yml or .json");
    }
}
