package io.artifex.training.schedule;

/**
 * Per-step exponential decay {@code base * gamma^s}, never below {@code base * minFraction}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param baseLr the initial rate
 * @param gamma the factor per step
 * @param minFraction the floor as a fraction of baseLr
 */
public record ExponentialSchedule(double baseLr, double gamma, double minFraction) implements LrSchedule {

    /** Checks the arguments. */
    public ExponentialSchedule {
        if (!(baseLr > 0)) {
            throw new IllegalArgumentException("baseLr must be > 0, got " + baseLr);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
        if (!(minFraction >= 0 && minFraction <= 1)) {
            throw new IllegalArgumentException("minFraction must be in [0, 1], got " + minFraction);
        }
    }

    @Override
    public double at(long step) {
        return Math.max(baseLr * minFraction, baseLr * Math.pow(gamma, step));
    }
}
