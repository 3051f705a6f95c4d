package io.artifex.core.config.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;
import java.util.Locale;

/**
 * Whether a monitored metric improves when it goes down ({@code min}, e.g. a loss) or up ({@code max}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum MonitorMode {
    MIN, MAX;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config-file name; the error lists the accepted ones. */
    @JsonCreator
    public static MonitorMode fromId(String text) {
        return ConfigEnums.parse(MonitorMode.class, "monitor mode", text, MonitorMode::id);
    }
}
