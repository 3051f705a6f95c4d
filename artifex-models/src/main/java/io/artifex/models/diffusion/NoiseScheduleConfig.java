package io.artifex.models.diffusion;

import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The forward-process noise schedule, as in the seed's {@code NoiseScheduleConfig}.
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
        @NotBlank String name,
        @NotNull NoiseScheduleType scheduleType,
        @NotNull @Positive Integer numTimesteps,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double betaStart,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double betaEnd)
        implements CrossFieldRules {

    /** Defaults: betaStart 1e-4, betaEnd 0.02. */
    public NoiseScheduleConfig {
        betaStart = betaStart == null ? 1e-4 : betaStart;
        betaEnd = betaEnd == null ? 0.02 : betaEnd;
    }

    /** The seed's form: {@code NoiseScheduleConfig(name, schedule_type, num_timesteps)}. */
    public NoiseScheduleConfig(String name, NoiseScheduleType scheduleType, int numTimesteps) {
        this(name, scheduleType, numTimesteps, null, null);
    }

    /** Cross-field rule: the variances grow, betaStart &lt; betaEnd. */
    @Override
    public void check(RuleContext ctx) {
        ctx.requireGreater("betaEnd", betaEnd, "betaStart", betaStart);
    }
}
