package io.artifex.models.autoregressive;

import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A PixelCNN over discrete pixel intensities, as in the seed's {@code PixelCNNConfig}. Type
 * id {@code pixelcnn}.
 *
 * @param name a label for logs
 * @param imageShape the image as (height, width, channels), e.g. (28, 28, 1), as in the seed
 * @param hiddenChannels channels of the masked convolutions
 * @param numLayers masked layers: one type-A input layer then type-B layers; at least 2
 * @param numClasses 0 for an unconditional model; otherwise class-conditional
 * @param numLevels intensity values per channel (the softmax size); default 256
 * @param variant {@code pixelcnn} (default) or {@code gated}
 * @param residualChannels bottleneck channels inside each residual block; default
 *                         hiddenChannels / 2 (at least 1); at most hiddenChannels
 */
public record PixelCnnConfig(
        @NotBlank String name,
        @NotNull @Size(min = 3, max = 3, message = "must have 3 entries (height, width, channels)")
        List<@NotNull @Positive Integer> imageShape,
        @NotNull @Positive Integer hiddenChannels,
        @NotNull @Min(value = 2, message = "must be at least 2 (one type-A layer, then type-B layers)") Integer numLayers,
        @NotNull @PositiveOrZero Integer numClasses,
        @NotNull @Min(2) Integer numLevels,
        @NotNull PixelCnnVariant variant,
        @Positive Integer residualChannels) implements ModelConfig, CrossFieldRules {

    /**
     * Defaults: unconditional, 256 levels, pixelcnn, residualChannels = max(1, hiddenChannels / 2).
     * residualChannels stays null only when hiddenChannels is missing, which is reported.
     */
    public PixelCnnConfig {
        numClasses = numClasses == null ? 0 : numClasses;
        numLevels = numLevels == null ? 256 : numLevels;
        variant = variant == null ? PixelCnnVariant.PIXELCNN : variant;
        if (residualChannels == null && hiddenChannels != null) {
            residualChannels = Math.max(1, hiddenChannels / 2);
        }
    }

    /** The seed's form: {@code PixelCNNConfig(name, image_shape, hidden_channels, num_layers)}. */
    public PixelCnnConfig(String name, List<Integer> imageShape, int hiddenChannels, int numLayers) {
        this(name, imageShape, hiddenChannels, numLayers, null, null, null, null);
    }

    /** Cross-field rule: the residual bottleneck is no wider than the hidden channels. */
    @Override
    public void check(RuleContext ctx) {
        if (residualChannels != null && hiddenChannels != null && residualChannels > hiddenChannels) {
            ctx.reject("residualChannels", "must be at most hiddenChannels (" + hiddenChannels + "), got "
                    + residualChannels);
        }
    }
}
