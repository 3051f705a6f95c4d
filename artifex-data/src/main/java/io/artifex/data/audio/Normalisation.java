package io.artifex.data.audio;

/**
 * How each clip's loudness is set before cropping (see {@link AudioOps}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum Normalisation {
    /** Left as decoded. */
    NONE,
    /** Scaled to a peak of 1.0 (full scale). */
    PEAK,
    /** Scaled to an RMS of {@value AudioOps#DEFAULT_RMS_LEVEL} (-20 dBFS), then clipped to [-1, 1]. */
    RMS
}
