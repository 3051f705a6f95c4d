package io.artifex.eval.bench;

import io.artifex.core.data.BatchSource;
import io.artifex.data.ImageDataset;

/**
 * What a {@link BenchmarkModel} needs to measure quality: the test data (fixed order, fixed
 * preprocessing seed) and the run's evaluation options.
 *
 * @param test the test split, in a fixed order, preprocessed with {@link #TEST_PREPROCESSING_SEED}
 * @param referenceImages the same test examples as raw images (the reference of sample-based
 *                        metrics), or null when the data are not images
 * @param importanceSamples k of the importance-weighted bound (models with such a bound)
 * @param generatedSamples how many samples sample-based metrics draw
 * @param seed the seed of every random draw the evaluation makes
 */
public record QualityContext(BatchSource test, ImageDataset referenceImages, int importanceSamples, int generatedSamples, long seed) {

    /**
     * The seed of the test split's stochastic preprocessing (the binarisation of the VAE's test
     * digits), the same in every run so that every run is scored on the same binary images.
     */
    public static final long TEST_PREPROCESSING_SEED = 20_261_128L;

    /** Checks the fields. */
    public QualityContext {
        if (test == null) {
            throw new IllegalArgumentException("quality context: test source must not be null");
        }
        if (importanceSamples < 1) {
            throw new IllegalArgumentException("quality context: importanceSamples must be >= 1, got " + importanceSamples);
        }
        if (generatedSamples < 1) {
            throw new IllegalArgumentException("quality context: generatedSamples must be >= 1, got " + generatedSamples);
        }
    }
}
