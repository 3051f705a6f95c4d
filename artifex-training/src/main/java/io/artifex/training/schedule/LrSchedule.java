package io.artifex.training.schedule;

/**
 * A learning rate as a pure function of the global step (from 0).
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
@FunctionalInterface
public interface LrSchedule {

    /** The learning rate at {@code step}. */
    double at(long step);
}
