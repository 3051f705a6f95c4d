package io.artifex.models.energy;

import io.artifex.core.config.ActivationType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * The network E(x) that assigns a scalar energy to an input, as in the seed's
 * {@code EnergyNetworkConfig}.
 *
 * @param name a label for logs
 * @param hiddenDims widths of the dense layers, or channels of the convolutions for {@code conv}
 * @param activation activation after each hidden layer; default silu (the seed's "swish" is
 *                   read as silu); smooth activations give useful input gradients for MCMC
 * @param networkType {@code dense} (default) or {@code conv}
 */
public record EnergyNetworkConfig(
        @NotBlank String name,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull ActivationType activation,
        @NotNull EnergyNetworkType networkType) {

    /** Defaults: silu, dense. */
    public EnergyNetworkConfig {
        activation = activation == null ? ActivationType.SILU : activation;
        networkType = networkType == null ? EnergyNetworkType.DENSE : networkType;
    }

    /** The seed's form: {@code EnergyNetworkConfig(name, hidden_dims, activation)}. */
    public EnergyNetworkConfig(String name, List<Integer> hiddenDims, ActivationType activation) {
        this(name, hiddenDims, activation, null);
    }
}
