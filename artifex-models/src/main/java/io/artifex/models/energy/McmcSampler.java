package io.artifex.models.energy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * The MCMC method that draws negative samples: unadjusted Langevin dynamics
 * ({@code langevin}), Metropolis-adjusted Langevin ({@code mala}) or Hamiltonian Monte
 * Carlo ({@code hmc}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum McmcSampler {
    LANGEVIN, MALA, HMC;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return ConfigEnums.lowerName(this);
    }

    /** Parses a sampler name; the error lists the valid names. */
    @JsonCreator
    public static McmcSampler fromId(String text) {
        return ConfigEnums.parse(McmcSampler.class, "MCMC sampler", text, McmcSampler::id);
    }
}
