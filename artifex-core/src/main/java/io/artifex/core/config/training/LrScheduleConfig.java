package io.artifex.core.config.training;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.Finite;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
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
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
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
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_STEPS) Integer warmupSteps,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_STEPS) Integer totalSteps,
        @NotNull @Finite @DecimalMin("0") @DecimalMax("1") Double minFraction,
        @NotNull @Positive @Max(ConfigLimits.MAX_STEPS) Integer stepSize,
        @NotNull @Finite @Positive @DecimalMax("1") Double gamma) {

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
        return builder().type(ScheduleType.CONSTANT).build();
    }

    /** Linear warm-up then cosine decay to {@code minFraction} of the base rate. */
    public static LrScheduleConfig warmupCosine(int warmupSteps, int totalSteps, double minFraction) {
        return builder().type(ScheduleType.WARMUP_COSINE).warmupSteps(warmupSteps).totalSteps(totalSteps)
                .minFraction(minFraction).build();
    }

    /** The rate multiplied by {@code gamma} every {@code stepSize} steps. */
    public static LrScheduleConfig step(int stepSize, double gamma) {
        return builder().type(ScheduleType.STEP).stepSize(stepSize).gamma(gamma).build();
    }

    /** The rate multiplied by {@code gamma} every step, floored at {@code minFraction} of the base rate. */
    public static LrScheduleConfig exponential(double gamma, double minFraction) {
        return builder().type(ScheduleType.EXPONENTIAL).gamma(gamma).minFraction(minFraction).build();
    }

    /** A builder with every field unset (unset fields take the defaults of the record description). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this schedule's values, for a changed copy. */
    public Builder toBuilder() {
        return new Builder().type(type).warmupSteps(warmupSteps).totalSteps(totalSteps).minFraction(minFraction)
                .stepSize(stepSize).gamma(gamma);
    }

    /**
     * Builds an {@link LrScheduleConfig} one named field at a time; {@link #build()} calls the
     * canonical constructor, so fields left unset take the same defaults as in a config file.
     */
    public static final class Builder {
        private ScheduleType type;
        private Integer warmupSteps;
        private Integer totalSteps;
        private Double minFraction;
        private Integer stepSize;
        private Double gamma;

        private Builder() {
        }

        /** Sets {@code type}. */
        public Builder type(ScheduleType value) {
            this.type = value;
            return this;
        }

        /** Sets {@code warmupSteps}. */
        public Builder warmupSteps(int value) {
            this.warmupSteps = value;
            return this;
        }

        /** Sets {@code totalSteps} (0 = the run's total steps). */
        public Builder totalSteps(int value) {
            this.totalSteps = value;
            return this;
        }

        /** Sets {@code minFraction}. */
        public Builder minFraction(double value) {
            this.minFraction = value;
            return this;
        }

        /** Sets {@code stepSize}. */
        public Builder stepSize(int value) {
            this.stepSize = value;
            return this;
        }

        /** Sets {@code gamma}. */
        public Builder gamma(double value) {
            this.gamma = value;
            return this;
        }

        /** The schedule; unset fields take their defaults. */
        public LrScheduleConfig build() {
            return new LrScheduleConfig(type, warmupSteps, totalSteps, minFraction, stepSize, gamma);
        }
    }
}
