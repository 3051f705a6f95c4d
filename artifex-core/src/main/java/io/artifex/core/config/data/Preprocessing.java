package io.artifex.core.config.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * How 8-bit images are turned into model inputs: {@code scale01} (x/255), {@code scale11}
 * (to [-1, 1]), {@code binarize} (dynamic binarisation: a fresh Bernoulli(x/255) draw each
 * batch) or {@code dequantize} ((x + u)/256 with u ~ U[0, 1)).
 */
public enum Preprocessing {
    SCALE01("scale01"),
    SCALE11("scale11"),
    BINARIZE("binarize"),
    DEQUANTIZE("dequantize");

    private final String id;

    Preprocessing(String id) {
        this.id = id;
    }

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Parses a config name; the error lists the valid ones. */
    @JsonCreator
    public static Preprocessing fromId(String text) {
        return ConfigEnums.parse(Preprocessing.class, "preprocessing", text, Preprocessing::id);
    }
}
