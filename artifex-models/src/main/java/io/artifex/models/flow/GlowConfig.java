package io.artifex.models.flow;

import io.artifex.core.config.CrossFieldRules;
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
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A convolutional multi-scale normalizing flow for images (RealNVP's multi-scale
 * architecture with Glow's steps). Type id {@code glow}. Each scale runs
 * {@code checkerboardCouplings} checkerboard-masked couplings, a squeeze (space to depth),
 * {@code stepsPerScale} steps of [activation normalisation, invertible 1x1 convolution,
 * channel-masked coupling], and, except at the last scale, factors out half the channels.
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
        @NotBlank String name,
        @NotNull @Size(min = 3, max = 3) List<@NotNull @Positive Integer> inputShape,
        @NotNull @Min(1) @Max(8) Integer numScales,
        @NotNull @Min(1) Integer stepsPerScale,
        @NotNull @PositiveOrZero Integer checkerboardCouplings,
        @NotNull @Positive Integer hiddenChannels,
        @NotNull Boolean dequantize,
        @NotNull @DecimalMin("0") @DecimalMax(value = "0.5", inclusive = false) Double logitAlpha)
        implements ModelConfig, CrossFieldRules {

    /** Defaults: 2 checkerboard couplings per scale, dequantize on, logitAlpha 0.05. */
    public GlowConfig {
        checkerboardCouplings = checkerboardCouplings == null ? 2 : checkerboardCouplings;
        dequantize = dequantize == null ? Boolean.TRUE : dequantize;
        logitAlpha = logitAlpha == null ? 0.05 : logitAlpha;
    }

    /** The short form with the defaults for the other fields. */
    public GlowConfig(String name, List<Integer> inputShape, int numScales, int stepsPerScale, int hiddenChannels) {
        this(name, inputShape, numScales, stepsPerScale, null, hiddenChannels, null, null);
    }

    /** Cross-field rule: height and width are divisible by 2^numScales (one squeeze per scale). */
    @Override
    public void check(RuleContext ctx) {
        if (inputShape == null || inputShape.size() != 3 || numScales == null || numScales < 1 || numScales > 8
                || inputShape.get(0) == null || inputShape.get(1) == null) {
            return;
        }
        int factor = 1 << numScales;
        if (inputShape.get(0) % factor != 0 || inputShape.get(1) % factor != 0) {
            ctx.reject("inputShape", "height and width must be divisible by " + factor + " (2^numScales, one squeeze"
                    + " per scale), got " + inputShape.get(0) + "x" + inputShape.get(1));
        }
    }
}
