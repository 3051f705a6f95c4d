package io.artifex.models.vae;

import io.artifex.core.config.ActivationType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The VAE decoder p(x|z), as in the seed's {@code DecoderConfig}.
 *
 * @param name a label for logs
 * @param latentDim size of z; must equal the encoder's
 * @param outputShape the output image as (height, width, channels); must equal the encoder's input shape
 * @param hiddenDims widths of the dense layers, or channels of the transposed convolutions
 *                   for the convolutional decoder
 * @param activation activation after each hidden layer
 */
public record DecoderConfig(
        @NotBlank String name,
        @NotNull @Positive Integer latentDim,
        @NotNull @Size(min = 3, max = 3) List<@NotNull @Positive Integer> outputShape,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull ActivationType activation) {

    /** Defaults: activation relu. */
    public DecoderConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }
}
