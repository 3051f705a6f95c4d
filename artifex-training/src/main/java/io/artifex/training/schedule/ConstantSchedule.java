package io.artifex.training.schedule;

/**
 * The same learning rate at every step.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public record ConstantSchedule(double baseLr) implements LrSchedule {

    /** Checks the rate is positive. */
    public ConstantSchedule {
        if (!(baseLr > 0)) {
            throw new IllegalArgumentException("baseLr must be > 0, got " + baseLr);
        }
    }

    @Override
    public double at(long step) {
        return baseLr;
    }
}
