package io.artifex.models.energy;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import io.artifex.core.config.training.TrainerConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An energy-based model trained by contrastive divergence with MCMC negatives, as in the
 * seed's {@code EBMConfig}. Type id {@code ebm}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
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
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_DATA_DIM) Integer inputDim,
        @NotNull @Valid EnergyNetworkConfig energyNetwork,
        @NotNull @Valid McmcConfig mcmc,
        @NotNull @Valid SampleBufferConfig sampleBuffer,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double alpha)
        implements ModelConfig, CrossFieldRules {

    /** Defaults: alpha 0.1. */
    public EbmConfig {
        alpha = alpha == null ? 0.1 : alpha;
    }

    /**
     * Cross-field rule: the replay buffer ({@code sampleBuffer.capacity} samples of {@code inputDim}
     * floats) must fit in {@value ConfigLimits#MAX_BUFFER_ELEMENTS} floats (1 GiB).
     */
    @Override
    public void check(RuleContext ctx) {
        if (inputDim != null && sampleBuffer != null && sampleBuffer.capacity() != null
                && (long) sampleBuffer.capacity() * inputDim > ConfigLimits.MAX_BUFFER_ELEMENTS) {
            ctx.reject("sampleBuffer.capacity", "times inputDim (" + inputDim + ") must be at most "
                    + ConfigLimits.MAX_BUFFER_ELEMENTS + " floats (1 GiB), got " + sampleBuffer.capacity());
        }
    }

    /** Cross-field rule with the trainer: the replay buffer must hold at least one batch of chains. */
    @Override
    public void checkTraining(TrainerConfig training, RuleContext ctx) {
        if (training != null && training.batchSize() != null && sampleBuffer != null
                && sampleBuffer.capacity() != null && sampleBuffer.capacity() < training.batchSize()) {
            ctx.reject("sampleBuffer.capacity", "must be at least training.batchSize (" + training.batchSize()
                    + "), got " + sampleBuffer.capacity());
        }
    }

    /** The seed's form: {@code EBMConfig(name, input_dim, energy_network, mcmc, sample_buffer)}. */
    public EbmConfig(String name, int inputDim, EnergyNetworkConfig energyNetwork, McmcConfig mcmc,
                     SampleBufferConfig sampleBuffer) {
        this(builder().name(name).inputDim(inputDim).energyNetwork(energyNetwork).mcmc(mcmc)
                .sampleBuffer(sampleBuffer));
    }

    /** This configuration with another sampler configuration (everything else unchanged). */
    public EbmConfig withMcmc(McmcConfig newMcmc) {
        return toBuilder().mcmc(newMcmc).build();
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link EbmConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inputDim = inputDim;
        builder.energyNetwork = energyNetwork;
        builder.mcmc = mcmc;
        builder.sampleBuffer = sampleBuffer;
        builder.alpha = alpha;
        return builder;
    }

    private EbmConfig(Builder builder) {
        this(builder.name, builder.inputDim, builder.energyNetwork, builder.mcmc, builder.sampleBuffer, builder.alpha);
    }

    /**
     * Builds a {@link EbmConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer inputDim;
        private EnergyNetworkConfig energyNetwork;
        private McmcConfig mcmc;
        private SampleBufferConfig sampleBuffer;
        private Double alpha;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code inputDim}: the data dimension, e.g. 784 for flattened 28x28 images. */
        public Builder inputDim(int inputDim) {
            this.inputDim = inputDim;
            return this;
        }

        /** Sets {@code energyNetwork}: the energy function E(x). */
        public Builder energyNetwork(EnergyNetworkConfig energyNetwork) {
            this.energyNetwork = energyNetwork;
            return this;
        }

        /** Sets {@code mcmc}: the sampler that draws negatives. */
        public Builder mcmc(McmcConfig mcmc) {
            this.mcmc = mcmc;
            return this;
        }

        /** Sets {@code sampleBuffer}: the replay buffer of past negatives. */
        public Builder sampleBuffer(SampleBufferConfig sampleBuffer) {
            this.sampleBuffer = sampleBuffer;
            return this;
        }

        /**
         * Sets {@code alpha}: weight of the regulariser alpha * (E(x+)^2 + E(x-)^2) that keeps energies near
         * zero; default 0.1.
         */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public EbmConfig build() {
            return new EbmConfig(this);
        }
    }
}
