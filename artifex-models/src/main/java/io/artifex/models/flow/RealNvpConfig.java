package io.artifex.models.flow;

import io.artifex.core.config.ModelConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A RealNVP normalizing flow on flat vectors, as in the seed's {@code RealNVPConfig}. Type id
 * {@code realnvp}.
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
        @NotBlank String name,
        @NotNull @Min(value = 2, message = "must be at least 2 (coupling splits the vector in two)") Integer inputDim,
        @NotNull @Min(value = 2, message = "must be at least 2 so that every dimension is transformed")
        Integer numCouplingLayers,
        @NotNull @Valid CouplingNetworkConfig couplingNetwork,
        @NotNull Boolean dequantize,
        @NotNull @DecimalMin("0") @DecimalMax(value = "0.5", inclusive = false) Double logitAlpha)
        implements ModelConfig {

    /** Defaults: dequantize on, logitAlpha 0.05. */
    public RealNvpConfig {
        dequantize = dequantize == null ? Boolean.TRUE : dequantize;
        logitAlpha = logitAlpha == null ? 0.05 : logitAlpha;
    }

    /** The seed's form: {@code RealNVPConfig(name, input_dim, num_coupling_layers, coupling_network)}. */
    public RealNvpConfig(String name, int inputDim, int numCouplingLayers, CouplingNetworkConfig couplingNetwork) {
        this(name, inputDim, numCouplingLayers, couplingNetwork, null, null);
    }
}
