package io.artifex.models.gan;

import io.artifex.core.config.ActivationType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The convolutional discriminator (critic) of a DCGAN, as in the seed's
 * {@code ConvDiscriminatorConfig}: strided convolutions down to one real/fake score.
 *
 * @param name a label for logs
 * @param hiddenDims channels of the downsampling convolutions, first to last
 * @param inputShape the image as (channels, height, width), e.g. (1, 28, 28), as in the seed;
 *                   must equal the generator's output shape
 * @param kernelSize convolution kernel as (height, width); default (4, 4)
 * @param stride convolution stride as (height, width); default (2, 2)
 * @param padding {@code SAME} or {@code VALID}; default {@code SAME}
 * @param activation activation after each convolution; default leaky_relu (slope 0.2)
 * @param batchNorm batch normalisation after each hidden convolution except the first; default
 *                  true; must be false with the {@code wasserstein_gp} loss
 * @param spectralNorm spectral normalisation of the convolution weights; default false
 */
public record ConvDiscriminatorConfig(
        @NotBlank String name,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull @Size(min = 3, max = 3, message = "must have 3 entries (channels, height, width)")
        List<@NotNull @Positive Integer> inputShape,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive Integer> kernelSize,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive Integer> stride,
        @NotNull Padding padding,
        @NotNull ActivationType activation,
        @NotNull Boolean batchNorm,
        @NotNull Boolean spectralNorm) {

    /** Defaults: kernel (4, 4), stride (2, 2), SAME, leaky_relu, batch norm on, spectral norm off. */
    public ConvDiscriminatorConfig {
        kernelSize = kernelSize == null ? List.of(4, 4) : kernelSize;
        stride = stride == null ? List.of(2, 2) : stride;
        padding = padding == null ? Padding.SAME : padding;
        activation = activation == null ? ActivationType.LEAKY_RELU : activation;
        batchNorm = batchNorm == null ? Boolean.TRUE : batchNorm;
        spectralNorm = spectralNorm == null ? Boolean.FALSE : spectralNorm;
    }

    /** The seed's form: {@code ConvDiscriminatorConfig(name, hidden_dims, input_shape, kernel_size, stride, padding, activation)}. */
    public ConvDiscriminatorConfig(String name, List<Integer> hiddenDims, List<Integer> inputShape,
                                   List<Integer> kernelSize, List<Integer> stride, Padding padding,
                                   ActivationType activation) {
        this(name, hiddenDims, inputShape, kernelSize, stride, padding, activation, null, null);
    }
}
