package io.artifex.models.energy;

import io.artifex.core.config.ModelConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An energy-based model trained by contrastive divergence with MCMC negatives, as in the
 * seed's {@code EBMConfig}. Type id {@code ebm}.
 *
 * @param name a label for logs
 * @param inputDim the data dimension, e.g. 784 for flattened 28x28 images
 * @param energyNetwork the energy function E(x)
 * @param mcmc the sampler that draws negatives
 * @param sampleBuffer the replay buffer of past negatives
 * @param alpha weight of the regulariser alpha * (E(x+)^2 + E(x-)^2) that keeps energies
 *              near zero; default 0.1
 */
public record EbmConfig(
        @NotBlank String name,
        @NotNull @Positive Integer inputDim,
        @NotNull @Valid EnergyNetworkConfig energyNetwork,
        @NotNull @Valid McmcConfig mcmc,
        @NotNull @Valid SampleBufferConfig sampleBuffer,
        @NotNull @PositiveOrZero Double alpha) implements ModelConfig {

    /** Defaults: alpha 0.1. */
    public EbmConfig {
        alpha = alpha == null ? 0.1 : alpha;
    }

    /** The seed's form: {@code EBMConfig(name, input_dim, energy_network, mcmc, sample_buffer)}. */
    public EbmConfig(String name, int inputDim, EnergyNetworkConfig energyNetwork, McmcConfig mcmc,
                     SampleBufferConfig sampleBuffer) {
        this(name, inputDim, energyNetwork, mcmc, sampleBuffer, null);
    }

    /** This configuration with another sampler configuration (everything else unchanged). */
    public EbmConfig withMcmc(McmcConfig newMcmc) {
        return new EbmConfig(name, inputDim, energyNetwork, newMcmc, sampleBuffer, alpha);
    }
}
