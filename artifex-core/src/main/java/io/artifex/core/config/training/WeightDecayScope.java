package io.artifex.core.config.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which parameters an optimizer's {@code weightDecay} applies to: {@code all} of them (PyTorch's
 * default), or only {@code matrices}, the parameters of two or more dimensions (linear weights,
 * embeddings, convolution kernels) and not biases or normalisation gains and shifts, as GPT-2 and
 * nanoGPT train. A tied embedding is one 2-D parameter, so it decays once.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum WeightDecayScope {
    /** Every parameter of the group decays. */
    ALL,
    /** Only parameters with two or more dimensions decay; vectors and scalars never do. */
    MATRICES;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a parameter of {@code dimensions} dimensions decays under this scope. */
    public boolean decays(int dimensions) {
        return this == ALL || dimensions >= 2;
    }

    /** Parses a config-file name; the error lists the accepted ones. */
    @JsonCreator
    public static WeightDecayScope fromId(String text) {
        for (WeightDecayScope s : values()) {
            if (s.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown weightDecayOn '" + text + "'; expected one of all, matrices");
    }
}
