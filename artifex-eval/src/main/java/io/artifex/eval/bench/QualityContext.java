package io.artifex.eval.bench;

import io.artifex.core.data.BatchSource;
import io.artifex.data.ImageDataset;

/**
 * What a {@link BenchmarkModel} needs to measure quality: the test data (fixed order, fixed
 * preprocessing seed) and the run's evaluation options.
 *
 * <p>Thread-safety: not thread-safe: the record is immutable but its batch source is not; use it
 * from one thread.
 *
 * @param test the test split, in a fixed order, preprocessed with {@link #TEST_PREPROCESSING_SEED}
 * @param referenceImages the same test examples as raw images (the reference of sample-based
 *                        metrics), or null when the data are not images
 * @param importanceSamples k of the importance-weighted bound (models with such a bound)
 * @param generatedSamples how many samples sample-based metrics draw
 * @param seed the seed of every random draw the evaluation makes
 * @param slowSamples how many samples expensive sample sets draw (final point only; 0 skips them)
 * @param sink where sample sets offer their first images (for grids); never null
 * @param finalPoint whether this is the last evaluation of the run (expensive extra
 *                   measurements, such as 1000-step sampling, run only there)
 */
public record QualityContext(BatchSource test, ImageDataset referenceImages, int importanceSamples, int generatedSamples,
                             long seed, int slowSamples, SampleSink sink, boolean finalPoint) {

    /**
     * The seed of the test split's stochastic preprocessing (the binarisation of the VAE's test
     * digits), the same in every run so that every run is scored on the same binary images.
     */
    public static final long TEST_PREPROCESSING_SEED = 20_261_128L;

    /** A context with no sample sink, marked as the final point. */
    public QualityContext(BatchSource test, ImageDataset referenceImages, int importanceSamples, int generatedSamples,
                          long seed) {
        this(test, referenceImages, importanceSamples, generatedSamples, seed, Math.min(100, generatedSamples), SampleSink.NONE,
                true);
    }

    /** This context for one evaluation point, with its sink and whether it is the last one. */
    public QualityContext at(SampleSink pointSink, boolean isFinal) {
        return new QualityContext(test, referenceImages, importanceSamples, generatedSamples, seed, slowSamples, pointSink,
                isFinal);
    }

    /** This context with {@code count} samples for expensive sample sets (0 skips them). */
    public QualityContext withSlowSamples(int count) {
        return new QualityContext(test, referenceImages, importanceSamples, generatedSamples, seed, count, sink, finalPoint);
    }

    /** Checks the fields. */
    public QualityContext {
        sink = sink == null ? SampleSink.NONE : sink;
        if (test == null) {
            throw new IllegalArgumentException("quality context: test source must not be null");
        }
        if (importanceSamples < 1) {
            throw new IllegalArgumentException("quality context: importanceSamples must be >= 1, got " + importanceSamples);
        }
        if (slowSamples < 0) {
            throw new IllegalArgumentException("quality context: slowSamples must be >= 0, got " + slowSamples);
        }
        if (generatedSamples < 1) {
            throw new IllegalArgumentException("quality context: generatedSamples must be >= 1, got " + generatedSamples);
        }
    }
}
