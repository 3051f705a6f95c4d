package io.artifex.models.flow;

/**
 * Which half of an image a {@link ConvCoupling} keeps (conditions on) and which it transforms:
 * a checkerboard over positions, or the first or second half of the channels.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum CouplingMask {
    /** Keeps positions with {@code (h + w)} even. */
    CHECKERBOARD_EVEN,
    /** Keeps positions with {@code (h + w)} odd. */
    CHECKERBOARD_ODD,
    /** Keeps the first half of the channels. */
    CHANNEL_FIRST,
    /** Keeps the second half of the channels. */
    CHANNEL_SECOND;

    /** Whether this is a checkerboard (spatial) mask. */
    public boolean isCheckerboard() {
        return this == CHECKERBOARD_EVEN || this == CHECKERBOARD_ODD;
    }
}
