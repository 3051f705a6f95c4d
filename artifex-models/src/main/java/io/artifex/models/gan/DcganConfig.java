package io.artifex.models.gan;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A deep convolutional GAN, as in the seed's {@code DCGANConfig}. Type id {@code dcgan}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
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
        @NotBlank @ConfigName String name,
        @NotNull @Valid ConvGeneratorConfig generator,
        @NotNull @Valid ConvDiscriminatorConfig discriminator,
        @NotNull GanLoss loss,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double gradientPenaltyWeight,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double r1Weight,
        @NotNull @Positive @Max(ConfigLimits.MAX_CRITIC_STEPS) Integer nCritic,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_CLASSES) Integer numClasses) implements ModelConfig, CrossFieldRules {

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
        this(builder().name(name).generator(generator).discriminator(discriminator));
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

    /** A builder with every field unset; unset fields take the defaults listed on {@link DcganConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.generator = generator;
        builder.discriminator = discriminator;
        builder.loss = loss;
        builder.gradientPenaltyWeight = gradientPenaltyWeight;
        builder.r1Weight = r1Weight;
        builder.nCritic = nCritic;
        builder.numClasses = numClasses;
        return builder;
    }

    private DcganConfig(Builder builder) {
        this(builder.name, builder.generator, builder.discriminator, builder.loss, builder.gradientPenaltyWeight,
                builder.r1Weight, builder.nCritic, builder.numClasses);
    }

    /**
     * Builds a {@link DcganConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private ConvGeneratorConfig generator;
        private ConvDiscriminatorConfig discriminator;
        private GanLoss loss;
        private Double gradientPenaltyWeight;
        private Double r1Weight;
        private Integer nCritic;
        private Integer numClasses;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code generator}: the generator network. */
        public Builder generator(ConvGeneratorConfig generator) {
            this.generator = generator;
            return this;
        }

        /**
         * Sets {@code discriminator}: the discriminator (critic) network; its input shape equals the
         * generator's output shape.
         */
        public Builder discriminator(ConvDiscriminatorConfig discriminator) {
            this.discriminator = discriminator;
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

        /**
         * Sets {@code gradientPenaltyWeight}: lambda of the WGAN-GP gradient penalty (used by {@code
         * wasserstein_gp}); default 10.
         */
        public Builder gradientPenaltyWeight(double gradientPenaltyWeight) {
            this.gradientPenaltyWeight = gradientPenaltyWeight;
            return this;
        }

        /** Sets {@code r1Weight}: gamma of the R1 penalty on real data, any loss; default 0 = off. */
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

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public DcganConfig build() {
            return new DcganConfig(this);
        }
    }
}
