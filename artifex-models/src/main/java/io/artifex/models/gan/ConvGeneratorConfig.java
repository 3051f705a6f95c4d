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
 * The convolutional generator of a DCGAN, as in the seed's {@code ConvGeneratorConfig}: the
 * latent vector is projected to a small feature map and upsampled by transposed
 * convolutions to the output image.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param latentDim size of the noise vector z
 * @param hiddenDims channels of the upsampling blocks, from the first (widest) to the last
 * @param outputShape the generated image as (height, width, channels), e.g. (28, 28, 1), like every image
 *                    shape in a config (schema version 1 wrote (channels, height, width))
 * @param kernelSize convolution kernel as (height, width); default (4, 4)
 * @param stride convolution stride as (height, width); default (2, 2)
 * @param padding {@code SAME} or {@code VALID}; default {@code SAME}
 * @param activation activation after each hidden block; default relu
 * @param batchNorm batch normalisation after each hidden block; default true
 * @param outputActivation activation of the output image; default tanh (data in [-1, 1])
 */
public record ConvGeneratorConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer latentDim,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull @ImageShape
        List<@NotNull @Positive Integer> outputShape,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive @Max(ConfigLimits.MAX_KERNEL) Integer> kernelSize,
        @NotNull @Size(min = 2, max = 2, message = "must have 2 entries (height, width)")
        List<@NotNull @Positive @Max(ConfigLimits.MAX_KERNEL) Integer> stride,
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
        this(builder().name(name).latentDim(latentDim).hiddenDims(hiddenDims).outputShape(outputShape)
                .kernelSize(kernelSize).stride(stride).padding(padding).activation(activation));
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link ConvGeneratorConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.latentDim = latentDim;
        builder.hiddenDims = hiddenDims;
        builder.outputShape = outputShape;
        builder.kernelSize = kernelSize;
        builder.stride = stride;
        builder.padding = padding;
        builder.activation = activation;
        builder.batchNorm = batchNorm;
        builder.outputActivation = outputActivation;
        return builder;
    }

    private ConvGeneratorConfig(Builder builder) {
        this(builder.name, builder.latentDim, builder.hiddenDims, builder.outputShape, builder.kernelSize,
                builder.stride, builder.padding, builder.activation, builder.batchNorm, builder.outputActivation);
    }

    /**
     * Builds a {@link ConvGeneratorConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer latentDim;
        private List<Integer> hiddenDims;
        private List<Integer> outputShape;
        private List<Integer> kernelSize;
        private List<Integer> stride;
        private Padding padding;
        private ActivationType activation;
        private Boolean batchNorm;
        private ActivationType outputActivation;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code latentDim}: size of the noise vector z. */
        public Builder latentDim(int latentDim) {
            this.latentDim = latentDim;
            return this;
        }

        /**
         * Sets {@code hiddenDims}: channels of the upsampling blocks, from the first (widest) to the last.
         */
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
         * Sets {@code outputShape}: the generated image as (channels, height, width), e.g. (1, 28, 28), as in
         * the seed.
         */
        public Builder outputShape(List<Integer> outputShape) {
            this.outputShape = outputShape;
            return this;
        }

        /** Sets {@code outputShape} from its entries, e.g. {@code outputShape(256, 128)}. */
        public Builder outputShape(int... outputShape) {
            this.outputShape = java.util.Arrays.stream(outputShape).boxed().toList();
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

        /** Sets {@code activation}: activation after each hidden block; default relu. */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /** Sets {@code batchNorm}: batch normalisation after each hidden block; default true. */
        public Builder batchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /** Sets {@code outputActivation}: activation of the output image; default tanh (data in [-1, 1]). */
        public Builder outputActivation(ActivationType outputActivation) {
            this.outputActivation = outputActivation;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public ConvGeneratorConfig build() {
            return new ConvGeneratorConfig(this);
        }
    }
}
