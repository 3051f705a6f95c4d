package io.artifex.examples.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The folder one training run writes into: {@code <parent>/<name>-<yyyyMMdd-HHmmss>}, with
 * fixed names for everything inside so that users and tools find the same files every time.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param root the run's folder
 */
public record RunDirectory(Path root) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Creates a fresh, time-stamped run folder under {@code parent}. */
    public static RunDirectory create(Path parent, String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = parent.resolve(safe + "-" + LocalDateTime.now().format(STAMP));
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(safe + "-" + LocalDateTime.now().format(STAMP) + "-" + i);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        return new RunDirectory(dir);
    }

    /** The experiment config the run was started with. */
    public Path experimentFile() {
        return root.resolve("experiment.yaml");
    }

    /**
     * Trainer checkpoints ({@code step-N/} and {@code best/}) when the config's
     * {@code checkpoint.directory} is the default {@code checkpoints}.
     */
    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /** The final model as a {@code ModelArchive} (config + parameters). */
    public Path model() {
        return root.resolve("model");
    }

    /** Per-epoch sample grids. */
    public Path sampleGrids() {
        return root.resolve("samples");
    }

    /** The final sample grid. */
    public Path samples() {
        return root.resolve("samples.png");
    }

    /** A text run's samples: continuations decoded to text. */
    public Path textSamples() {
        return root.resolve("samples.txt");
    }

    /** Test inputs (top rows) above their reconstructions (bottom rows), for latent models. */
    public Path reconstructions() {
        return root.resolve("reconstructions.png");
    }

    /** The loss curve. */
    public Path lossCurve() {
        return root.resolve("loss.png");
    }

    /** Step and epoch metrics as CSV. */
    public Path metricsCsv() {
        return root.resolve("metrics.csv");
    }

    /** Step and epoch metrics as JSON lines. */
    public Path metricsJsonLines() {
        return root.resolve("metrics.jsonl");
    }

    /** Written only when the run failed: the exception's type and message on one line. */
    public Path failure() {
        return root.resolve("FAILED.txt");
    }

    /** Final evaluation numbers. */
    public Path summary() {
        return root.resolve("summary.json");
    }
}
