package io.artifex.models.energy;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The network E(x) that assigns a scalar energy to an input, as in the seed's
 * {@code EnergyNetworkConfig}.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param hiddenDims widths of the dense layers, or channels of the convolutions for {@code conv}
 * @param activation activation after each hidden layer; default silu (the seed's "swish" is
 *                   read as silu); smooth activations give useful input gradients for MCMC
 * @param networkType {@code dense} (default) or {@code conv}
 */
public record EnergyNetworkConfig(
        @NotBlank @ConfigName String name,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull ActivationType activation,
        @NotNull EnergyNetworkType networkType) {

    /** Defaults: silu, dense. */
    public EnergyNetworkConfig {
        activation = activation == null ? ActivationType.SILU : activation;
        networkType = networkType == null ? EnergyNetworkType.DENSE : networkType;
    }

    /** The seed's form: {@code EnergyNetworkConfig(name, hidden_dims, activation)}. */
    public EnergyNetworkConfig(String name, List<Integer> hiddenDims, ActivationType activation) {
        this(builder().name(name).hiddenDims(hiddenDims).activation(activation));
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link EnergyNetworkConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.hiddenDims = hiddenDims;
        builder.activation = activation;
        builder.networkType = networkType;
        return builder;
    }

    private EnergyNetworkConfig(Builder builder) {
        this(builder.name, builder.hiddenDims, builder.activation, builder.networkType);
    }

    /**
     * Builds a {@link EnergyNetworkConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> hiddenDims;
        private ActivationType activation;
        private EnergyNetworkType networkType;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets {@code hiddenDims}: widths of the dense layers, or channels of the convolutions for {@code
         * conv}.
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
         * Sets {@code activation}: activation after each hidden layer; default silu (the seed's "swish" is
         * read as silu); smooth activations give useful input gradients for MCMC.
         */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /** Sets {@code networkType}: {@code dense} (default) or {@code conv}. */
        public Builder networkType(EnergyNetworkType networkType) {
            this.networkType = networkType;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public EnergyNetworkConfig build() {
            return new EnergyNetworkConfig(this);
        }
    }
}
