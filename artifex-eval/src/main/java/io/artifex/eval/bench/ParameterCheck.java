package io.artifex.eval.bench;

/**
 * The parameter count of the built network against the count its entry pins: the benchmark
 * spec's for the six reference networks, the entry's own for the variants.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param expected the pinned count
 * @param actual the built model's count
 * @param passed whether they are equal
 */
public record ParameterCheck(long expected, long actual, boolean passed) {

    /** A check of {@code actual} against {@code expected}. */
    public static ParameterCheck of(long expected, long actual) {
        return new ParameterCheck(expected, actual, expected == actual);
    }

    /** One line for logs and the failed-check list. */
    public String describe() {
        return passed ? "parameters " + actual + " as pinned"
                : "parameter count " + actual + " differs from the pinned " + expected
                        + " (" + (actual > expected ? "+" : "") + (actual - expected) + ")";
    }
}
