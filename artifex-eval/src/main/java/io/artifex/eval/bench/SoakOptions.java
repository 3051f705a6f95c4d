package io.artifex.eval.bench;

import java.util.List;

/**
 * What a {@link MemorySoak} runs. Build with {@link #builder()}; the defaults are the protocol's:
 * a 10,000-step training soak of each selected model, 50 readings, the first half of the run as
 * the warm-up whose highest reading is the baseline, 5 % growth allowed; the concurrent sampling soak is off until {@code samplingThreads > 0}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param models model ids, in order; empty = every available model
 * @param trainingSteps training steps of the training soak; 0 skips it (default 10,000)
 * @param samplingThreads threads sampling from one loaded model at once; 0 skips the sampling
 *                        soak (default 0)
 * @param samplingMinutes wall time of the sampling soak (default 10)
 * @param samplesPerCall samples each sampling call draws (default 8)
 * @param batchSize training batch size (default 64)
 * @param device "cpu", "gpu" or "gpu:N" (default "cpu")
 * @param seed seed of the model, the data order and every sampling call (default 0)
 * @param readings memory readings per soak, besides the one at the start (default 50)
 * @param baselineFraction share of the run whose readings are the warm-up; the highest of them
 *                         is the baseline (default 0.5)
 * @param tolerancePercent growth of resident memory a flat run may show (default 5)
 * @param commandLine the command that started the soak, for the report (may be empty)
 */
public record SoakOptions(List<String> models, long trainingSteps, int samplingThreads, double samplingMinutes,
                          int samplesPerCall, int batchSize, String device, long seed, int readings,
                          double baselineFraction, double tolerancePercent, String commandLine) {

    /** Copies the list and checks every field; the message names the option and its rule. */
    public SoakOptions {
        models = models == null ? List.of() : List.copyOf(models);
        device = device == null ? "cpu" : device;
        commandLine = commandLine == null ? "" : commandLine;
        require(trainingSteps >= 0, "trainingSteps must be >= 0 (0 = no training soak)", trainingSteps);
        require(samplingThreads >= 0, "samplingThreads must be >= 0 (0 = no sampling soak)", samplingThreads);
        require(trainingSteps > 0 || samplingThreads > 0,
                "needs trainingSteps > 0 or samplingThreads > 0 (nothing to soak)", trainingSteps);
        require(samplingMinutes > 0 && samplingMinutes <= 24 * 60, "samplingMinutes must be in (0, 1440]",
                samplingMinutes);
        require(samplesPerCall >= 1, "samplesPerCall must be >= 1", samplesPerCall);
        require(batchSize >= 1, "batchSize must be >= 1", batchSize);
        require(readings >= 1, "readings must be >= 1", readings);
        require(trainingSteps == 0 || readings <= trainingSteps, "readings must be <= trainingSteps", readings);
        require(baselineFraction >= 0 && baselineFraction < 1, "baselineFraction must be in [0, 1)", baselineFraction);
        require(tolerancePercent >= 0 && tolerancePercent < 1000, "tolerancePercent must be in [0, 1000)",
                tolerancePercent);
    }

    private static void require(boolean ok, String rule, double value) {
        if (!ok) {
            throw new IllegalArgumentException("soak option " + rule + ", got " + value);
        }
    }

    /** A builder with the protocol defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable options for {@link SoakOptions}; {@link #build()} checks them. */
    public static final class Builder {
        private List<String> models = List.of();
        private long trainingSteps = 10_000;
        private int samplingThreads;
        private double samplingMinutes = 10;
        private int samplesPerCall = 8;
        private int batchSize = 64;
        private String device = "cpu";
        private long seed;
        private int readings = 50;
        private double baselineFraction = 0.5;
        private double tolerancePercent = 5;
        private String commandLine = "";

        private Builder() {
        }

        /** Model ids (empty = all). */
        public Builder models(List<String> value) {
            this.models = value;
            return this;
        }

        /** Model ids. */
        public Builder models(String... value) {
            return models(List.of(value));
        }

        /** Training steps of the training soak (0 = none). */
        public Builder trainingSteps(long value) {
            this.trainingSteps = value;
            return this;
        }

        /** Threads of the concurrent sampling soak (0 = none). */
        public Builder samplingThreads(int value) {
            this.samplingThreads = value;
            return this;
        }

        /** Wall time of the sampling soak in minutes. */
        public Builder samplingMinutes(double value) {
            this.samplingMinutes = value;
            return this;
        }

        /** Samples per sampling call. */
        public Builder samplesPerCall(int value) {
            this.samplesPerCall = value;
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

        /** Memory readings per soak after the first. */
        public Builder readings(int value) {
            this.readings = value;
            return this;
        }

        /** Share of the run whose readings are the warm-up. */
        public Builder baselineFraction(double value) {
            this.baselineFraction = value;
            return this;
        }

        /** Allowed growth in percent. */
        public Builder tolerancePercent(double value) {
            this.tolerancePercent = value;
            return this;
        }

        /** The command line, for the report. */
        public Builder commandLine(String value) {
            this.commandLine = value;
            return this;
        }

        /** The checked options. */
        public SoakOptions build() {
            return new SoakOptions(models, trainingSteps, samplingThreads, samplingMinutes, samplesPerCall, batchSize,
                    device, seed, readings, baselineFraction, tolerancePercent, commandLine);
        }
    }
}
