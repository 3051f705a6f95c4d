package io.artifex.models.flow;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ImageShape;
import io.artifex.core.config.ImageShapeValidator;
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
import java.util.List;

/**
 * A convolutional multi-scale normalizing flow for images (RealNVP's multi-scale
 * architecture with Glow's steps). Type id {@code glow}. Each scale runs
 * {@code checkerboardCouplings} checkerboard-masked couplings, a squeeze (space to depth),
 * {@code stepsPerScale} steps of [activation normalisation, invertible 1x1 convolution,
 * channel-masked coupling], and, except at the last scale, factors out half the channels.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param inputShape the image as (height, width, channels), as in the seed's encoder configs
 * @param numScales the number of scales (squeezes); height and width must be divisible by 2^numScales
 * @param stepsPerScale Glow steps after each squeeze; at least 1
 * @param checkerboardCouplings checkerboard couplings before each squeeze; default 2
 * @param hiddenChannels channels of each coupling network's hidden convolutions
 * @param dequantize inputs are dequantised 8-bit pixels in [0, 1), modelled in logit space and
 *                   reported in bits per dimension of the 8-bit data; default true
 * @param logitAlpha alpha of the logit transform, in [0, 0.5); default 0.05
 */
public record GlowConfig(
        @NotBlank @ConfigName String name,
        @NotNull @ImageShape List<@NotNull @Positive Integer> inputShape,
        @NotNull @Min(1) @Max(8) Integer numScales,
        @NotNull @Min(1) @Max(ConfigLimits.MAX_LAYERS) Integer stepsPerScale,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_LAYERS) Integer checkerboardCouplings,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer hiddenChannels,
        @NotNull Boolean dequantize,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "0.5", inclusive = false) Double logitAlpha)
        implements ModelConfig, CrossFieldRules {

    /** Defaults: 2 checkerboard couplings per scale, dequantize on, logitAlpha 0.05. */
    public GlowConfig {
        checkerboardCouplings = checkerboardCouplings == null ? 2 : checkerboardCouplings;
        dequantize = dequantize == null ? Boolean.TRUE : dequantize;
        logitAlpha = logitAlpha == null ? 0.05 : logitAlpha;
    }

    /** The short form with the defaults for the other fields. */
    public GlowConfig(String name, List<Integer> inputShape, int numScales, int stepsPerScale, int hiddenChannels) {
        this(builder().name(name).inputShape(inputShape).numScales(numScales).stepsPerScale(stepsPerScale)
                .hiddenChannels(hiddenChannels));
    }

    /** Cross-field rule: height and width are divisible by 2^numScales (one squeeze per scale). */
    @Override
    public void check(RuleContext ctx) {
        if (inputShape == null || inputShape.size() != 3 || numScales == null || numScales < 1 || numScales > 8
                || inputShape.get(0) == null || inputShape.get(1) == null
                || ImageShapeValidator.looksChannelsFirst(inputShape)) {
            return;
        }
        int factor = 1 << numScales;
        if (inputShape.get(0) % factor != 0 || inputShape.get(1) % factor != 0) {
            ctx.reject("inputShape", "height and width must be divisible by " + factor + " (2^numScales, one squeeze"
                    + " per scale), got " + inputShape.get(0) + "x" + inputShape.get(1));
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link GlowConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inputShape = inputShape;
        builder.numScales = numScales;
        builder.stepsPerScale = stepsPerScale;
        builder.checkerboardCouplings = checkerboardCouplings;
        builder.hiddenChannels = hiddenChannels;
        builder.dequantize = dequantize;
        builder.logitAlpha = logitAlpha;
        return builder;
    }

    private GlowConfig(Builder builder) {
        this(builder.name, builder.inputShape, builder.numScales, builder.stepsPerScale, builder.checkerboardCouplings,
                builder.hiddenChannels, builder.dequantize, builder.logitAlpha);
    }

    /**
     * Builds a {@link GlowConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> inputShape;
        private Integer numScales;
        private Integer stepsPerScale;
        private Integer checkerboardCouplings;
        private Integer hiddenChannels;
        private Boolean dequantize;
        private Double logitAlpha;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets {@code inputShape}: the image as (height, width, channels), as in the seed's encoder configs.
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

        /**
         * Sets {@code numScales}: the number of scales (squeezes); height and width must be divisible by
         * 2^numScales.
         */
        public Builder numScales(int numScales) {
            this.numScales = numScales;
            return this;
        }

        /** Sets {@code stepsPerScale}: Glow steps after each squeeze; at least 1. */
        public Builder stepsPerScale(int stepsPerScale) {
            this.stepsPerScale = stepsPerScale;
            return this;
        }

        /** Sets {@code checkerboardCouplings}: checkerboard couplings before each squeeze; default 2. */
        public Builder checkerboardCouplings(int checkerboardCouplings) {
            this.checkerboardCouplings = checkerboardCouplings;
            return this;
        }

        /** Sets {@code hiddenChannels}: channels of each coupling network's hidden convolutions. */
        public Builder hiddenChannels(int hiddenChannels) {
            this.hiddenChannels = hiddenChannels;
            return this;
        }

        /**
         * Sets {@code dequantize}: inputs are dequantised 8-bit pixels in [0, 1), modelled in logit space and
         * reported in bits per dimension of the 8-bit data; default true.
         */
        public Builder dequantize(boolean dequantize) {
            this.dequantize = dequantize;
            return this;
        }

        /** Sets {@code logitAlpha}: alpha of the logit transform, in [0, 0.5); default 0.05. */
        public Builder logitAlpha(double logitAlpha) {
            this.logitAlpha = logitAlpha;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public GlowConfig build() {
            return new GlowConfig(this);
        }
    }
}
