package io.artifex.models.autoregressive.transformer;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A decoder-only Transformer language model over token ids. Type id {@code transformer}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name a label for logs
 * @param vocabSize the number of token ids (the tokenizer's vocabulary), at least 2
 * @param contextLength the most positions the network attends over; a window of
 *                      {@code contextLength + 1} tokens is the longest it scores
 * @param numLayers pre-norm blocks
 * @param numHeads attention heads; {@code width} must be divisible by it
 * @param width the model (embedding) width
 * @param mlpWidth the hidden width of each block's MLP; default {@code 4 * width}
 * @param dropout the dropout rate in training, in [0, 1); default 0.1
 * @param positions {@code learned} (default) or {@code rotary}; rotary needs an even head width
 * @param tiedEmbeddings whether the output projection is the token embedding (default true)
 * @param padTokenId the id that pads windows: never attended to by other tokens, never scored,
 *                   never sampled; unset when the data has no padding
 * @param endOfTextTokenId the id that separates documents; unprompted samples start from it;
 *                         default 0 (where byte-level BPE trainers put their first special token)
 */
public record TransformerConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Min(2) @Max(ConfigLimits.MAX_VOCABULARY) Integer vocabSize,
        @NotNull @Positive @Max(ConfigLimits.MAX_CONTEXT) Integer contextLength,
        @NotNull @Positive @Max(ConfigLimits.MAX_LAYERS) Integer numLayers,
        @NotNull @Positive @Max(ConfigLimits.MAX_GROUPS) Integer numHeads,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer width,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer mlpWidth,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double dropout,
        @NotNull PositionEncoding positions,
        @NotNull Boolean tiedEmbeddings,
        @PositiveOrZero @Max(ConfigLimits.MAX_VOCABULARY) Integer padTokenId,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_VOCABULARY) Integer endOfTextTokenId)
        implements ModelConfig, CrossFieldRules {

    /** Defaults: mlpWidth 4 * width, dropout 0.1, learned positions, tied embeddings, no padding, end of text 0. */
    public TransformerConfig {
        if (mlpWidth == null && width != null) {
            mlpWidth = 4 * width;
        }
        dropout = dropout == null ? 0.1 : dropout;
        positions = positions == null ? PositionEncoding.LEARNED : positions;
        tiedEmbeddings = tiedEmbeddings == null ? Boolean.TRUE : tiedEmbeddings;
        endOfTextTokenId = endOfTextTokenId == null ? 0 : endOfTextTokenId;
    }

    /**
     * Cross-field rules: the heads divide the width, rotary positions need an even head width, and
     * the special ids are distinct ids of the vocabulary.
     */
    @Override
    public void check(RuleContext ctx) {
        if (width != null && numHeads != null && width % numHeads != 0) {
            ctx.reject("width", "must be divisible by numHeads (" + numHeads + "), got " + width);
        } else if (width != null && numHeads != null && positions == PositionEncoding.ROTARY
                && (width / numHeads) % 2 != 0) {
            ctx.reject("positions", "rotary needs an even head width (width / numHeads), got " + width / numHeads);
        }
        if (vocabSize != null && padTokenId != null && padTokenId >= vocabSize) {
            ctx.reject("padTokenId", "must be an id of the vocabulary, below vocabSize (" + vocabSize + "), got "
                    + padTokenId);
        }
        if (vocabSize != null && endOfTextTokenId != null && endOfTextTokenId >= vocabSize) {
            ctx.reject("endOfTextTokenId", "must be an id of the vocabulary, below vocabSize (" + vocabSize
                    + "), got " + endOfTextTokenId);
        }
        if (padTokenId != null && padTokenId.equals(endOfTextTokenId)) {
            ctx.reject("padTokenId", "must differ from endOfTextTokenId (" + endOfTextTokenId
                    + "): padding is never scored or sampled, the end of a text is");
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link TransformerConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.vocabSize = vocabSize;
        b.contextLength = contextLength;
        b.numLayers = numLayers;
        b.numHeads = numHeads;
        b.width = width;
        b.mlpWidth = mlpWidth;
        b.dropout = dropout;
        b.positions = positions;
        b.tiedEmbeddings = tiedEmbeddings;
        b.padTokenId = padTokenId;
        b.endOfTextTokenId = endOfTextTokenId;
        return b;
    }

    private TransformerConfig(Builder b) {
        this(b.name, b.vocabSize, b.contextLength, b.numLayers, b.numHeads, b.width, b.mlpWidth, b.dropout,
                b.positions, b.tiedEmbeddings, b.padTokenId, b.endOfTextTokenId);
    }

    /**
     * Builds a {@link TransformerConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer vocabSize;
        private Integer contextLength;
        private Integer numLayers;
        private Integer numHeads;
        private Integer width;
        private Integer mlpWidth;
        private Double dropout;
        private PositionEncoding positions;
        private Boolean tiedEmbeddings;
        private Integer padTokenId;
        private Integer endOfTextTokenId;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code vocabSize}: the number of token ids. */
        public Builder vocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            return this;
        }

        /** Sets {@code contextLength}: the most positions the network attends over. */
        public Builder contextLength(int contextLength) {
            this.contextLength = contextLength;
            return this;
        }

        /** Sets {@code numLayers}: pre-norm blocks. */
        public Builder numLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /** Sets {@code numHeads}: attention heads. */
        public Builder numHeads(int numHeads) {
            this.numHeads = numHeads;
            return this;
        }

        /** Sets {@code width}: the model width. */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        /** Sets {@code mlpWidth}: the MLP's hidden width; default 4 * width. */
        public Builder mlpWidth(int mlpWidth) {
            this.mlpWidth = mlpWidth;
            return this;
        }

        /** Sets {@code dropout}: the training dropout rate in [0, 1); default 0.1. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Sets {@code positions}: {@code learned} (default) or {@code rotary}. */
        public Builder positions(PositionEncoding positions) {
            this.positions = positions;
            return this;
        }

        /** Sets {@code tiedEmbeddings}: whether the output projection is the token embedding; default true. */
        public Builder tiedEmbeddings(boolean tiedEmbeddings) {
            this.tiedEmbeddings = tiedEmbeddings;
            return this;
        }

        /** Sets {@code padTokenId}: the id that pads windows (unset: no padding). */
        public Builder padTokenId(int padTokenId) {
            this.padTokenId = padTokenId;
            return this;
        }

        /** Sets {@code endOfTextTokenId}: the id separating documents; default 0. */
        public Builder endOfTextTokenId(int endOfTextTokenId) {
            this.endOfTextTokenId = endOfTextTokenId;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public TransformerConfig build() {
            return new TransformerConfig(this);
        }
    }
}
