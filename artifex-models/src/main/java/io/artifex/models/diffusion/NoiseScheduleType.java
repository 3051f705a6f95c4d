package io.artifex.models.diffusion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * How the noise variances beta_t grow over the timesteps: {@code linear}, {@code cosine}
 * (Nichol and Dhariwal; ignores betaStart and betaEnd), {@code quadratic} or {@code sqrt}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum NoiseScheduleType {
    LINEAR, COSINE, QUADRATIC, SQRT;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return ConfigEnums.lowerName(this);
    }

    /** Parses a schedule name; the error lists the valid names. */
    @JsonCreator
    public static NoiseScheduleType fromId(String text) {
        return ConfigEnums.parse(NoiseScheduleType.class, "schedule type", text, NoiseScheduleType::id);
    }
}
