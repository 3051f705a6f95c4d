package io.artifex.models.diffusion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * What the denoising network predicts: the added noise ({@code epsilon}), the clean image
 * ({@code x0}) or the velocity {@code v = sqrt(abar) eps - sqrt(1 - abar) x0} ({@code v}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum PredictionType {
    EPSILON, X0, V;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return ConfigEnums.lowerName(this);
    }

    /** Parses {@code epsilon}, {@code x0} or {@code v}; the error lists them. */
    @JsonCreator
    public static PredictionType fromId(String text) {
        return ConfigEnums.parse(PredictionType.class, "prediction type", text, PredictionType::id);
    }
}
