package io.artifex.core.config.data;

import io.artifex.core.config.Finite;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * How a data source without its own test split (a flat image folder, one without {@code train/}
 * and {@code test/} subfolders) is divided: a seeded random {@code testFraction} of its images is
 * held out as the test split and the rest is the training split, so no image is in both.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param testFraction the share of images held out for testing, greater than 0 and less than 1;
 *                     default 0.1 (the test split gets {@code round(n * testFraction)} images,
 *                     at least one, and the training split at least one)
 * @param seed the seed of the random choice; the same seed gives the same split; default 0
 */
public record SplitConfig(
        @NotNull @Finite @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
        Double testFraction,
        @NotNull Long seed) {

    /** The default held-out share. */
    public static final double DEFAULT_TEST_FRACTION = 0.1;

    /** Defaults: 10% held out, seed 0. */
    public SplitConfig {
        testFraction = testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
        seed = seed == null ? 0L : seed;
    }

    /** The default rule: 10% held out with seed 0. */
    public static SplitConfig defaults() {
        return new SplitConfig(DEFAULT_TEST_FRACTION, 0L);
    }

    /** A split holding out {@code testFraction} of the images, chosen with {@code seed}. */
    public static SplitConfig of(double testFraction, long seed) {
        return new SplitConfig(testFraction, seed);
    }
}
