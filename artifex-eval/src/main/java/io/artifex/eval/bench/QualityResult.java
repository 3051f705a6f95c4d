package io.artifex.eval.bench;

import java.util.List;

/**
 * The quality protocol's outcome for one model.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param budget the training budget in words
 * @param trainExamples training examples used
 * @param testExamples test examples evaluated
 * @param points quality at each requested epoch (and at the end if a step cap stopped it earlier)
 * @param notes caveats to print with the numbers
 */
public record QualityResult(String budget, int trainExamples, int testExamples, List<QualityPoint> points,
                            List<String> notes) {

    /** Copies the lists. */
    public QualityResult {
        points = List.copyOf(points);
        notes = List.copyOf(notes);
    }

    /** The last measurement, or null if there is none. */
    public QualityPoint last() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }
}
