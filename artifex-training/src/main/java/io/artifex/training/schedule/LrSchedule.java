package io.artifex.training.schedule;

/** A learning rate as a pure function of the global step (from 0). */
@FunctionalInterface
public interface LrSchedule {

    /** The learning rate at {@code step}. */
    double at(long step);
}
