package io.artifex.models.gan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;
import java.util.Locale;

/**
 * Convolution padding, as in the seed: {@code SAME} keeps the spatial size (divided by the
 * stride), {@code VALID} adds no padding. Written in upper case, as the seed does.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum Padding {
    SAME, VALID;

    /** The name used in config files: {@code SAME} or {@code VALID}. */
    @JsonValue
    public String id() {
        return name();
    }

    /** Parses {@code SAME} or {@code VALID} (case-insensitive); the error lists both. */
    @JsonCreator
    public static Padding fromId(String text) {
        return ConfigEnums.parse(Padding.class, "padding", text, p -> p.name().toLowerCase(Locale.ROOT));
    }
}
