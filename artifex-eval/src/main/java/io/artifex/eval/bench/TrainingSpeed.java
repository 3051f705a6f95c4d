package io.artifex.eval.bench;

import java.util.List;

/**
 * Training throughput through the project's {@code Trainer}: every repeat is a fresh
 * {@code fit} of {@code warmup + steps} steps, and only the last {@code steps} are timed (from
 * the end of the last warm-up step to the end of the last step, trainer overhead included).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param batchSize examples per step
 * @param steps timed steps per repeat
 * @param warmup untimed steps before them
 * @param examplesPerSecond one value per repeat
 * @param median the median over repeats
 * @param min the slowest repeat
 * @param max the fastest repeat
 * @param finalLosses the loss of the last step of each repeat (equal across repeats for a seed)
 */
public record TrainingSpeed(int batchSize, int steps, int warmup, List<Double> examplesPerSecond, double median,
                            double min, double max, List<Double> finalLosses) {

    /** Copies the lists. */
    public TrainingSpeed {
        examplesPerSecond = List.copyOf(examplesPerSecond);
        finalLosses = List.copyOf(finalLosses);
    }

    /** Builds the summary from the per-repeat values. */
    public static TrainingSpeed of(int batchSize, int steps, int warmup, List<Double> perRepeat, List<Double> losses) {
        return new TrainingSpeed(batchSize, steps, warmup, perRepeat, Stats.median(perRepeat), Stats.min(perRepeat),
                Stats.max(perRepeat), losses);
    }
}
