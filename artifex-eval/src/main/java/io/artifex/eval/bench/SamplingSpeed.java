package io.artifex.eval.bench;

import java.util.List;

/**
 * Timing of one sampling workload: each call produces {@code samples} samples and is timed until
 * they are copied to the host.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param workload the workload's name
 * @param description what one call does
 * @param samples samples per call
 * @param seconds wall time of each timed call
 * @param medianSeconds their median
 * @param samplesPerSecond {@code samples / medianSeconds}
 * @param sampleShape the shape of one call's output
 * @param finite whether every sampled value was finite
 */
public record SamplingSpeed(String workload, String description, int samples, List<Double> seconds,
                            double medianSeconds, double samplesPerSecond, String sampleShape, boolean finite) {

    /** Copies the list. */
    public SamplingSpeed {
        seconds = List.copyOf(seconds);
    }

    /** Builds the summary from the per-call times. */
    public static SamplingSpeed of(SamplingWorkload w, List<Double> seconds, String shape, boolean finite) {
        double median = Stats.median(seconds);
        return new SamplingSpeed(w.name(), w.description(), w.samples(), seconds, median, w.samples() / median, shape,
                finite);
    }
}
