package io.artifex.spark.train;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigValidationException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link SparkTrainer} spreads training over a Spark cluster: parameter averaging (local SGD).
 * Each round, every one of {@code workers} partitions trains {@code averagingPeriod} steps of the
 * library's own trainer on its shard, starting from the weights the driver broadcast; the driver
 * then averages the workers' weights, weighted by the examples each saw, and writes a checkpoint.
 * The run is {@code rounds} rounds, so {@code rounds * averagingPeriod} steps per worker.
 *
 * <p>Build with {@link #builder()}; every rule is checked when the record is built and a broken one
 * is reported as {@code sparkTraining.<field>: <rule>} in a {@link ConfigValidationException}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param workers partitions that train in parallel, each on its own shard; at least 1 (default 2)
 * @param averagingPeriod trainer steps each worker runs between two averagings; at least 1 (default 1)
 * @param rounds averaging rounds of the run; at least 1 (default 10)
 * @param optimizerStatePolicy what happens to optimizer state between rounds (default
 *     {@link OptimizerStatePolicy#AVERAGE})
 * @param checkpointDirectory the folder, or Hadoop URI (hdfs://, s3a://, file:), the driver writes one checkpoint per round into
 *     ({@code round-000001}, ...); required. On a cluster it must be storage the driver can reach
 *     again after a restart (a shared mount)
 * @param keepCheckpoints how many of the latest round checkpoints to keep; at least 1 (default 2)
 * @param shuffle whether each worker shuffles its shard every local epoch (seeded by the trainer
 *     seed, the worker and the epoch); default true
 */
public record SparkTrainingConfig(int workers, int averagingPeriod, int rounds, OptimizerStatePolicy optimizerStatePolicy,
                                  String checkpointDirectory, int keepCheckpoints, boolean shuffle)
        implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The most workers a run may ask for. */
    public static final int MAX_WORKERS = 10_000;

    /** Checks every rule and reports all broken ones at once. */
    public SparkTrainingConfig {
        List<String> violations = new ArrayList<>();
        if (workers < 1 || workers > MAX_WORKERS) {
            violations.add("workers: must be between 1 and " + MAX_WORKERS + ", got " + workers);
        }
        if (averagingPeriod < 1) {
            violations.add("averagingPeriod: must be at least 1 step, got " + averagingPeriod);
        }
        if (rounds < 1) {
            violations.add("rounds: must be at least 1, got " + rounds);
        }
        if (averagingPeriod >= 1 && rounds >= 1 && (long) averagingPeriod * rounds > ConfigLimits.MAX_STEPS) {
            violations.add("rounds: rounds * averagingPeriod must be at most " + ConfigLimits.MAX_STEPS + " steps, got "
                    + (long) averagingPeriod * rounds);
        }
        if (optimizerStatePolicy == null) {
            violations.add("optimizerStatePolicy: must be AVERAGE or KEEP_PER_WORKER, got nothing");
        }
        if (checkpointDirectory == null || checkpointDirectory.isBlank()) {
            violations.add("checkpointDirectory: must name a folder (one checkpoint is written per round)");
        }
        if (keepCheckpoints < 1) {
            violations.add("keepCheckpoints: must be at least 1, got " + keepCheckpoints);
        }
        if (!violations.isEmpty()) {
            throw new ConfigValidationException("sparkTraining",
                    violations.stream().map(v -> "sparkTraining." + v).toList());
        }
    }

    /** The steps each worker runs over the whole run: {@code rounds * averagingPeriod}. */
    public long totalSteps() {
        return (long) rounds * averagingPeriod;
    }

    /** A builder with the defaults of the record description. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().workers(workers).averagingPeriod(averagingPeriod).rounds(rounds)
                .optimizerStatePolicy(optimizerStatePolicy).checkpointDirectory(checkpointDirectory)
                .keepCheckpoints(keepCheckpoints).shuffle(shuffle);
    }

    /** Builds a {@link SparkTrainingConfig}; unset fields take the defaults of the record description. */
    public static final class Builder {
        private int workers = 2;
        private int averagingPeriod = 1;
        private int rounds = 10;
        private OptimizerStatePolicy optimizerStatePolicy = OptimizerStatePolicy.AVERAGE;
        private String checkpointDirectory;
        private int keepCheckpoints = 2;
        private boolean shuffle = true;

        private Builder() {
        }

        /** Partitions that train in parallel. */
        public Builder workers(int value) {
            workers = value;
            return this;
        }

        /** Trainer steps per worker between two averagings. */
        public Builder averagingPeriod(int value) {
            averagingPeriod = value;
            return this;
        }

        /** Averaging rounds of the run. */
        public Builder rounds(int value) {
            rounds = value;
            return this;
        }

        /** What happens to optimizer state between rounds. */
        public Builder optimizerStatePolicy(OptimizerStatePolicy value) {
            optimizerStatePolicy = value;
            return this;
        }

        /** The folder for the per-round checkpoints. */
        public Builder checkpointDirectory(String value) {
            checkpointDirectory = value;
            return this;
        }

        /** How many of the latest round checkpoints to keep. */
        public Builder keepCheckpoints(int value) {
            keepCheckpoints = value;
            return this;
        }

        /** Whether workers shuffle their shards every local epoch. */
        public Builder shuffle(boolean value) {
            shuffle = value;
            return this;
        }

        /** The validated config. */
        public SparkTrainingConfig build() {
            return new SparkTrainingConfig(workers, averagingPeriod, rounds, optimizerStatePolicy, checkpointDirectory,
                    keepCheckpoints, shuffle);
        }
    }
}
