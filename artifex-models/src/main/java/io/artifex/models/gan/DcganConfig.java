package io.artifex.models.gan;

import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A deep convolutional GAN, as in the seed's {@code DCGANConfig}. Type id {@code dcgan}.
 *
 * @param name a label for logs
 * @param generator the generator network
 * @param discriminator the discriminator (critic) network; its input shape equals the
 *                      generator's output shape
 * @param loss {@code non_saturating} (default), {@code least_squares}, {@code hinge} or
 *             {@code wasserstein_gp}
 * @param gradientPenaltyWeight lambda of the WGAN-GP gradient penalty (used by
 *                              {@code wasserstein_gp}); default 10
 * @param r1Weight gamma of the R1 penalty on real data, any loss; default 0 = off
 * @param nCritic discriminator steps per generator step; default 1
 * @param numClasses 0 for an unconditional GAN; otherwise labels condition both networks
 */
public record DcganConfig(
        @NotBlank String name,
        @NotNull @Valid ConvGeneratorConfig generator,
        @NotNull @Valid ConvDiscriminatorConfig discriminator,
        @NotNull GanLoss loss,
        @NotNull @PositiveOrZero Double gradientPenaltyWeight,
        @NotNull @PositiveOrZero Double r1Weight,
        @NotNull @Positive Integer nCritic,
        @NotNull @PositiveOrZero Integer numClasses) implements ModelConfig, CrossFieldRules {

    /** Defaults: non_saturating, penalty weight 10, no R1, one critic step, unconditional. */
    public DcganConfig {
        loss = loss == null ? GanLoss.NON_SATURATING : loss;
        gradientPenaltyWeight = gradientPenaltyWeight == null ? 10.0 : gradientPenaltyWeight;
        r1Weight = r1Weight == null ? 0.0 : r1Weight;
        nCritic = nCritic == null ? 1 : nCritic;
        numClasses = numClasses == null ? 0 : numClasses;
    }

    /** The seed's form: {@code DCGANConfig(name, generator, discriminator)}. */
    public DcganConfig(String name, ConvGeneratorConfig generator, ConvDiscriminatorConfig discriminator) {
        this(name, generator, discriminator, null, null, null, null, null);
    }

    /**
     * Cross-field rules: the discriminator reads what the generator writes (same shape), and
     * the WGAN-GP penalty, computed per sample, is not combined with batch normalisation.
     */
    @Override
    public void check(RuleContext ctx) {
        if (generator == null || discriminator == null) {
            return;
        }
        ctx.requireEqual("discriminator.inputShape", discriminator.inputShape(),
                "generator.outputShape", generator.outputShape());
        if (loss == GanLoss.WASSERSTEIN_GP && Boolean.TRUE.equals(discriminator.batchNorm())) {
            ctx.reject("discriminator.batchNorm",
                    "must be false with loss wasserstein_gp (the gradient penalty is per sample)");
        }
    }
}
