package io.artifex.training.schedule;

import io.artifex.core.config.training.LrScheduleConfig;

/**
 * Builds an {@link LrSchedule} from its config.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class LrSchedules {

    private LrSchedules() {
    }

    /**
     * The schedule a config describes around {@code baseLr}; a config {@code totalSteps} of 0
     * means {@code runTotalSteps}, the length of the run.
     */
    public static LrSchedule create(LrScheduleConfig config, double baseLr, long runTotalSteps) {
        if (config == null) {
            throw new IllegalArgumentException("schedule config must not be null");
        }
        return switch (config.type()) {
            case CONSTANT -> new ConstantSchedule(baseLr);
            case WARMUP_COSINE -> {
                long total = config.totalSteps() > 0 ? config.totalSteps() : runTotalSteps;
                if (total <= config.warmupSteps()) {
                    throw new IllegalArgumentException("schedule totalSteps (" + total
                            + ") must exceed warmupSteps (" + config.warmupSteps() + ")");
                }
                yield new WarmupCosineSchedule(baseLr, config.warmupSteps(), total, config.minFraction());
            }
            case STEP -> new StepSchedule(baseLr, config.stepSize(), config.gamma());
            case EXPONENTIAL -> new ExponentialSchedule(baseLr, config.gamma(), config.minFraction());
        };
    }
}
