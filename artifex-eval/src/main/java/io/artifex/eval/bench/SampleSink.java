package io.artifex.eval.bench;

/**
 * Receives the first images of a sample set drawn during a quality evaluation, so that the
 * harness can save them as a grid next to the report. Implementations must copy what they keep.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
@FunctionalInterface
public interface SampleSink {

    /** A sink that keeps nothing. */
    SampleSink NONE = (label, unitImages, count) -> { };

    /**
     * Offers {@code count} grey 28x28 images with values in [0, 1], stored one after another
     * in {@code unitImages}, under {@code label} (the metric prefix of the sample set, e.g.
     * {@code "sample"} or {@code "buffer"}).
     */
    void accept(String label, float[] unitImages, int count);
}
