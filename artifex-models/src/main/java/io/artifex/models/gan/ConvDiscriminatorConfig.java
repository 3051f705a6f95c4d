package io.artifex.models.gan;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.ImageShape;
import jakarta.validation.constraints.Max;
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
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param hiddenDims channels of the downsampling convolutions, first to last
 * @param inputShape the image as (height, width, channels), e.g. (28, 28, 1), like every image shape
 *                   in a config (schema version 1 wrote (channels, height, width)); must equal
 *                   the generator's output shape
 * @param kernelSize convolution kernel as (height, width); default (4, 4)
 * @param stride convolution stride as (height, width); default (2, 2)
 * @param padding {@code SAME} or {@code VALID}; default {@code SAME}
 * @param activation activation after each convolution; default leaky_relu (slope 0.2)
 * @param batchNorm batch normalisation after each hidden convolution except the first; default
 *                  true; must be false with the {@code wasserstein_gp} loss
 * @param spectralNorm spectral normalisation of the convolution weights; default false
 */
public record ConvDiscriminatorConfig(
        @NotBlank @ConfigName String name,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull @ImageShape
        List<@NotNull @Positive Integer> inputShape,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive @Max(ConfigLimits.MAX_KERNEL) Integer> kernelSize,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive @Max(ConfigLimits.MAX_KERNEL) Integer> stride,
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
        this(builder().name(name).hiddenDims(hiddenDims).inputShape(inputShape).kernelSize(kernelSize).stride(stride)
                .padding(padding).activation(activation));
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link ConvDiscriminatorConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.hiddenDims = hiddenDims;
        builder.inputShape = inputShape;
        builder.kernelSize = kernelSize;
        builder.stride = stride;
        builder.padding = padding;
        builder.activation = activation;
        builder.batchNorm = batchNorm;
        builder.spectralNorm = spectralNorm;
        return builder;
    }

    private ConvDiscriminatorConfig(Builder builder) {
        this(builder.name, builder.hiddenDims, builder.inputShape, builder.kernelSize, builder.stride, builder.padding,
                builder.activation, builder.batchNorm, builder.spectralNorm);
    }

    /**
     * Builds a {@link ConvDiscriminatorConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> hiddenDims;
        private List<Integer> inputShape;
        private List<Integer> kernelSize;
        private List<Integer> stride;
        private Padding padding;
        private ActivationType activation;
        private Boolean batchNorm;
        private Boolean spectralNorm;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code hiddenDims}: channels of the downsampling convolutions, first to last. */
        public Builder hiddenDims(List<Integer> hiddenDims) {
            this.hiddenDims = hiddenDims;
            return this;
        }

        /** Sets {@code hiddenDims} from its entries, e.g. {@code hiddenDims(256, 128)}. */
        public Builder hiddenDims(int... hiddenDims) {
            this.hiddenDims = java.util.Arrays.stream(hiddenDims).boxed().toList();
            return this;
        }

        /**
         * Sets {@code inputShape}: the image as (channels, height, width), e.g. (1, 28, 28), as in the seed;
         * must equal the generator's output shape.
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

        /** Sets {@code kernelSize}: convolution kernel as (height, width); default (4, 4). */
        public Builder kernelSize(List<Integer> kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /** Sets {@code kernelSize} from its entries, e.g. {@code kernelSize(256, 128)}. */
        public Builder kernelSize(int... kernelSize) {
            this.kernelSize = java.util.Arrays.stream(kernelSize).boxed().toList();
            return this;
        }

        /** Sets {@code stride}: convolution stride as (height, width); default (2, 2). */
        public Builder stride(List<Integer> stride) {
            this.stride = stride;
            return this;
        }

        /** Sets {@code stride} from its entries, e.g. {@code stride(256, 128)}. */
        public Builder stride(int... stride) {
            this.stride = java.util.Arrays.stream(stride).boxed().toList();
            return this;
        }

        /** Sets {@code padding}: {@code SAME} or {@code VALID}; default {@code SAME}. */
        public Builder padding(Padding padding) {
            this.padding = padding;
            return this;
        }

        /** Sets {@code activation}: activation after each convolution; default leaky_relu (slope 0.2). */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets {@code batchNorm}: batch normalisation after each hidden convolution except the first; default
         * true; must be false with the {@code wasserstein_gp} loss.
         */
        public Builder batchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /** Sets {@code spectralNorm}: spectral normalisation of the convolution weights; default false. */
        public Builder spectralNorm(boolean spectralNorm) {
            this.spectralNorm = spectralNorm;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public ConvDiscriminatorConfig build() {
            return new ConvDiscriminatorConfig(this);
        }
    }
}
