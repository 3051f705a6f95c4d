package io.artifex.core.config.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The optimizer algorithm: {@code adam}, {@code adamw} (decoupled weight decay), {@code sgd} (with momentum), {@code rmsprop}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum OptimizerType {
    ADAM, ADAMW, SGD, RMSPROP;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config-file name; the error lists the accepted ones. */
    @JsonCreator
    public static OptimizerType fromId(String text) {
        for (OptimizerType t : values()) {
            if (t.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown optimizer type '" + text + "'; expected one of adam, adamw, sgd, rmsprop");
    }
}
