package io.artifex.models.vae;

import io.artifex.core.config.ActivationType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The VAE encoder q(z|x), as in the seed's {@code EncoderConfig}.
 *
 * @param name a label for logs
 * @param inputShape the input image as (height, width, channels), e.g. (28, 28, 1), as in the seed
 * @param latentDim size of z
 * @param hiddenDims widths of the dense layers, or channels of the stride-2 convolutions
 *                   (kernel 4, padding 1) for the convolutional encoder
 * @param activation activation after each hidden layer
 */
public record EncoderConfig(
        @NotBlank String name,
        @NotNull @Size(min = 3, max = 3) List<@NotNull @Positive Integer> inputShape,
        @NotNull @Positive Integer latentDim,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull ActivationType activation) {

    /** Defaults: activation relu. */
    public EncoderConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }
}
