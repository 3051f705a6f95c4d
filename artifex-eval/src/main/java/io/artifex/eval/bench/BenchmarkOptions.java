package io.artifex.eval.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@link BenchmarkRunner#run} measures. Build with {@link #builder()}; every field has the
 * protocol's default.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param models model ids to run, in order; empty = every available model
 * @param steps timed training steps per repeat (default 50)
 * @param warmup untimed training steps before them, in every repeat (default 5)
 * @param repeats timed repeats; the report gives their median (default 3)
 * @param batchSize training batch size (default 64)
 * @param device "cpu", "gpu" or "gpu:N" (default "cpu")
 * @param seed seed of model initialisation, data order and every random draw (default 0)
 * @param sampleCount samples per sampling call; 0 = the spec's workload (default 0)
 * @param quality whether to run the quality protocol as well (default false)
 * @param qualityEpochs epochs after which quality is measured; the largest is the training
 *                      budget (default [20])
 * @param importanceSamples k of the importance-weighted bound (default 1000; the docs table uses 5000)
 * @param generatedSamples samples drawn for sample-based metrics (default 1000)
 * @param qualityTrainLimit train on the first this-many training digits only; 0 = all (default 0)
 * @param qualityTestLimit evaluate on the first this-many test digits only; 0 = all (default 0)
 * @param qualityMaxSteps stop quality training after this many steps; 0 = no cap (default 0)
 * @param qualityMinutes stop quality training once its wall time (evaluations excluded) passes
 *                       this many minutes, at the end of a step; 0 = no cap (default 0)
 * @param slowSamples samples of expensive sample sets, drawn at the final quality point only
 *                    (DDPM's 1000-step ancestral sampling; default 100; 0 skips them)
 * @param artifactDirectory where the quality protocol writes sample grids, or null for none
 *                          (default null; the command line uses its {@code --out} folder)
 * @param commandLine the command that started the run, for the report header (may be empty)
 */
public record BenchmarkOptions(List<String> models, int steps, int warmup, int repeats, int batchSize, String device,
                               long seed, int sampleCount, boolean quality, List<Integer> qualityEpochs,
                               int importanceSamples, int generatedSamples, int qualityTrainLimit,
                               int qualityTestLimit, long qualityMaxSteps, double qualityMinutes,
                               int slowSamples, Path artifactDirectory, String commandLine) {

    /** Copies the lists (sorting the quality epochs) and checks every field. */
    public BenchmarkOptions {
        models = models == null ? List.of() : List.copyOf(models);
        qualityEpochs = qualityEpochs == null ? List.of(20) : List.copyOf(new TreeSet<>(checkEpochs(qualityEpochs)));
        device = device == null ? "cpu" : device;
        commandLine = commandLine == null ? "" : commandLine;
        require(steps >= 1, "steps", "must be >= 1", steps);
        require(warmup >= 0, "warmup", "must be >= 0", warmup);
        require(repeats >= 1, "repeats", "must be >= 1", repeats);
        require(batchSize >= 1, "batchSize", "must be >= 1", batchSize);
        require(sampleCount >= 0, "sampleCount", "must be >= 0 (0 = the spec's workload)", sampleCount);
        require(importanceSamples >= 1, "importanceSamples", "must be >= 1", importanceSamples);
        require(generatedSamples >= 1, "generatedSamples", "must be >= 1", generatedSamples);
        require(qualityTrainLimit >= 0, "qualityTrainLimit", "must be >= 0 (0 = all training digits)", qualityTrainLimit);
        require(qualityTestLimit >= 0, "qualityTestLimit", "must be >= 0 (0 = all test digits)", qualityTestLimit);
        if (!(qualityMinutes >= 0) || Double.isInfinite(qualityMinutes)) {
            throw new IllegalArgumentException("benchmark option qualityMinutes must be a finite number >= 0 (0 = no cap), got "
                    + qualityMinutes);
        }
        require(slowSamples >= 0, "slowSamples", "must be >= 0 (0 = skip expensive sample sets)", slowSamples);
        require(qualityMaxSteps >= 0, "qualityMaxSteps", "must be >= 0 (0 = no cap)", qualityMaxSteps);
        if (device.isBlank()) {
            throw new IllegalArgumentException("benchmark option device must be 'cpu', 'gpu' or 'gpu:N', got a blank value");
        }
        for (String id : models) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("benchmark option models must not contain blank ids, got " + models);
            }
        }
    }

    private static List<Integer> checkEpochs(List<Integer> epochs) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("benchmark option qualityEpochs must name at least one epoch");
        }
        for (Integer e : epochs) {
            if (e == null || e < 1) {
                throw new IllegalArgumentException("benchmark option qualityEpochs must hold epochs >= 1, got " + epochs);
            }
        }
        return epochs;
    }

    private static void require(boolean ok, String field, String rule, long value) {
        if (!ok) {
            throw new IllegalArgumentException("benchmark option " + field + " " + rule + ", got " + value);
        }
    }

    /** The training budget of the quality protocol: the largest quality epoch. */
    public int qualityBudgetEpochs() {
        return qualityEpochs.get(qualityEpochs.size() - 1);
    }

    /** A builder with the protocol defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The protocol defaults (all models, 50 steps, 5 warm-up, 3 repeats, batch 64, CPU). */
    public static BenchmarkOptions defaults() {
        return builder().build();
    }

    /** Mutable options for {@link BenchmarkOptions}; {@link #build()} checks them. */
    public static final class Builder {
        private List<String> models = new ArrayList<>();
        private int steps = 50;
        private int warmup = 5;
        private int repeats = 3;
        private int batchSize = 64;
        private String device = "cpu";
        private long seed;
        private int sampleCount;
        private boolean quality;
        private List<Integer> qualityEpochs = List.of(20);
        private int importanceSamples = 1000;
        private int generatedSamples = 1000;
        private int qualityTrainLimit;
        private int qualityTestLimit;
        private long qualityMaxSteps;
        private double qualityMinutes;
        private int slowSamples = 100;
        private Path artifactDirectory;
        private String commandLine = "";

        private Builder() {
        }

        /** Model ids to run (empty = all). */
        public Builder models(List<String> value) {
            this.models = value == null ? List.of() : List.copyOf(value);
            return this;
        }

        /** Model ids to run. */
        public Builder models(String... value) {
            return models(List.of(value));
        }

        /** Timed training steps per repeat. */
        public Builder steps(int value) {
            this.steps = value;
            return this;
        }

        /** Untimed warm-up steps per repeat. */
        public Builder warmup(int value) {
            this.warmup = value;
            return this;
        }

        /** Timed repeats. */
        public Builder repeats(int value) {
            this.repeats = value;
            return this;
        }

        /** Training batch size. */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Device: "cpu", "gpu" or "gpu:N". */
        public Builder device(String value) {
            this.device = value;
            return this;
        }

        /** Seed of everything random. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Samples per sampling call; 0 = the spec's workload. */
        public Builder sampleCount(int value) {
            this.sampleCount = value;
            return this;
        }

        /** Whether to run the quality protocol. */
        public Builder quality(boolean value) {
            this.quality = value;
            return this;
        }

        /** Epochs at which quality is measured (the largest is the budget). */
        public Builder qualityEpochs(List<Integer> value) {
            this.qualityEpochs = value;
            return this;
        }

        /** Epochs at which quality is measured. */
        public Builder qualityEpochs(Integer... value) {
            return qualityEpochs(List.of(value));
        }

        /** k of the importance-weighted bound. */
        public Builder importanceSamples(int value) {
            this.importanceSamples = value;
            return this;
        }

        /** Samples for sample-based metrics. */
        public Builder generatedSamples(int value) {
            this.generatedSamples = value;
            return this;
        }

        /** Train on the first n training digits only (0 = all). */
        public Builder qualityTrainLimit(int value) {
            this.qualityTrainLimit = value;
            return this;
        }

        /** Evaluate on the first n test digits only (0 = all). */
        public Builder qualityTestLimit(int value) {
            this.qualityTestLimit = value;
            return this;
        }

        /** Cap on quality training steps (0 = none). */
        public Builder qualityMaxSteps(long value) {
            this.qualityMaxSteps = value;
            return this;
        }

        /** Wall-time cap of quality training in minutes (0 = none). */
        public Builder qualityMinutes(double value) {
            this.qualityMinutes = value;
            return this;
        }

        /** Samples of expensive sample sets (final point only). */
        public Builder slowSamples(int value) {
            this.slowSamples = value;
            return this;
        }

        /** Folder for sample grids of the quality protocol (null = none). */
        public Builder artifactDirectory(Path value) {
            this.artifactDirectory = value;
            return this;
        }

        /** The command line for the report header. */
        public Builder commandLine(String value) {
            this.commandLine = value;
            return this;
        }

        /** Checks and builds the options. */
        public BenchmarkOptions build() {
            return new BenchmarkOptions(models, steps, warmup, repeats, batchSize, device, seed, sampleCount, quality,
                    qualityEpochs, importanceSamples, generatedSamples, qualityTrainLimit, qualityTestLimit,
                    qualityMaxSteps, qualityMinutes, slowSamples, artifactDirectory,
                    commandLine);
        }
    }
}
