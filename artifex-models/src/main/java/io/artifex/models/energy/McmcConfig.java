package io.artifex.models.energy;

import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The MCMC sampler of an energy-based model, as in the seed's {@code MCMCConfig}.
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
        @NotBlank String name,
        @NotNull @Positive Integer nSteps,
        @NotNull @Positive Double stepSize,
        @NotNull @PositiveOrZero Double noiseScale,
        @NotNull @PositiveOrZero Double gradClip,
        @NotNull Double domainMin,
        @NotNull Double domainMax,
        @NotNull McmcSampler sampler,
        @NotNull @Positive Integer leapfrogSteps) implements CrossFieldRules {

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
        this(name, nSteps, stepSize, null, null, null, null, null, null);
    }

    /** Cross-field rule: a non-empty domain, domainMin &lt; domainMax. */
    @Override
    public void check(RuleContext ctx) {
        ctx.requireGreater("domainMax", domainMax, "domainMin", domainMin);
    }

    /** This configuration with another Langevin/HMC step size (everything else unchanged). */
    public McmcConfig withStepSize(double newStepSize) {
        return new McmcConfig(name, nSteps, newStepSize, noiseScale, gradClip, domainMin, domainMax, sampler,
                leapfrogSteps);
    }
}
