package io.artifex.models.flow;

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
 * The network inside each affine coupling layer that computes scale and shift from the
 * unchanged half, as in the seed's {@code CouplingNetworkConfig}.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param hiddenDims widths of its dense hidden layers
 * @param activation activation after each hidden layer; default relu
 */
public record CouplingNetworkConfig(
        @NotBlank @ConfigName String name,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull ActivationType activation) {

    /** Defaults: relu. */
    public CouplingNetworkConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link CouplingNetworkConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.hiddenDims = hiddenDims;
        builder.activation = activation;
        return builder;
    }

    private CouplingNetworkConfig(Builder builder) {
        this(builder.name, builder.hiddenDims, builder.activation);
    }

    /**
     * Builds a {@link CouplingNetworkConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> hiddenDims;
        private ActivationType activation;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code hiddenDims}: widths of its dense hidden layers. */
        public Builder hiddenDims(List<Integer> hiddenDims) {
            this.hiddenDims = hiddenDims;
            return this;
        }

        /** Sets {@code hiddenDims} from its entries, e.g. {@code hiddenDims(256, 128)}. */
        public Builder hiddenDims(int... hiddenDims) {
            this.hiddenDims = java.util.Arrays.stream(hiddenDims).boxed().toList();
            return this;
        }

        /** Sets {@code activation}: activation after each hidden layer; default relu. */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public CouplingNetworkConfig build() {
            return new CouplingNetworkConfig(this);
        }
    }
}
