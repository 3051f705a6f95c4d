package io.artifex.models.vae;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;
import java.util.Locale;

/**
 * The VAE's network kind: fully connected ({@code dense}) or convolutional ({@code conv}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum EncoderType {
    DENSE, CONV;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code dense} or {@code conv}; the error lists both. */
    @JsonCreator
    public static EncoderType fromId(String text) {
        return ConfigEnums.parse(EncoderType.class, "encoder type", text, EncoderType::id);
    }
}
