package io.artifex.core.config;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Activation functions a config may name: {@code relu}, {@code leaky_relu} (slope 0.2),
 * {@code silu} (also accepted as {@code swish}), {@code gelu}, {@code tanh}, {@code sigmoid},
 * {@code elu}, {@code softplus}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum ActivationType {
    RELU("relu"),
    LEAKY_RELU("leaky_relu"),
    SILU("silu"),
    GELU("gelu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    ELU("elu"),
    SOFTPLUS("softplus");

    /** Negative slope used by {@link #LEAKY_RELU}. */
    public static final float LEAKY_SLOPE = 0.2f;

    private final String id;

    ActivationType(String id) {
        this.id = id;
    }

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Parses a config name (case-insensitive, "swish" = silu); the error lists valid names. */
    @JsonCreator
    public static ActivationType fromId(String text) {
        if (text == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        if (key.equals("swish")) {
            return SILU;
        }
        for (ActivationType type : values()) {
            if (type.id.equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + text + "'; expected one of "
                + Arrays.stream(values()).map(ActivationType::id).collect(Collectors.joining(", ")) + " (or swish)");
    }

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> Activation.relu(x);
            case LEAKY_RELU -> Activation.leakyRelu(x, LEAKY_SLOPE);
            case SILU -> x.mul(Activation.sigmoid(x));
            case GELU -> Activation.gelu(x);
            case TANH -> x.tanh();
            case SIGMOID -> Activation.sigmoid(x);
            case ELU -> Activation.elu(x, 1f);
            case SOFTPLUS -> Activation.softPlus(x);
        };
    }
}
