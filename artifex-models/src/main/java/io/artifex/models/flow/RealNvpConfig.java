package io.artifex.models.flow;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ModelConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A RealNVP normalizing flow on flat vectors, as in the seed's {@code RealNVPConfig}. Type id
 * {@code realnvp}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name a label for logs
 * @param inputDim the data dimension, e.g. 784 for flattened 28x28 images; at least 2
 * @param numCouplingLayers affine coupling layers with alternating masks; at least 2 so that
 *                          every dimension is transformed
 * @param couplingNetwork the scale/shift network of each coupling layer
 * @param dequantize add uniform noise to discrete pixel data and model it in logit space;
 *                   default true
 * @param logitAlpha alpha of the logit transform {@code logit(alpha + (1 - 2 alpha) x)}, in
 *                   [0, 0.5); default 0.05
 */
public record RealNvpConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Min(value = 2, message = "must be at least 2 (coupling splits the vector in two)")
        @Max(ConfigLimits.MAX_DATA_DIM) Integer inputDim,
        @NotNull @Min(value = 2, message = "must be at least 2 so that every dimension is transformed")
        @Max(ConfigLimits.MAX_LAYERS) Integer numCouplingLayers,
        @NotNull @Valid CouplingNetworkConfig couplingNetwork,
        @NotNull Boolean dequantize,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "0.5", inclusive = false) Double logitAlpha)
        implements ModelConfig {

    /** Defaults: dequantize on, logitAlpha 0.05. */
    public RealNvpConfig {
        dequantize = dequantize == null ? Boolean.TRUE : dequantize;
        logitAlpha = logitAlpha == null ? 0.05 : logitAlpha;
    }

    /** The seed's form: {@code RealNVPConfig(name, input_dim, num_coupling_layers, coupling_network)}. */
    public RealNvpConfig(String name, int inputDim, int numCouplingLayers, CouplingNetworkConfig couplingNetwork) {
        this(builder().name(name).inputDim(inputDim).numCouplingLayers(numCouplingLayers)
                .couplingNetwork(couplingNetwork));
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link RealNvpConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inputDim = inputDim;
        builder.numCouplingLayers = numCouplingLayers;
        builder.couplingNetwork = couplingNetwork;
        builder.dequantize = dequantize;
        builder.logitAlpha = logitAlpha;
        return builder;
    }

    private RealNvpConfig(Builder builder) {
        this(builder.name, builder.inputDim, builder.numCouplingLayers, builder.couplingNetwork, builder.dequantize,
                builder.logitAlpha);
    }

    /**
     * Builds a {@link RealNvpConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer inputDim;
        private Integer numCouplingLayers;
        private CouplingNetworkConfig couplingNetwork;
        private Boolean dequantize;
        private Double logitAlpha;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code inputDim}: the data dimension, e.g. 784 for flattened 28x28 images; at least 2. */
        public Builder inputDim(int inputDim) {
            this.inputDim = inputDim;
            return this;
        }

        /**
         * Sets {@code numCouplingLayers}: affine coupling layers with alternating masks; at least 2 so that
         * every dimension is transformed.
         */
        public Builder numCouplingLayers(int numCouplingLayers) {
            this.numCouplingLayers = numCouplingLayers;
            return this;
        }

        /** Sets {@code couplingNetwork}: the scale/shift network of each coupling layer. */
        public Builder couplingNetwork(CouplingNetworkConfig couplingNetwork) {
            this.couplingNetwork = couplingNetwork;
            return this;
        }

        /**
         * Sets {@code dequantize}: add uniform noise to discrete pixel data and model it in logit space;
         * default true.
         */
        public Builder dequantize(boolean dequantize) {
            this.dequantize = dequantize;
            return this;
        }

        /**
         * Sets {@code logitAlpha}: alpha of the logit transform {@code logit(alpha + (1 - 2 alpha) x)}, in
         * [0, 0.5); default 0.05.
         */
        public Builder logitAlpha(double logitAlpha) {
            this.logitAlpha = logitAlpha;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public RealNvpConfig build() {
            return new RealNvpConfig(this);
        }
    }
}
