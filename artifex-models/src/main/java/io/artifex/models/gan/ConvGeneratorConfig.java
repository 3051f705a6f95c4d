package io.artifex.models.gan;

import io.artifex.core.config.ActivationType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The convolutional generator of a DCGAN, as in the seed's {@code ConvGeneratorConfig}: the
 * latent vector is projected to a small feature map and upsampled by transposed
 * convolutions to the output image.
 *
 * @param name a label for logs
 * @param latentDim size of the noise vector z
 * @param hiddenDims channels of the upsampling blocks, from the first (widest) to the last
 * @param outputShape the generated image as (channels, height, width), e.g. (1, 28, 28), as in the seed
 * @param kernelSize convolution kernel as (height, width); default (4, 4)
 * @param stride convolution stride as (height, width); default (2, 2)
 * @param padding {@code SAME} or {@code VALID}; default {@code SAME}
 * @param activation activation after each hidden block; default relu
 * @param batchNorm batch normalisation after each hidden block; default true
 * @param outputActivation activation of the output image; default tanh (data in [-1, 1])
 */
public record ConvGeneratorConfig(
        @NotBlank String name,
        @NotNull @Positive Integer latentDim,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull @Size(min = 3, max = 3, message = "must have 3 entries (channels, height, width)")
        List<@NotNull @Positive Integer> outputShape,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive Integer> kernelSize,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive Integer> stride,
        @NotNull Padding padding,
        @NotNull ActivationType activation,
        @NotNull Boolean batchNorm,
        @NotNull ActivationType outputActivation) {

    /** Defaults: kernel (4, 4), stride (2, 2), SAME, relu, batch norm on, tanh output. */
    public ConvGeneratorConfig {
        kernelSize = kernelSize == null ? List.of(4, 4) : kernelSize;
        stride = stride == null ? List.of(2, 2) : stride;
        padding = padding == null ? Padding.SAME : padding;
        activation = activation == null ? ActivationType.RELU : activation;
        batchNorm = batchNorm == null ? Boolean.TRUE : batchNorm;
        outputActivation = outputActivation == null ? ActivationType.TANH : outputActivation;
    }

    /** The seed's form: {@code ConvGeneratorConfig(name, latent_dim, hidden_dims, output_shape, kernel_size, stride, padding, activation)}. */
    public ConvGeneratorConfig(String name, int latentDim, List<Integer> hiddenDims, List<Integer> outputShape,
                               List<Integer> kernelSize, List<Integer> stride, Padding padding,
                               ActivationType activation) {
        this(name, latentDim, hiddenDims, outputShape, kernelSize, stride, padding, activation, null, null);
    }
}
