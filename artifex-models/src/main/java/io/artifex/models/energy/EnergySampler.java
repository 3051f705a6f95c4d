package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import io.artifex.core.random.Rng;

/**
 * A Markov chain Monte Carlo method that draws from {@code p(x) ∝ exp(-E(x))} for any
 * {@link EnergyFunction}, one chain per row of the start batch.
 *
 * <p>Each step runs in its own sub-manager that is closed when the step ends, so memory does
 * not grow with the number of steps. Input gradients come from
 * {@link EnergyFunction#gradient}: call samplers outside any gradient collector, with the
 * parameters of a network-backed energy frozen (the {@code Ebm} does both).
 *
 * <p>Thread-safety: implementations must allow concurrent runs, each with its own start batch and
 * {@code Rng}, since a model shares one sampler between its sampling threads (the library's
 * samplers are immutable).
 */
public interface EnergySampler {

    /**
     * Runs every chain from {@code start} (not modified) for the configured number of steps.
     *
     * @param energy the energy to sample from
     * @param start the initial states {@code (N, ...)}, floating point
     * @param rng the only source of randomness: same seed, same chains
     * @return the final states (in {@code start}'s manager) and the acceptance rate, if any
     */
    ChainResult run(EnergyFunction energy, NDArray start, Rng rng);

    /** The number of MCMC steps one {@link #run} makes. */
    int steps();

    /**
     * The sampler a config describes: {@code langevin} uses every field; {@code mala} uses the
     * step size and the domain (its noise is {@code sqrt(2 * stepSize)}); {@code hmc} uses the
     * step size, the leapfrog steps and the domain.
     */
    static EnergySampler fromConfig(McmcConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("mcmc config must not be null");
        }
        Domain domain = new Domain(config.domainMin(), config.domainMax());
        return switch (config.sampler()) {
            case LANGEVIN -> new LangevinSampler(config.nSteps(), config.stepSize(), config.noiseScale(),
                    config.gradClip(), domain);
            case MALA -> new MalaSampler(config.nSteps(), config.stepSize(), domain);
            case HMC -> new HmcSampler(config.nSteps(), config.stepSize(), config.leapfrogSteps(), domain);
        };
    }
}
