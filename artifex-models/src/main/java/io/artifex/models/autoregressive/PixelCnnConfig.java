package io.artifex.models.autoregressive;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ImageShape;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * A PixelCNN over discrete pixel intensities, as in the seed's {@code PixelCNNConfig}. Type
 * id {@code pixelcnn}.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param inputShape the image as (height, width, channels), e.g. (28, 28, 1), as in the seed's
 *                   {@code image_shape}; named {@code imageShape} in schema version 1
 * @param hiddenChannels channels of the masked convolutions
 * @param numLayers masked layers: one type-A input layer then type-B layers; at least 2
 * @param numClasses 0 for an unconditional model; otherwise class-conditional
 * @param numLevels intensity values per channel (the softmax size); default 256
 * @param variant {@code pixelcnn} (default) or {@code gated}
 * @param residualChannels bottleneck channels inside each residual block; default
 *                         hiddenChannels / 2 (at least 1); at most hiddenChannels
 * @param inputEncoding how the first layer reads a pixel's level: {@code intensity} (default;
 *                      one ordinal value per channel) or {@code oneHot} ({@code numLevels}
 *                      indicator channels per channel, for unordered categories such as
 *                      VQ-VAE code indices); see {@link PixelCnnInputEncoding}
 */
public record PixelCnnConfig(
        @NotBlank @ConfigName String name,
        @NotNull @ImageShape
        List<@NotNull @Positive Integer> inputShape,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer hiddenChannels,
        @NotNull @Min(value = 2, message = "must be at least 2 (one type-A layer, then type-B layers)")
        @Max(ConfigLimits.MAX_LAYERS) Integer numLayers,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_CLASSES) Integer numClasses,
        @NotNull @Min(2) @Max(ConfigLimits.MAX_LEVELS) Integer numLevels,
        @NotNull PixelCnnVariant variant,
        @Positive @Max(ConfigLimits.MAX_WIDTH) Integer residualChannels,
        @NotNull PixelCnnInputEncoding inputEncoding) implements ModelConfig, CrossFieldRules {

    /**
     * Defaults: unconditional, 256 levels, pixelcnn, residualChannels = max(1, hiddenChannels / 2),
     * intensity input.
     * residualChannels stays null only when hiddenChannels is missing, which is reported.
     */
    public PixelCnnConfig {
        numClasses = numClasses == null ? 0 : numClasses;
        numLevels = numLevels == null ? 256 : numLevels;
        variant = variant == null ? PixelCnnVariant.PIXELCNN : variant;
        inputEncoding = inputEncoding == null ? PixelCnnInputEncoding.INTENSITY : inputEncoding;
        if (residualChannels == null && hiddenChannels != null) {
            residualChannels = Math.max(1, hiddenChannels / 2);
        }
    }

    /** The seed's form: {@code PixelCNNConfig(name, image_shape, hidden_channels, num_layers)}. */
    public PixelCnnConfig(String name, List<Integer> inputShape, int hiddenChannels, int numLayers) {
        this(builder().name(name).inputShape(inputShape).hiddenChannels(hiddenChannels).numLayers(numLayers));
    }

    /**
     * Cross-field rules: the residual bottleneck is no wider than the hidden channels; a one-hot
     * input ({@code channels * numLevels} channels) is no wider than {@link ConfigLimits#MAX_WIDTH}.
     */
    @Override
    public void check(RuleContext ctx) {
        if (residualChannels != null && hiddenChannels != null && residualChannels > hiddenChannels) {
            ctx.reject("residualChannels", "must be at most hiddenChannels (" + hiddenChannels + "), got "
                    + residualChannels);
        }
        if (inputEncoding == PixelCnnInputEncoding.ONE_HOT && numLevels != null && inputShape != null
                && inputShape.size() == 3 && inputShape.get(2) != null
                && (long) inputShape.get(2) * numLevels > ConfigLimits.MAX_WIDTH) {
            ctx.reject("inputEncoding", "oneHot needs channels x numLevels = " + inputShape.get(2) + " x " + numLevels
                    + " input channels, more than " + ConfigLimits.MAX_WIDTH + "; use intensity or fewer levels");
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link PixelCnnConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inputShape = inputShape;
        builder.hiddenChannels = hiddenChannels;
        builder.numLayers = numLayers;
        builder.numClasses = numClasses;
        builder.numLevels = numLevels;
        builder.variant = variant;
        builder.residualChannels = residualChannels;
        builder.inputEncoding = inputEncoding;
        return builder;
    }

    private PixelCnnConfig(Builder builder) {
        this(builder.name, builder.inputShape, builder.hiddenChannels, builder.numLayers, builder.numClasses,
                builder.numLevels, builder.variant, builder.residualChannels, builder.inputEncoding);
    }

    /**
     * Builds a {@link PixelCnnConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> inputShape;
        private Integer hiddenChannels;
        private Integer numLayers;
        private Integer numClasses;
        private Integer numLevels;
        private PixelCnnVariant variant;
        private Integer residualChannels;
        private PixelCnnInputEncoding inputEncoding;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets {@code inputShape}: the image as (height, width, channels), e.g. (28, 28, 1), as in the seed.
         */
        public Builder inputShape(List<Integer> inputShape) {
            this.inputShape = inputShape;
            return this;
        }

        /** Sets {@code inputShape} from its entries, e.g. {@code inputShape(256, 128)}. */
        public Builder inputShape(int... inputShape) {
            this.inputShape = java.util.Arrays.stream(inputShape).boxed().toList();
            return this;
        }

        /** Sets {@code hiddenChannels}: channels of the masked convolutions. */
        public Builder hiddenChannels(int hiddenChannels) {
            this.hiddenChannels = hiddenChannels;
            return this;
        }

        /** Sets {@code numLayers}: masked layers: one type-A input layer then type-B layers; at least 2. */
        public Builder numLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /** Sets {@code numClasses}: 0 for an unconditional model; otherwise class-conditional. */
        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Sets {@code numLevels}: intensity values per channel (the softmax size); default 256. */
        public Builder numLevels(int numLevels) {
            this.numLevels = numLevels;
            return this;
        }

        /** Sets {@code variant}: {@code pixelcnn} (default) or {@code gated}. */
        public Builder variant(PixelCnnVariant variant) {
            this.variant = variant;
            return this;
        }

        /**
         * Sets {@code residualChannels}: bottleneck channels inside each residual block; default
         * hiddenChannels / 2 (at least 1); at most hiddenChannels.
         */
        public Builder residualChannels(int residualChannels) {
            this.residualChannels = residualChannels;
            return this;
        }

        /**
         * Sets {@code inputEncoding}: {@code intensity} (default) or {@code oneHot}, one indicator
         * channel per level, for unordered categories.
         */
        public Builder inputEncoding(PixelCnnInputEncoding inputEncoding) {
            this.inputEncoding = inputEncoding;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public PixelCnnConfig build() {
            return new PixelCnnConfig(this);
        }
    }
}
