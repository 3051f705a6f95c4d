package io.artifex.models.flow;

import io.artifex.core.config.ActivationType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * The network inside each affine coupling layer that computes scale and shift from the
 * unchanged half, as in the seed's {@code CouplingNetworkConfig}.
 *
 * @param name a label for logs
 * @param hiddenDims widths of its dense hidden layers
 * @param activation activation after each hidden layer; default relu
 */
public record CouplingNetworkConfig(
        @NotBlank String name,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull ActivationType activation) {

    /** Defaults: relu. */
    public CouplingNetworkConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }
}
