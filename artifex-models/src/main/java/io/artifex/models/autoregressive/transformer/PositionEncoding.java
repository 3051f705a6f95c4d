package io.artifex.models.autoregressive.transformer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * How a Transformer knows where a token is: a learned embedding per position added to the token
 * embedding ({@code learned}, as GPT-2), or rotary embeddings that rotate each head's queries and
 * keys by an angle proportional to the position ({@code rotary}, RoFormer), with no parameters.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum PositionEncoding {
    LEARNED, ROTARY;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return ConfigEnums.lowerName(this);
    }

    /** Parses {@code learned} or {@code rotary}; the error lists both. */
    @JsonCreator
    public static PositionEncoding fromId(String text) {
        return ConfigEnums.parse(PositionEncoding.class, "position encoding", text, PositionEncoding::id);
    }
}
