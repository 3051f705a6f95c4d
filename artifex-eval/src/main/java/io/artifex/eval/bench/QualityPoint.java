package io.artifex.eval.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality measured at one point of the quality run.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param epochs completed epochs when measured
 * @param steps completed training steps when measured
 * @param trainSeconds training wall time so far (evaluation time excluded)
 * @param evalSeconds wall time of this evaluation
 * @param metrics the model's metrics by name (see its {@link BenchmarkModel#evaluateQuality})
 */
public record QualityPoint(long epochs, long steps, double trainSeconds, double evalSeconds, Map<String, Double> metrics) {

    /** Copies the metrics, keeping their order. */
    public QualityPoint {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
