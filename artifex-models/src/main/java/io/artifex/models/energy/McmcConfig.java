package io.artifex.models.energy;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The MCMC sampler of an energy-based model, as in the seed's {@code MCMCConfig}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name a label for logs
 * @param nSteps MCMC steps per negative sample
 * @param stepSize the step size: Langevin's gradient step, HMC's leapfrog step
 * @param noiseScale standard deviation of the Gaussian noise added per Langevin step; default 0.005
 * @param gradClip clip each element of the energy gradient to [-gradClip, gradClip]; default
 *                 0.03; 0 = no clipping
 * @param domainMin lower bound the samples are clamped to; default -1
 * @param domainMax upper bound the samples are clamped to, greater than domainMin; default 1
 * @param sampler {@code langevin} (default), {@code mala} or {@code hmc}
 * @param leapfrogSteps leapfrog steps per HMC proposal; default 10; used by {@code hmc}
 */
public record McmcConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_MCMC_STEPS) Integer nSteps,
        @NotNull @Finite @Positive @DecimalMax(ConfigLimits.MAX_FACTOR) Double stepSize,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double noiseScale,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double gradClip,
        @NotNull @Finite @DecimalMin(ConfigLimits.MIN_FACTOR) @DecimalMax(ConfigLimits.MAX_FACTOR) Double domainMin,
        @NotNull @Finite @DecimalMin(ConfigLimits.MIN_FACTOR) @DecimalMax(ConfigLimits.MAX_FACTOR) Double domainMax,
        @NotNull McmcSampler sampler,
        @NotNull @Positive @Max(ConfigLimits.MAX_MCMC_STEPS) Integer leapfrogSteps) implements CrossFieldRules {

    /** Defaults: noise 0.005, gradient clip 0.03, domain [-1, 1], langevin, 10 leapfrog steps. */
    public McmcConfig {
        noiseScale = noiseScale == null ? 0.005 : noiseScale;
        gradClip = gradClip == null ? 0.03 : gradClip;
        domainMin = domainMin == null ? -1.0 : domainMin;
        domainMax = domainMax == null ? 1.0 : domainMax;
        sampler = sampler == null ? McmcSampler.LANGEVIN : sampler;
        leapfrogSteps = leapfrogSteps == null ? 10 : leapfrogSteps;
    }

    /** The seed's form: {@code MCMCConfig(name, n_steps, step_size)}. */
    public McmcConfig(String name, int nSteps, double stepSize) {
        this(builder().name(name).nSteps(nSteps).stepSize(stepSize));
    }

    /** Cross-field rule: a non-empty domain, domainMin &lt; domainMax. */
    @Override
    public void check(RuleContext ctx) {
        ctx.requireGreater("domainMax", domainMax, "domainMin", domainMin);
    }

    /** This configuration with another Langevin/HMC step size (everything else unchanged). */
    public McmcConfig withStepSize(double newStepSize) {
        return toBuilder().stepSize(newStepSize).build();
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link McmcConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.nSteps = nSteps;
        builder.stepSize = stepSize;
        builder.noiseScale = noiseScale;
        builder.gradClip = gradClip;
        builder.domainMin = domainMin;
        builder.domainMax = domainMax;
        builder.sampler = sampler;
        builder.leapfrogSteps = leapfrogSteps;
        return builder;
    }

    private McmcConfig(Builder builder) {
        this(builder.name, builder.nSteps, builder.stepSize, builder.noiseScale, builder.gradClip, builder.domainMin,
                builder.domainMax, builder.sampler, builder.leapfrogSteps);
    }

    /**
     * Builds a {@link McmcConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer nSteps;
        private Double stepSize;
        private Double noiseScale;
        private Double gradClip;
        private Double domainMin;
        private Double domainMax;
        private McmcSampler sampler;
        private Integer leapfrogSteps;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code nSteps}: MCMC steps per negative sample. */
        public Builder nSteps(int nSteps) {
            this.nSteps = nSteps;
            return this;
        }

        /** Sets {@code stepSize}: the step size: Langevin's gradient step, HMC's leapfrog step. */
        public Builder stepSize(double stepSize) {
            this.stepSize = stepSize;
            return this;
        }

        /**
         * Sets {@code noiseScale}: standard deviation of the Gaussian noise added per Langevin step; default
         * 0.005.
         */
        public Builder noiseScale(double noiseScale) {
            this.noiseScale = noiseScale;
            return this;
        }

        /**
         * Sets {@code gradClip}: clip each element of the energy gradient to [-gradClip, gradClip]; default
         * 0.03; 0 = no clipping.
         */
        public Builder gradClip(double gradClip) {
            this.gradClip = gradClip;
            return this;
        }

        /** Sets {@code domainMin}: lower bound the samples are clamped to; default -1. */
        public Builder domainMin(double domainMin) {
            this.domainMin = domainMin;
            return this;
        }

        /**
         * Sets {@code domainMax}: upper bound the samples are clamped to, greater than domainMin; default 1.
         */
        public Builder domainMax(double domainMax) {
            this.domainMax = domainMax;
            return this;
        }

        /** Sets {@code sampler}: {@code langevin} (default), {@code mala} or {@code hmc}. */
        public Builder sampler(McmcSampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** Sets {@code leapfrogSteps}: leapfrog steps per HMC proposal; default 10; used by {@code hmc}. */
        public Builder leapfrogSteps(int leapfrogSteps) {
            this.leapfrogSteps = leapfrogSteps;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public McmcConfig build() {
            return new McmcConfig(this);
        }
    }
}
