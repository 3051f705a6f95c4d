package io.artifex.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Where {@link CrossFieldRules} report violations. Paths are relative to the record being
 * checked; the context adds the record's own path, so a rule in {@code DecoderConfig} nested
 * under {@code decoder} that rejects {@code latentDim} produces {@code decoder.latentDim: ...}.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class RuleContext {

    private final String prefix;
    private final List<String> sink;

    /** A context whose violations go to {@code sink}, with paths prefixed by {@code prefix} ("" at the root). */
    public RuleContext(String prefix, List<String> sink) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The full path of {@code field} (a name, {@code name[i]} or a dotted path) from the validated root. */
    public String path(String field) {
        if (field.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() || field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    /** The context of a nested record stored in {@code field}. */
    public RuleContext nested(String field) {
        return new RuleContext(path(field), sink);
    }

    /** Records that {@code field} breaks a rule: the line {@code path: message}. */
    public void reject(String field, String message) {
        String path = path(field);
        sink.add((path.isEmpty() ? "(config)" : path) + ": " + message);
    }

    /**
     * Rejects {@code field} unless {@code actual} equals {@code expected}, the value of
     * {@code otherField}; nothing is reported when either value is null.
     */
    public void requireEqual(String field, Object actual, String otherField, Object expected) {
        if (actual != null && expected != null && !actual.equals(expected)) {
            reject(field, "must equal " + otherField + " (" + expected + "), got " + actual);
        }
    }

    /** Rejects {@code field} unless {@code actual} is strictly greater than {@code bound}, the value of {@code otherField}. */
    public void requireGreater(String field, Double actual, String otherField, Double bound) {
        if (actual != null && bound != null && !(actual > bound)) {
            reject(field, "must be greater than " + otherField + " (" + bound + "), got " + actual);
        }
    }
}
