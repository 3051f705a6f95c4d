package io.artifex.models.autoregressive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a PixelCNN feeds a pixel's level k of {@code numLevels} to its first layer:
 * {@code intensity} (the default) as one ordinal value {@code 2k / (numLevels - 1) - 1} per
 * channel, right for image intensities whose levels are ordered; {@code oneHot} as
 * {@code numLevels} indicator channels per channel, right for categories without an order (the
 * code indices of a VQ-VAE). Only the first layer's input width changes; the masks, the output
 * and the likelihood are the same.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum PixelCnnInputEncoding {
    /** One value {@code 2x - 1} per channel, for {@code x = k / (numLevels - 1)}. */
    INTENSITY("intensity"),
    /** {@code numLevels} channels per channel, 1 at the pixel's level and 0 elsewhere. */
    ONE_HOT("oneHot");

    private final String id;

    PixelCnnInputEncoding(String id) {
        this.id = id;
    }

    /** The name used in config files: {@code intensity} or {@code oneHot}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Parses {@code intensity} or {@code oneHot} (case-insensitive); the error lists both. */
    @JsonCreator
    public static PixelCnnInputEncoding fromId(String text) {
        if (text != null) {
            for (PixelCnnInputEncoding encoding : values()) {
                if (encoding.id.equalsIgnoreCase(text.trim())) {
                    return encoding;
                }
            }
        }
        throw new IllegalArgumentException("unknown PixelCNN input encoding '" + text + "'; expected one of "
                + Arrays.stream(values()).map(PixelCnnInputEncoding::id).collect(Collectors.joining(", ")));
    }
}
