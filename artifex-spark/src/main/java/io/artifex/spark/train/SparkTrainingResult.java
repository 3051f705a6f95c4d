package io.artifex.spark.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link SparkTrainer} run did, round by round.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param rounds the rounds this call ran (after a resume: only the new ones), in order
 * @param steps the global step reached (steps each worker has run since the start of training)
 * @param lastCheckpoint the round checkpoint written last (for a Hadoop URI checkpoint directory: its local staging copy)
 */
public record SparkTrainingResult(List<RoundMetrics> rounds, long steps, Path lastCheckpoint) {

    /** Copies the list. */
    public SparkTrainingResult {
        rounds = List.copyOf(rounds);
    }

    /** Examples trained on in this call, all workers together. */
    public long examples() {
        return rounds.stream().mapToLong(RoundMetrics::examples).sum();
    }

    /** Wall time of this call's rounds, in milliseconds. */
    public double totalMillis() {
        return rounds.stream().mapToDouble(RoundMetrics::totalMillis).sum();
    }

    /** Examples per second over this call's rounds. */
    public double examplesPerSecond() {
        double ms = totalMillis();
        return ms <= 0 ? 0 : examples() * 1000.0 / ms;
    }

    /** The mean loss of the last round, or NaN when no round ran. */
    public double lastLoss() {
        return rounds.isEmpty() ? Double.NaN : rounds.get(rounds.size() - 1).loss();
    }
}
