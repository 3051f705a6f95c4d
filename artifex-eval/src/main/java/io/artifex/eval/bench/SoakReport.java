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
import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link MemorySoak}: where it ran and one {@link SoakResult} per soak, written
 * as {@value #JSON_FILE} (every reading) and {@value #MARKDOWN_FILE} (one row per soak).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param schema the report format version ({@link #SCHEMA})
 * @param date when the soak started, ISO-8601 with offset
 * @param commandLine the command that started it (may be empty)
 * @param environment machine, JVM, engine and threads
 * @param options the options of the soak
 * @param heapPreTouched whether the JVM ran with its whole heap resident from the start
 *                       ({@code -Xms} = {@code -Xmx} and {@code -XX:+AlwaysPreTouch}); without it,
 *                       heap pages touched for the first time count as growth
 * @param soaks one result per soak, in run order
 */
public record SoakReport(int schema, String date, String commandLine, Environment environment, SoakOptions options,
                         boolean heapPreTouched, List<SoakResult> soaks) {

    /** The current report format version. */
    public static final int SCHEMA = 1;
    /** The JSON file name {@link #writeTo} uses. */
    public static final String JSON_FILE = "soak.json";
    /** The Markdown file name {@link #writeTo} uses. */
    public static final String MARKDOWN_FILE = "soak.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Copies the list. */
    public SoakReport {
        soaks = List.copyOf(soaks);
    }

    /** The soaks whose resident memory grew past the tolerance, one line each; empty if none. */
    public List<String> failedChecks() {
        return soaks.stream().filter(s -> !s.flat()).map(SoakResult::describe).toList();
    }

    /** The report as pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("soak report could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a report written by {@link #toJson()}. */
    public static SoakReport fromJson(String json) {
        try {
            return JSON.readValue(json, SoakReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a soak report: " + e.getOriginalMessage(), e);
        }
    }

    /** A header block and one table row per soak. */
    public String toMarkdown() {
        Environment e = environment;
        StringBuilder sb = new StringBuilder("# Artifex memory soak\n\n");
        sb.append("- Command: `").append(commandLine.isBlank() ? "(library call)" : commandLine).append("`\n");
        sb.append("- Date: ").append(date).append('\n');
        sb.append("- Machine: ").append(e.cpuModel()).append(", ").append(e.cpuCores()).append(" logical CPUs, ")
                .append(e.os()).append("; JVM ").append(e.jvm()).append('\n');
        sb.append(String.format(Locale.ROOT, "- Rule: resident memory at the end within %.1f %% of the highest "
                + "reading of the first %.0f %% of the run (the warm-up)%n", options.tolerancePercent(),
                options.baselineFraction() * 100));
        sb.append("- Heap: ").append(heapPreTouched ? "resident from the start (-Xms = -Xmx, -XX:+AlwaysPreTouch)"
                : "NOT pre-touched: heap pages touched for the first time count as growth; run with "
                + "-Xms = -Xmx and -XX:+AlwaysPreTouch for the protocol").append("\n\n");
        sb.append("| Model | Soak | Length | Threads | Wall time (s) | RSS warm-up max → end (MiB) | Peak after warm-up (MiB) "
                + "| Growth | Flat |\n|---|---|---|---|---|---|---|---|---|\n");
        for (SoakResult s : soaks) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %,d %s | %d | %.0f | %.1f → %.1f | %.1f | %+.2f %% | %s |%n",
                    s.id(), s.kind(), s.done(), s.unit(), s.threads(), s.seconds(), s.baselineRssMib(),
                    s.finalRssMib(), s.peakRssMib(), s.growthPercent(), s.flat() ? "✓" : "✗"));
        }
        List<String> failed = failedChecks();
        sb.append('\n').append("Failed checks: ").append(failed.isEmpty() ? "none" : String.join("; ", failed))
                .append('\n');
        return sb.toString();
    }

    /** Writes {@value #JSON_FILE} and {@value #MARKDOWN_FILE} into {@code directory} (created if missing). */
    public List<Path> writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve(JSON_FILE);
            Path md = directory.resolve(MARKDOWN_FILE);
            Files.writeString(json, toJson(), StandardCharsets.UTF_8);
            Files.writeString(md, toMarkdown(), StandardCharsets.UTF_8);
            return List.of(json, md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the soak report to " + directory + ": " + e.getMessage(), e);
        }
    }
}
