package io.artifex.core.config.training;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A learning-rate schedule: the learning rate at each global step as a multiple of the
 * optimizer's base {@code learningRate}. Steps count from 0.
 * <ul>
 *   <li>{@code constant}: always the base rate.</li>
 *   <li>{@code warmup_cosine}: {@code base * (s + 1) / warmupSteps} for {@code s < warmupSteps},
 *       then a half cosine from {@code base} down to {@code base * minFraction} at
 *       {@code totalSteps}, constant after.</li>
 *   <li>{@code step}: {@code base * gamma^floor(s / stepSize)}.</li>
 *   <li>{@code exponential}: {@code base * gamma^s}, floored at {@code base * minFraction}.</li>
 * </ul>
 *
 * @param type the shape; default constant
 * @param warmupSteps linear warm-up length (warmup_cosine); default 0
 * @param totalSteps the step at which the cosine ends; 0 = the run's total steps (default)
 * @param minFraction the final learning rate as a fraction of the base; default 0
 * @param stepSize steps between decays (step); default 1000
 * @param gamma the decay factor (step, exponential); default 0.1 for step, 0.999 for exponential
 */
public record LrScheduleConfig(
        @NotNull ScheduleType type,
        @NotNull @PositiveOrZero Integer warmupSteps,
        @NotNull @PositiveOrZero Integer totalSteps,
        @NotNull @DecimalMin("0") @DecimalMax("1") Double minFraction,
        @NotNull @Positive Integer stepSize,
        @NotNull @Positive @DecimalMax("1") Double gamma) {

    /** Fills every missing field with its default (see the record description). */
    public LrScheduleConfig {
        type = type == null ? ScheduleType.CONSTANT : type;
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
        totalSteps = totalSteps == null ? 0 : totalSteps;
        minFraction = minFraction == null ? 0.0 : minFraction;
        stepSize = stepSize == null ? 1000 : stepSize;
        gamma = gamma == null ? (type == ScheduleType.EXPONENTIAL ? 0.999 : 0.1) : gamma;
    }

    /** The constant schedule. */
    public static LrScheduleConfig constant() {
        return new LrScheduleConfig(ScheduleType.CONSTANT, null, null, null, null, null);
    }

    /** Linear warm-up then cosine decay to {@code minFraction} of the base rate. */
    public static LrScheduleConfig warmupCosine(int warmupSteps, int totalSteps, double minFraction) {
        return new LrScheduleConfig(ScheduleType.WARMUP_COSINE, warmupSteps, totalSteps, minFraction, null, null);
    }
}
