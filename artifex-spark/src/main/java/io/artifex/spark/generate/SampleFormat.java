package io.artifex.spark.generate;

/**
 * How a generated sample is stored in a row.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum SampleFormat {
    /** Column {@code values}: the sample's values as {@code array<float>}, flattened in the model's example shape. */
    FLOATS,
    /** Column {@code png}: the sample as an 8-bit PNG (grey for one channel, RGB for three); image models only. */
    PNG
}
