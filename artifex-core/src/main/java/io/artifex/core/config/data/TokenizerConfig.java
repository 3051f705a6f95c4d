package io.artifex.core.config.data;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tokenizer turns text into ids: an existing HuggingFace {@code tokenizer.json}
 * ({@code path}), or one trained on the training split of the corpus.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param kind {@code bpe} (byte-level BPE, GPT-2 style) or {@code char} (one token per character);
 *             default {@code bpe}; ignored when {@code path} is set (the file says which)
 * @param path a {@code tokenizer.json} to load; null (the default) to train one
 * @param vocabSize the vocabulary size a BPE tokenizer is trained to, special tokens and the 256
 *                  byte tokens included; default 4,096 (at least 256 plus the special tokens)
 * @param minFrequency a pair of tokens seen fewer times than this is never merged; default 2
 * @param specialTokens the special tokens, given the first ids in this order; must hold
 *                      {@code <|endoftext|>}; default {@code [<|endoftext|>, <|pad|>]}
 */
public record TokenizerConfig(
        @NotNull @Pattern(regexp = "bpe|char", message = "must be bpe or char") String kind,
        @Size(max = ConfigLimits.MAX_PATH_LENGTH) String path,
        @NotNull @Min(257) @Max(1_048_576) Integer vocabSize,
        @NotNull @Positive Integer minFrequency,
        @NotNull @Size(min = 1, max = 1000) List<@NotNull @Size(min = 1, max = ConfigLimits.MAX_TEXT_LENGTH) String>
                specialTokens) implements CrossFieldRules {

    /** The end-of-text token every tokenizer must have. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    /** The default special tokens. */
    public static final List<String> DEFAULT_SPECIAL_TOKENS = List.of(END_OF_TEXT, "<|pad|>");

    /** Defaults: BPE trained to 4,096 tokens, pairs seen at least twice, end-of-text and pad specials. */
    public TokenizerConfig {
        kind = kind == null ? "bpe" : kind.trim().toLowerCase(java.util.Locale.ROOT);
        vocabSize = vocabSize == null ? 4096 : vocabSize;
        minFrequency = minFrequency == null ? 2 : minFrequency;
        specialTokens = specialTokens == null ? DEFAULT_SPECIAL_TOKENS : List.copyOf(specialTokens);
    }

    /** Rules: the special tokens hold {@code <|endoftext|>} and no repeats, and leave room for the 256 bytes. */
    @Override
    public void check(RuleContext ctx) {
        if (!specialTokens.contains(END_OF_TEXT)) {
            ctx.reject("specialTokens", "must include " + END_OF_TEXT + " (it separates documents), got " + specialTokens);
        }
        Set<String> seen = new HashSet<>();
        for (String s : specialTokens) {
            if (!seen.add(s)) {
                ctx.reject("specialTokens", "lists '" + s + "' twice");
            }
        }
        if ("bpe".equals(kind) && vocabSize < 256 + specialTokens.size()) {
            ctx.reject("vocabSize", "must be at least 256 byte tokens + " + specialTokens.size()
                    + " special tokens = " + (256 + specialTokens.size()) + ", got " + vocabSize);
        }
    }

    /** The defaults. */
    public static TokenizerConfig defaults() {
        return builder().build();
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TokenizerConfig} one named field at a time; unset fields take the defaults. */
    public static final class Builder {
        private String kind;
        private String path;
        private Integer vocabSize;
        private Integer minFrequency;
        private List<String> specialTokens;

        private Builder() {
        }

        /** Sets {@code kind}: {@code bpe} or {@code char}. */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** Sets {@code path}: a {@code tokenizer.json} to load instead of training. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Sets {@code vocabSize}: the BPE vocabulary size to train to. */
        public Builder vocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            return this;
        }

        /** Sets {@code minFrequency}: the fewest times a pair must be seen to be merged. */
        public Builder minFrequency(int minFrequency) {
            this.minFrequency = minFrequency;
            return this;
        }

        /** Sets {@code specialTokens}: the special tokens, first ids in this order. */
        public Builder specialTokens(List<String> specialTokens) {
            this.specialTokens = specialTokens;
            return this;
        }

        /** The config, with defaults for unset fields; validated by {@code ConfigValidator} or on use. */
        public TokenizerConfig build() {
            return new TokenizerConfig(kind, path, vocabSize, minFrequency, specialTokens);
        }
    }
}
