package io.artifex.models.diffusion;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The U-Net that predicts noise in a diffusion model, as in the seed's
 * {@code UNetBackboneConfig}. Level i works at resolution (image size / 2^i) with
 * {@code hiddenDims[i]} channels.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param inChannels channels of the image entering the network; must equal the image's
 * @param outChannels channels the network predicts; must equal inChannels
 * @param hiddenDims channels of each resolution level, from full resolution down; each is
 *                   divisible by groupNormGroups
 * @param channelMult the width of each level relative to the first, as in the seed: one entry
 *                    per level with {@code hiddenDims[i] == hiddenDims[0] * channelMult[i]}
 * @param activation activation inside the residual blocks; silu (the default) is the only one
 *                   the U-Net's residual blocks implement
 * @param numResBlocks residual blocks per level; default 1
 * @param attentionResolutions resolutions (image side in pixels) whose level gets a
 *                             self-attention block; default (14); empty = none
 * @param numHeads attention heads; divides the channels of every level with attention; default 4
 * @param groupNormGroups groups of each group normalisation; default 8
 * @param timeEmbeddingDim width of the time embedding every residual block receives, even;
 *                         default 256 (the sinusoidal part has hiddenDims[0] entries and an
 *                         MLP maps it to this width, as in benchmark network #3)
 */
public record UNetBackboneConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer inChannels,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer outChannels,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_KERNEL) Integer> channelMult,
        @NotNull ActivationType activation,
        @NotNull @Positive @Max(ConfigLimits.MAX_LAYERS) Integer numResBlocks,
        @NotNull @Size(max = ConfigLimits.MAX_LAYERS)
        List<@NotNull @Positive @Max(ConfigLimits.MAX_IMAGE_SIDE) Integer> attentionResolutions,
        @NotNull @Positive @Max(ConfigLimits.MAX_GROUPS) Integer numHeads,
        @NotNull @Positive @Max(ConfigLimits.MAX_GROUPS) Integer groupNormGroups,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer timeEmbeddingDim) implements CrossFieldRules {

    /** Defaults: silu, one residual block per level, attention at 14, 4 heads, 8 groups, time embedding 256. */
    public UNetBackboneConfig {
        activation = activation == null ? ActivationType.SILU : activation;
        numResBlocks = numResBlocks == null ? 1 : numResBlocks;
        attentionResolutions = attentionResolutions == null ? List.of(14) : attentionResolutions;
        numHeads = numHeads == null ? 4 : numHeads;
        groupNormGroups = groupNormGroups == null ? 8 : groupNormGroups;
        timeEmbeddingDim = timeEmbeddingDim == null ? 256 : timeEmbeddingDim;
    }

    /** The seed's form: {@code UNetBackboneConfig(name, in_channels, out_channels, hidden_dims, channel_mult, activation)}. */
    public UNetBackboneConfig(String name, int inChannels, int outChannels, List<Integer> hiddenDims,
                              List<Integer> channelMult, ActivationType activation) {
        this(builder().name(name).inChannels(inChannels).outChannels(outChannels).hiddenDims(hiddenDims)
                .channelMult(channelMult).activation(activation));
    }

    /**
     * Cross-field rules: out == in channels, channelMult agrees with hiddenDims, every level's
     * channels divisible by groupNormGroups, silu activation, an even time embedding.
     */
    @Override
    public void check(RuleContext ctx) {
        ctx.requireEqual("outChannels", outChannels, "inChannels", inChannels);
        if (hiddenDims != null && channelMult != null && !hiddenDims.isEmpty() && hiddenDims.get(0) != null) {
            if (channelMult.size() != hiddenDims.size()) {
                ctx.reject("channelMult", "must have one entry per entry of hiddenDims (" + hiddenDims.size()
                        + "), got " + channelMult.size());
            } else {
                for (int i = 0; i < hiddenDims.size(); i++) {
                    Integer width = hiddenDims.get(i);
                    Integer mult = channelMult.get(i);
                    if (width != null && mult != null && width != (long) hiddenDims.get(0) * mult) {
                        ctx.reject("channelMult[" + i + "]", "must equal hiddenDims[" + i + "] / hiddenDims[0] ("
                                + width + " / " + hiddenDims.get(0) + "), got " + mult);
                    }
                }
            }
        }
        if (hiddenDims != null && groupNormGroups != null && groupNormGroups > 0) {
            for (int i = 0; i < hiddenDims.size(); i++) {
                Integer width = hiddenDims.get(i);
                if (width != null && width % groupNormGroups != 0) {
                    ctx.reject("hiddenDims[" + i + "]", "must be divisible by groupNormGroups ("
                            + groupNormGroups + "), got " + width);
                }
            }
        }
        if (activation != null && activation != ActivationType.SILU) {
            ctx.reject("activation", "must be silu (the U-Net's residual blocks use SiLU), got " + activation.id());
        }
        if (timeEmbeddingDim != null && timeEmbeddingDim % 2 != 0) {
            ctx.reject("timeEmbeddingDim", "must be even (sine and cosine halves), got " + timeEmbeddingDim);
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link UNetBackboneConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inChannels = inChannels;
        builder.outChannels = outChannels;
        builder.hiddenDims = hiddenDims;
        builder.channelMult = channelMult;
        builder.activation = activation;
        builder.numResBlocks = numResBlocks;
        builder.attentionResolutions = attentionResolutions;
        builder.numHeads = numHeads;
        builder.groupNormGroups = groupNormGroups;
        builder.timeEmbeddingDim = timeEmbeddingDim;
        return builder;
    }

    private UNetBackboneConfig(Builder builder) {
        this(builder.name, builder.inChannels, builder.outChannels, builder.hiddenDims, builder.channelMult,
                builder.activation, builder.numResBlocks, builder.attentionResolutions, builder.numHeads,
                builder.groupNormGroups, builder.timeEmbeddingDim);
    }

    /**
     * Builds a {@link UNetBackboneConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer inChannels;
        private Integer outChannels;
        private List<Integer> hiddenDims;
        private List<Integer> channelMult;
        private ActivationType activation;
        private Integer numResBlocks;
        private List<Integer> attentionResolutions;
        private Integer numHeads;
        private Integer groupNormGroups;
        private Integer timeEmbeddingDim;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code inChannels}: channels of the image entering the network; must equal the image's. */
        public Builder inChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /** Sets {@code outChannels}: channels the network predicts; must equal inChannels. */
        public Builder outChannels(int outChannels) {
            this.outChannels = outChannels;
            return this;
        }

        /**
         * Sets {@code hiddenDims}: channels of each resolution level, from full resolution down; each is
         * divisible by groupNormGroups.
         */
        public Builder hiddenDims(List<Integer> hiddenDims) {
            this.hiddenDims = hiddenDims;
            return this;
        }

        /** Sets {@code hiddenDims} from its entries, e.g. {@code hiddenDims(256, 128)}. */
        public Builder hiddenDims(int... hiddenDims) {
            this.hiddenDims = java.util.Arrays.stream(hiddenDims).boxed().toList();
            return this;
        }

        /**
         * Sets {@code channelMult}: the width of each level relative to the first, as in the seed: one entry
         * per level with {@code hiddenDims[i] == hiddenDims[0] * channelMult[i]}.
         */
        public Builder channelMult(List<Integer> channelMult) {
            this.channelMult = channelMult;
            return this;
        }

        /** Sets {@code channelMult} from its entries, e.g. {@code channelMult(256, 128)}. */
        public Builder channelMult(int... channelMult) {
            this.channelMult = java.util.Arrays.stream(channelMult).boxed().toList();
            return this;
        }

        /**
         * Sets {@code activation}: activation inside the residual blocks; silu (the default) is the only one
         * the U-Net's residual blocks implement.
         */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /** Sets {@code numResBlocks}: residual blocks per level; default 1. */
        public Builder numResBlocks(int numResBlocks) {
            this.numResBlocks = numResBlocks;
            return this;
        }

        /**
         * Sets {@code attentionResolutions}: resolutions (image side in pixels) whose level gets a
         * self-attention block; default (14); empty = none.
         */
        public Builder attentionResolutions(List<Integer> attentionResolutions) {
            this.attentionResolutions = attentionResolutions;
            return this;
        }

        /** Sets {@code attentionResolutions} from its entries, e.g. {@code attentionResolutions(256, 128)}. */
        public Builder attentionResolutions(int... attentionResolutions) {
            this.attentionResolutions = java.util.Arrays.stream(attentionResolutions).boxed().toList();
            return this;
        }

        /**
         * Sets {@code numHeads}: attention heads; divides the channels of every level with attention; default
         * 4.
         */
        public Builder numHeads(int numHeads) {
            this.numHeads = numHeads;
            return this;
        }

        /** Sets {@code groupNormGroups}: groups of each group normalisation; default 8. */
        public Builder groupNormGroups(int groupNormGroups) {
            this.groupNormGroups = groupNormGroups;
            return this;
        }

        /**
         * Sets {@code timeEmbeddingDim}: width of the time embedding every residual block receives, even;
         * default 256 (the sinusoidal part has hiddenDims[0] entries and an MLP maps it to this width, as in
         * benchmark network #3).
         */
        public Builder timeEmbeddingDim(int timeEmbeddingDim) {
            this.timeEmbeddingDim = timeEmbeddingDim;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public UNetBackboneConfig build() {
            return new UNetBackboneConfig(this);
        }
    }
}
