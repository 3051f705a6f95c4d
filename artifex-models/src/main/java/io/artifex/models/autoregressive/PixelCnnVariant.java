package io.artifex.models.autoregressive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * The PixelCNN architecture: the original masked-convolution residual network
 * ({@code pixelcnn}) or Gated PixelCNN with vertical and horizontal stacks ({@code gated}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum PixelCnnVariant {
    PIXELCNN, GATED;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return ConfigEnums.lowerName(this);
    }

    /** Parses {@code pixelcnn} or {@code gated}; the error lists both. */
    @JsonCreator
    public static PixelCnnVariant fromId(String text) {
        return ConfigEnums.parse(PixelCnnVariant.class, "PixelCNN variant", text, PixelCnnVariant::id);
    }
}
