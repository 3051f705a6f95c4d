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
 * The VAE encoder q(z|x), as in the seed's {@code EncoderConfig}.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param inputShape the input image as (height, width, channels), e.g. (28, 28, 1), as in the seed
 * @param latentDim size of z
 * @param hiddenDims widths of the dense layers, or channels of the stride-2 convolutions
 *                   (kernel 4, padding 1) for the convolutional encoder
 * @param activation activation after each hidden layer
 */
public record EncoderConfig(
        @NotBlank @ConfigName String name,
        @NotNull @ImageShape List<@NotNull @Positive Integer> inputShape,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer latentDim,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull ActivationType activation) {

    /** Defaults: activation relu. */
    public EncoderConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link EncoderConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inputShape = inputShape;
        builder.latentDim = latentDim;
        builder.hiddenDims = hiddenDims;
        builder.activation = activation;
        return builder;
    }

    private EncoderConfig(Builder builder) {
        this(builder.name, builder.inputShape, builder.latentDim, builder.hiddenDims, builder.activation);
    }

    /**
     * Builds a {@link EncoderConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> inputShape;
        private Integer latentDim;
        private List<Integer> hiddenDims;
        private ActivationType activation;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets {@code inputShape}: the input image as (height, width, channels), e.g. (28, 28, 1), as in the
         * seed.
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

        /** Sets {@code latentDim}: size of z. */
        public Builder latentDim(int latentDim) {
            this.latentDim = latentDim;
            return this;
        }

        /**
         * Sets {@code hiddenDims}: widths of the dense layers, or channels of the stride-2 convolutions
         * (kernel 4, padding 1) for the convolutional encoder.
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
        public EncoderConfig build() {
            return new EncoderConfig(this);
        }
    }
}
