package io.artifex.models.diffusion;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The forward-process noise schedule, as in the seed's {@code NoiseScheduleConfig}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name a label for logs
 * @param scheduleType {@code linear}, {@code cosine}, {@code quadratic} or {@code sqrt}
 * @param numTimesteps the number of diffusion steps T, e.g. 1000
 * @param betaStart beta_1, the noise variance of the first step, in (0, 1); default 1e-4
 *                  (not used by {@code cosine})
 * @param betaEnd beta_T, the noise variance of the last step, in (0, 1) and greater than
 *                betaStart; default 0.02 (not used by {@code cosine})
 */
public record NoiseScheduleConfig(
        @NotBlank @ConfigName String name,
        @NotNull NoiseScheduleType scheduleType,
        @NotNull @Min(value = 2, message = "must be at least 2 (one step is no diffusion)")
        @Max(ConfigLimits.MAX_TIMESTEPS) Integer numTimesteps,
        @NotNull @Finite @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
        Double betaStart,
        @NotNull @Finite @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
        Double betaEnd)
        implements CrossFieldRules {

    /** Defaults: betaStart 1e-4, betaEnd 0.02. */
    public NoiseScheduleConfig {
        betaStart = betaStart == null ? 1e-4 : betaStart;
        betaEnd = betaEnd == null ? 0.02 : betaEnd;
    }

    /** The seed's form: {@code NoiseScheduleConfig(name, schedule_type, num_timesteps)}. */
    public NoiseScheduleConfig(String name, NoiseScheduleType scheduleType, int numTimesteps) {
        this(builder().name(name).scheduleType(scheduleType).numTimesteps(numTimesteps));
    }

    /** Cross-field rule: the variances grow, betaStart &lt; betaEnd. */
    @Override
    public void check(RuleContext ctx) {
        ctx.requireGreater("betaEnd", betaEnd, "betaStart", betaStart);
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link NoiseScheduleConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.scheduleType = scheduleType;
        builder.numTimesteps = numTimesteps;
        builder.betaStart = betaStart;
        builder.betaEnd = betaEnd;
        return builder;
    }

    private NoiseScheduleConfig(Builder builder) {
        this(builder.name, builder.scheduleType, builder.numTimesteps, builder.betaStart, builder.betaEnd);
    }

    /**
     * Builds a {@link NoiseScheduleConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private NoiseScheduleType scheduleType;
        private Integer numTimesteps;
        private Double betaStart;
        private Double betaEnd;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code scheduleType}: {@code linear}, {@code cosine}, {@code quadratic} or {@code sqrt}. */
        public Builder scheduleType(NoiseScheduleType scheduleType) {
            this.scheduleType = scheduleType;
            return this;
        }

        /** Sets {@code numTimesteps}: the number of diffusion steps T, e.g. 1000. */
        public Builder numTimesteps(int numTimesteps) {
            this.numTimesteps = numTimesteps;
            return this;
        }

        /**
         * Sets {@code betaStart}: beta_1, the noise variance of the first step, in (0, 1); default 1e-4 (not
         * used by {@code cosine}).
         */
        public Builder betaStart(double betaStart) {
            this.betaStart = betaStart;
            return this;
        }

        /**
         * Sets {@code betaEnd}: beta_T, the noise variance of the last step, in (0, 1) and greater than
         * betaStart; default 0.02 (not used by {@code cosine}).
         */
        public Builder betaEnd(double betaEnd) {
            this.betaEnd = betaEnd;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public NoiseScheduleConfig build() {
            return new NoiseScheduleConfig(this);
        }
    }
}
