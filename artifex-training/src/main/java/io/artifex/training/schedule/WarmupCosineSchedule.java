package io.artifex.training.schedule;

/**
 * Linear warm-up then a half-cosine decay: {@code base * (s + 1) / warmupSteps} for
 * {@code s < warmupSteps}; then, with {@code p = (s - warmupSteps) / (totalSteps - warmupSteps)}
 * clamped to [0, 1], {@code min + (base - min) * (1 + cos(pi p)) / 2}, where
 * {@code min = base * minFraction}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param baseLr the peak learning rate
 * @param warmupSteps warm-up length (0 = none)
 * @param totalSteps the step at which the decay reaches its floor; must exceed warmupSteps
 * @param minFraction the floor as a fraction of baseLr
 */
public record WarmupCosineSchedule(double baseLr, long warmupSteps, long totalSteps, double minFraction)
        implements LrSchedule {

    /** Checks the arguments. */
    public WarmupCosineSchedule {
        if (!(baseLr > 0)) {
            throw new IllegalArgumentException("baseLr must be > 0, got " + baseLr);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("totalSteps (" + totalSteps + ") must exceed warmupSteps ("
                    + warmupSteps + ")");
        }
        if (!(minFraction >= 0 && minFraction <= 1)) {
            throw new IllegalArgumentException("minFraction must be in [0, 1], got " + minFraction);
        }
    }

    @Override
    public double at(long step) {
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        double p = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        double min = baseLr * minFraction;
        return min + (baseLr - min) * 0.5 * (1 + Math.cos(Math.PI * p));
    }
}
