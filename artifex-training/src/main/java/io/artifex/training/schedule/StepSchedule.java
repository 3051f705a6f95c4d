package io.artifex.training.schedule;

/**
 * Decay by {@code gamma} every {@code stepSize} steps: {@code base * gamma^floor(s / stepSize)}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param baseLr the initial rate
 * @param stepSize steps between decays
 * @param gamma the factor applied at each decay
 */
public record StepSchedule(double baseLr, long stepSize, double gamma) implements LrSchedule {

    /** Checks the arguments. */
    public StepSchedule {
        if (!(baseLr > 0)) {
            throw new IllegalArgumentException("baseLr must be > 0, got " + baseLr);
        }
        if (stepSize < 1) {
            throw new IllegalArgumentException("stepSize must be >= 1, got " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
    }

    @Override
    public double at(long step) {
        return baseLr * Math.pow(gamma, Math.floorDiv(step, stepSize));
    }
}
