package io.artifex.models.gan;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ModelConfig;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A GAN of two multi-layer perceptrons for vector data (e.g. 2-D toy distributions), which a
 * {@link DcganConfig} cannot express. Type id {@code mlp-gan}; the id is registered by the GAN
 * family of {@code artifex-models} (it is not one of the six built-in reference ids).
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param latentDim size of the noise vector z
 * @param dataDim size of one data vector
 * @param generatorHiddenDims widths of the generator's hidden layers; its output layer is linear
 * @param discriminatorHiddenDims widths of the discriminator's hidden layers; it ends in one logit
 * @param activation activation of every hidden layer; default relu
 * @param loss {@code non_saturating} (default), {@code least_squares}, {@code hinge} or {@code wasserstein_gp}
 * @param gradientPenaltyWeight lambda of the WGAN-GP penalty; default 10
 * @param r1Weight gamma of the R1 penalty on real data; default 0 = off
 * @param nCritic discriminator steps per generator step; default 1
 * @param numClasses 0 for an unconditional GAN; otherwise labels condition both networks
 * @param spectralNorm spectral normalisation of the discriminator's weights; default false
 */
public record MlpGanConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer latentDim,
        @NotNull @Positive @Max(ConfigLimits.MAX_DATA_DIM) Integer dataDim,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> generatorHiddenDims,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> discriminatorHiddenDims,
        @NotNull ActivationType activation,
        @NotNull GanLoss loss,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double gradientPenaltyWeight,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double r1Weight,
        @NotNull @Positive @Max(ConfigLimits.MAX_CRITIC_STEPS) Integer nCritic,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_CLASSES) Integer numClasses,
        @NotNull Boolean spectralNorm) implements ModelConfig {

    /** Defaults: relu, non_saturating, penalty weight 10, no R1, one critic step, unconditional, no spectral norm. */
    public MlpGanConfig {
        activation = activation == null ? ActivationType.RELU : activation;
        loss = loss == null ? GanLoss.NON_SATURATING : loss;
        gradientPenaltyWeight = gradientPenaltyWeight == null ? 10.0 : gradientPenaltyWeight;
        r1Weight = r1Weight == null ? 0.0 : r1Weight;
        nCritic = nCritic == null ? 1 : nCritic;
        numClasses = numClasses == null ? 0 : numClasses;
        spectralNorm = spectralNorm == null ? Boolean.FALSE : spectralNorm;
    }

    /** The short form: the networks and the loss, every other field at its default. */
    public MlpGanConfig(String name, int latentDim, int dataDim, List<Integer> generatorHiddenDims,
                        List<Integer> discriminatorHiddenDims, GanLoss loss) {
        this(builder().name(name).latentDim(latentDim).dataDim(dataDim).generatorHiddenDims(generatorHiddenDims)
                .discriminatorHiddenDims(discriminatorHiddenDims).loss(loss));
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link MlpGanConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.latentDim = latentDim;
        builder.dataDim = dataDim;
        builder.generatorHiddenDims = generatorHiddenDims;
        builder.discriminatorHiddenDims = discriminatorHiddenDims;
        builder.activation = activation;
        builder.loss = loss;
        builder.gradientPenaltyWeight = gradientPenaltyWeight;
        builder.r1Weight = r1Weight;
        builder.nCritic = nCritic;
        builder.numClasses = numClasses;
        builder.spectralNorm = spectralNorm;
        return builder;
    }

    private MlpGanConfig(Builder builder) {
        this(builder.name, builder.latentDim, builder.dataDim, builder.generatorHiddenDims,
                builder.discriminatorHiddenDims, builder.activation, builder.loss, builder.gradientPenaltyWeight,
                builder.r1Weight, builder.nCritic, builder.numClasses, builder.spectralNorm);
    }

    /**
     * Builds a {@link MlpGanConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer latentDim;
        private Integer dataDim;
        private List<Integer> generatorHiddenDims;
        private List<Integer> discriminatorHiddenDims;
        private ActivationType activation;
        private GanLoss loss;
        private Double gradientPenaltyWeight;
        private Double r1Weight;
        private Integer nCritic;
        private Integer numClasses;
        private Boolean spectralNorm;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code latentDim}: size of the noise vector z. */
        public Builder latentDim(int latentDim) {
            this.latentDim = latentDim;
            return this;
        }

        /** Sets {@code dataDim}: size of one data vector. */
        public Builder dataDim(int dataDim) {
            this.dataDim = dataDim;
            return this;
        }

        /**
         * Sets {@code generatorHiddenDims}: widths of the generator's hidden layers; its output layer is
         * linear.
         */
        public Builder generatorHiddenDims(List<Integer> generatorHiddenDims) {
            this.generatorHiddenDims = generatorHiddenDims;
            return this;
        }

        /** Sets {@code generatorHiddenDims} from its entries, e.g. {@code generatorHiddenDims(256, 128)}. */
        public Builder generatorHiddenDims(int... generatorHiddenDims) {
            this.generatorHiddenDims = java.util.Arrays.stream(generatorHiddenDims).boxed().toList();
            return this;
        }

        /**
         * Sets {@code discriminatorHiddenDims}: widths of the discriminator's hidden layers; it ends in one
         * logit.
         */
        public Builder discriminatorHiddenDims(List<Integer> discriminatorHiddenDims) {
            this.discriminatorHiddenDims = discriminatorHiddenDims;
            return this;
        }

        /** Sets {@code discriminatorHiddenDims} from its entries, e.g. {@code discriminatorHiddenDims(256, 128)}. */
        public Builder discriminatorHiddenDims(int... discriminatorHiddenDims) {
            this.discriminatorHiddenDims = java.util.Arrays.stream(discriminatorHiddenDims).boxed().toList();
            return this;
        }

        /** Sets {@code activation}: activation of every hidden layer; default relu. */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets {@code loss}: {@code non_saturating} (default), {@code least_squares}, {@code hinge} or {@code
         * wasserstein_gp}.
         */
        public Builder loss(GanLoss loss) {
            this.loss = loss;
            return this;
        }

        /** Sets {@code gradientPenaltyWeight}: lambda of the WGAN-GP penalty; default 10. */
        public Builder gradientPenaltyWeight(double gradientPenaltyWeight) {
            this.gradientPenaltyWeight = gradientPenaltyWeight;
            return this;
        }

        /** Sets {@code r1Weight}: gamma of the R1 penalty on real data; default 0 = off. */
        public Builder r1Weight(double r1Weight) {
            this.r1Weight = r1Weight;
            return this;
        }

        /** Sets {@code nCritic}: discriminator steps per generator step; default 1. */
        public Builder nCritic(int nCritic) {
            this.nCritic = nCritic;
            return this;
        }

        /** Sets {@code numClasses}: 0 for an unconditional GAN; otherwise labels condition both networks. */
        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets {@code spectralNorm}: spectral normalisation of the discriminator's weights; default false.
         */
        public Builder spectralNorm(boolean spectralNorm) {
            this.spectralNorm = spectralNorm;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public MlpGanConfig build() {
            return new MlpGanConfig(this);
        }
    }
}
