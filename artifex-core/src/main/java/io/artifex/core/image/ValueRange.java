package io.artifex.core.image;

/**
 * The range pixel values are in before they become 8-bit: {@code [0, 1]} or {@code [-1, 1]}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum ValueRange {
    /** Values in [0, 1]; 0 is black, 1 is white. */
    ZERO_ONE(0f, 1f),
    /** Values in [-1, 1] (the usual GAN/diffusion data range); -1 is black, 1 is white. */
    MINUS_ONE_ONE(-1f, 1f);

    private final float low;
    private final float high;

    ValueRange(float low, float high) {
        this.low = low;
        this.high = high;
    }

    /** The lower bound (the value shown black). */
    public float low() {
        return low;
    }

    /** The upper bound (the value shown white). */
    public float high() {
        return high;
    }

    /** Maps a value to an 8-bit level, clamping values outside the range. */
    public int toByte(float value) {
        if (Float.isNaN(value)) {
            return 0;
        }
        float t = (value - low) / (high - low);
        t = Math.max(0f, Math.min(1f, t));
        return Math.round(t * 255f);
    }
}
