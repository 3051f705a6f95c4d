package io.artifex.models.diffusion;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ImageShape;
import io.artifex.core.config.ImageShapeValidator;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import io.artifex.core.config.SamplesFromWeightAverage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.List;

/**
 * A denoising diffusion probabilistic model, as in the seed's {@code DDPMConfig}. Type id
 * {@code ddpm}.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param inputShape the image as (height, width, channels), e.g. (28, 28, 1), as in the seed
 * @param backbone the noise-prediction U-Net
 * @param noiseSchedule the forward-process schedule
 * @param predictionType what the network predicts: {@code epsilon} (default), {@code x0} or {@code v}
 * @param numClasses 0 for an unconditional model; otherwise class-conditional with
 *                   classifier-free guidance
 * @param labelDropout probability in [0, 1) of dropping the label during training
 *                     (classifier-free guidance); default 0.1; unused when unconditional
 * @param minSnrGamma gamma of Min-SNR loss weighting; default 0 = off (uniform weights)
 * @param emaDecay decay in [0, 1) of the exponential moving average of the weights used for
 *                 sampling; default 0.9999; 0 = no averaging. The experiment runner hands it to
 *                 the trainer when the trainer config sets no {@code emaDecay} of its own
 *                 ({@link SamplesFromWeightAverage})
 */
public record DdpmConfig(
        @NotBlank @ConfigName String name,
        @NotNull @ImageShape
        List<@NotNull @Positive Integer> inputShape,
        @NotNull @Valid UNetBackboneConfig backbone,
        @NotNull @Valid NoiseScheduleConfig noiseSchedule,
        @NotNull PredictionType predictionType,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_CLASSES) Integer numClasses,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double labelDropout,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double minSnrGamma,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double emaDecay)
        implements ModelConfig, CrossFieldRules, SamplesFromWeightAverage {

    /** Defaults: epsilon, unconditional, label dropout 0.1, Min-SNR off, EMA 0.9999. */
    public DdpmConfig {
        predictionType = predictionType == null ? PredictionType.EPSILON : predictionType;
        numClasses = numClasses == null ? 0 : numClasses;
        labelDropout = labelDropout == null ? 0.1 : labelDropout;
        minSnrGamma = minSnrGamma == null ? 0.0 : minSnrGamma;
        emaDecay = emaDecay == null ? 0.9999 : emaDecay;
    }

    /** The seed's form: {@code DDPMConfig(name, input_shape, backbone, noise_schedule)}. */
    public DdpmConfig(String name, List<Integer> inputShape, UNetBackboneConfig backbone,
                      NoiseScheduleConfig noiseSchedule) {
        this(builder().name(name).inputShape(inputShape).backbone(backbone).noiseSchedule(noiseSchedule));
    }

    /**
     * Cross-field rules: the backbone takes the image's channels; height and width are
     * divisible by 2^(levels - 1); attention resolutions name existing levels whose channels
     * the heads divide.
     */
    @Override
    public void check(RuleContext ctx) {
        if (backbone == null || inputShape == null || inputShape.size() != 3
                || inputShape.stream().anyMatch(java.util.Objects::isNull)
                || ImageShapeValidator.looksChannelsFirst(inputShape)) {
            return;
        }
        int height = inputShape.get(0);
        int width = inputShape.get(1);
        ctx.requireEqual("backbone.inChannels", backbone.inChannels(), "inputShape[2] (channels)", inputShape.get(2));
        List<Integer> dims = backbone.hiddenDims();
        if (dims == null || dims.isEmpty() || dims.size() > 30) {
            return;
        }
        int factor = 1 << (dims.size() - 1);
        if (height % factor != 0 || width % factor != 0) {
            ctx.reject("inputShape", "height and width must be divisible by " + factor + " (2^(levels - 1) for the "
                    + dims.size() + " levels of backbone.hiddenDims), got " + height + "x" + width);
            return;
        }
        List<Integer> resolutions = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            resolutions.add(height >> i);
        }
        List<Integer> attention = backbone.attentionResolutions();
        for (int a = 0; attention != null && a < attention.size(); a++) {
            Integer resolution = attention.get(a);
            if (resolution == null) {
                continue;
            }
            int level = resolutions.indexOf(resolution);
            if (level < 0) {
                ctx.reject("backbone.attentionResolutions[" + a + "]", "must be one of the level resolutions "
                        + resolutions + ", got " + resolution);
            } else if (backbone.numHeads() != null && dims.get(level) != null && backbone.numHeads() > 0
                    && dims.get(level) % backbone.numHeads() != 0) {
                ctx.reject("backbone.numHeads", "must divide the channels of the attention level at resolution "
                        + resolution + " (backbone.hiddenDims[" + level + "] = " + dims.get(level) + "), got "
                        + backbone.numHeads());
            }
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link DdpmConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inputShape = inputShape;
        builder.backbone = backbone;
        builder.noiseSchedule = noiseSchedule;
        builder.predictionType = predictionType;
        builder.numClasses = numClasses;
        builder.labelDropout = labelDropout;
        builder.minSnrGamma = minSnrGamma;
        builder.emaDecay = emaDecay;
        return builder;
    }

    private DdpmConfig(Builder builder) {
        this(builder.name, builder.inputShape, builder.backbone, builder.noiseSchedule, builder.predictionType,
                builder.numClasses, builder.labelDropout, builder.minSnrGamma, builder.emaDecay);
    }

    /**
     * Builds a {@link DdpmConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> inputShape;
        private UNetBackboneConfig backbone;
        private NoiseScheduleConfig noiseSchedule;
        private PredictionType predictionType;
        private Integer numClasses;
        private Double labelDropout;
        private Double minSnrGamma;
        private Double emaDecay;

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

        /** Sets {@code backbone}: the noise-prediction U-Net. */
        public Builder backbone(UNetBackboneConfig backbone) {
            this.backbone = backbone;
            return this;
        }

        /** Sets {@code noiseSchedule}: the forward-process schedule. */
        public Builder noiseSchedule(NoiseScheduleConfig noiseSchedule) {
            this.noiseSchedule = noiseSchedule;
            return this;
        }

        /**
         * Sets {@code predictionType}: what the network predicts: {@code epsilon} (default), {@code x0} or
         * {@code v}.
         */
        public Builder predictionType(PredictionType predictionType) {
            this.predictionType = predictionType;
            return this;
        }

        /**
         * Sets {@code numClasses}: 0 for an unconditional model; otherwise class-conditional with
         * classifier-free guidance.
         */
        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets {@code labelDropout}: probability in [0, 1) of dropping the label during training
         * (classifier-free guidance); default 0.1; unused when unconditional.
         */
        public Builder labelDropout(double labelDropout) {
            this.labelDropout = labelDropout;
            return this;
        }

        /** Sets {@code minSnrGamma}: gamma of Min-SNR loss weighting; default 0 = off (uniform weights). */
        public Builder minSnrGamma(double minSnrGamma) {
            this.minSnrGamma = minSnrGamma;
            return this;
        }

        /**
         * Sets {@code emaDecay}: decay in [0, 1) of the exponential moving average of the weights used for
         * sampling; default 0.9999; 0 = no averaging. The experiment runner hands it to the trainer when the
         * trainer config sets no {@code emaDecay} of its own ({@link SamplesFromWeightAverage}).
         */
        public Builder emaDecay(double emaDecay) {
            this.emaDecay = emaDecay;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public DdpmConfig build() {
            return new DdpmConfig(this);
        }
    }
}
