package io.artifex.core.config.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;
import java.util.Optional;

/**
 * How 8-bit images are turned into model inputs: {@code scale01} (x/255), {@code scale11}
 * (to [-1, 1]), {@code binarize} (dynamic binarisation: a fresh Bernoulli(x/255) draw each
 * batch), {@code dequantize} ((x + u)/256 with u ~ U[0, 1)) or {@code auto} (whichever of these
 * the model's {@link io.artifex.core.model.DataContract} declares, resolved by
 * {@link io.artifex.core.model.DataContract#resolve} before the data are built).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum Preprocessing {
    /** {@code x / 255}: values in [0, 1]. */
    SCALE01("scale01", "scaleTo01()"),
    /** {@code x / 127.5 - 1}: values in [-1, 1]. */
    SCALE11("scale11", "scaleToSymmetric()"),
    /** A fresh Bernoulli(x / 255) draw per batch: values 0 and 1. */
    BINARIZE("binarize", "binarise()"),
    /** {@code (x + u) / 256}, {@code u ~ U[0, 1)}: continuous values in [0, 1). */
    DEQUANTIZE("dequantize", "dequantise()"),
    /** The preprocessing the model's data contract declares (see the class notes). */
    AUTO("auto", null);

    /** The class of the data module whose static methods implement the concrete preprocessings. */
    public static final String TRANSFORMS_CLASS = "io.artifex.data.transform.Transforms";

    private final String id;
    private final String transformMethod;

    Preprocessing(String id, String transformMethod) {
        this.id = id;
        this.transformMethod = transformMethod;
    }

    /**
     * The data module's transform this preprocessing applies, as a method of
     * {@link #TRANSFORMS_CLASS} (e.g. {@code "scaleToSymmetric()"}); empty for {@link #AUTO},
     * which stands for another preprocessing.
     */
    public Optional<String> transformMethod() {
        return Optional.ofNullable(transformMethod);
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
