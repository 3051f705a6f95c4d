package io.artifex.core.config.vae;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The VAE's network kind: fully connected ({@code dense}) or convolutional ({@code conv}). */
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
        for (EncoderType t : values()) {
            if (t.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown encoder type '" + text + "'; expected dense or conv");
    }
}
