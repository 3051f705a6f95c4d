package io.artifex.models.vae;

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
 * The VAE decoder p(x|z), as in the seed's {@code DecoderConfig}.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param latentDim size of z; must equal the encoder's
 * @param outputShape the output image as (height, width, channels); must equal the encoder's input shape
 * @param hiddenDims widths of the dense layers, or channels of the transposed convolutions
 *                   for the convolutional decoder
 * @param activation activation after each hidden layer
 */
public record DecoderConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer latentDim,
        @NotNull @ImageShape List<@NotNull @Positive Integer> outputShape,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull ActivationType activation) {

    /** Defaults: activation relu. */
    public DecoderConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link DecoderConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.latentDim = latentDim;
        builder.outputShape = outputShape;
        builder.hiddenDims = hiddenDims;
        builder.activation = activation;
        return builder;
    }

    private DecoderConfig(Builder builder) {
        this(builder.name, builder.latentDim, builder.outputShape, builder.hiddenDims, builder.activation);
    }

    /**
     * Builds a {@link DecoderConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer latentDim;
        private List<Integer> outputShape;
        private List<Integer> hiddenDims;
        private ActivationType activation;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code latentDim}: size of z; must equal the encoder's. */
        public Builder latentDim(int latentDim) {
            this.latentDim = latentDim;
            return this;
        }

        /**
         * Sets {@code outputShape}: the output image as (height, width, channels); must equal the encoder's
         * input shape.
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

        /**
         * Sets {@code hiddenDims}: widths of the dense layers, or channels of the transposed convolutions for
         * the convolutional decoder.
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

        /** Sets {@code activation}: activation after each hidden layer. */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public DecoderConfig build() {
            return new DecoderConfig(this);
        }
    }
}
