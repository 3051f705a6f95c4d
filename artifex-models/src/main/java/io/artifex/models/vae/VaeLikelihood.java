package io.artifex.models.vae;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;
import java.util.Locale;

/**
 * The decoder's observation model: {@code bernoulli} (logits) or {@code gaussian} (fixed std).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum VaeLikelihood {
    BERNOULLI, GAUSSIAN;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code bernoulli} or {@code gaussian}; the error lists both. */
    @JsonCreator
    public static VaeLikelihood fromId(String text) {
        return ConfigEnums.parse(VaeLikelihood.class, "likelihood", text, VaeLikelihood::id);
    }
}
