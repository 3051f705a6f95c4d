package io.artifex.core.config.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The learning-rate schedule shape: {@code constant}, {@code warmup_cosine}, {@code step}, {@code exponential}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum ScheduleType {
    CONSTANT, WARMUP_COSINE, STEP, EXPONENTIAL;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config-file name; the error lists the accepted ones. */
    @JsonCreator
    public static ScheduleType fromId(String text) {
        for (ScheduleType t : values()) {
            if (t.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown schedule type '" + text + "'; expected one of constant, warmup_cosine, step, exponential");
    }
}
