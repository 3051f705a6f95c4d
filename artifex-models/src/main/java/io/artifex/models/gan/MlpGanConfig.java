package io.artifex.models.gan;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * A GAN of two multi-layer perceptrons for vector data (e.g. 2-D toy distributions), which a
 * {@link DcganConfig} cannot express. Type id {@code mlp-gan}; the id is registered by the GAN
 * family of {@code artifex-models} (it is not one of the six built-in reference ids).
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
        @NotBlank String name,
        @NotNull @Positive Integer latentDim,
        @NotNull @Positive Integer dataDim,
        @NotEmpty List<@NotNull @Positive Integer> generatorHiddenDims,
        @NotEmpty List<@NotNull @Positive Integer> discriminatorHiddenDims,
        @NotNull ActivationType activation,
        @NotNull GanLoss loss,
        @NotNull @PositiveOrZero Double gradientPenaltyWeight,
        @NotNull @PositiveOrZero Double r1Weight,
        @NotNull @Positive Integer nCritic,
        @NotNull @PositiveOrZero Integer numClasses,
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
        this(name, latentDim, dataDim, generatorHiddenDims, discriminatorHiddenDims, null, loss,
                null, null, null, null, null);
    }
}
