package io.artifex.models.diffusion;

import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import io.artifex.core.config.SamplesFromWeightAverage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * A denoising diffusion probabilistic model, as in the seed's {@code DDPMConfig}. Type id
 * {@code ddpm}.
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
        @NotBlank String name,
        @NotNull @Size(min = 3, max = 3, message = "must have 3 entries (height, width, channels)")
        List<@NotNull @Positive Integer> inputShape,
        @NotNull @Valid UNetBackboneConfig backbone,
        @NotNull @Valid NoiseScheduleConfig noiseSchedule,
        @NotNull PredictionType predictionType,
        @NotNull @PositiveOrZero Integer numClasses,
        @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double labelDropout,
        @NotNull @PositiveOrZero Double minSnrGamma,
        @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double emaDecay)
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
        this(name, inputShape, backbone, noiseSchedule, null, null, null, null, null);
    }

    /**
     * Cross-field rules: the backbone takes the image's channels; height and width are
     * divisible by 2^(levels - 1); attention resolutions name existing levels whose channels
     * the heads divide.
     */
    @Override
    public void check(RuleContext ctx) {
        if (backbone == null || inputShape == null || inputShape.size() != 3
                || inputShape.stream().anyMatch(java.util.Objects::isNull)) {
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
}
