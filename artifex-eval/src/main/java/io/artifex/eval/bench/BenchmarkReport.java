package io.artifex.eval.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a benchmark run: where and how it ran, and one {@link ModelResult} per model.
 * Written as pretty JSON ({@link #toJson()}, read back with {@link #fromJson}) and as a Markdown
 * table ({@link #toMarkdown()}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param schema the report format version ({@link #SCHEMA})
 * @param date when the run started, ISO-8601 with offset
 * @param commandLine the command that started it (may be empty)
 * @param environment machine, JVM, engine and threads
 * @param options the options of the run
 * @param models one result per model, in run order
 */
public record BenchmarkReport(int schema, String date, String commandLine, Environment environment,
                              BenchmarkOptions options, List<ModelResult> models) {

    /** The current report format version. */
    public static final int SCHEMA = 1;

    /** The JSON file name {@link #writeTo} uses. */
    public static final String JSON_FILE = "benchmark.json";

    /** The Markdown file name {@link #writeTo} uses. */
    public static final String MARKDOWN_FILE = "benchmark.md";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Copies the list. */
    public BenchmarkReport {
        models = List.copyOf(models);
    }

    /** Every failed check of every model (a parameter count off the spec, non-finite samples); empty if none. */
    public List<String> failedChecks() {
        List<String> out = new ArrayList<>();
        models.forEach(m -> out.addAll(m.failures()));
        return out;
    }

    /** Whether every check passed. */
    public boolean allChecksPassed() {
        return failedChecks().isEmpty();
    }

    /** The report as pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("benchmark report could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a report written by {@link #toJson()}. */
    public static BenchmarkReport fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("benchmark report JSON must not be null");
        }
        try {
            return JSON.readValue(json, BenchmarkReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a benchmark report: " + e.getOriginalMessage(), e);
        }
    }

    /** The report as Markdown: a header block, the speed table, the quality table if any, failed checks. */
    public String toMarkdown() {
        return ReportMarkdown.render(this);
    }

    /** Writes {@value #JSON_FILE} and {@value #MARKDOWN_FILE} into {@code directory} (created if missing). */
    public List<Path> writeTo(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("output directory must not be null");
        }
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve(JSON_FILE);
            Path md = directory.resolve(MARKDOWN_FILE);
            Files.writeString(json, toJson(), StandardCharsets.UTF_8);
            Files.writeString(md, toMarkdown(), StandardCharsets.UTF_8);
            return List.of(json, md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark report to " + directory + ": " + e.getMessage(), e);
        }
    }
}
