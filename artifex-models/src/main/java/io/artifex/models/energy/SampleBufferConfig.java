package io.artifex.models.energy;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The replay buffer of past MCMC samples that persistent contrastive divergence restarts
 * chains from, as in the seed's {@code SampleBufferConfig}.
 *
 * @param name a label for logs
 * @param capacity the most samples the buffer keeps
 * @param reinitProb probability in [0, 1] that a chain starts from fresh uniform noise
 *                   instead of a buffered sample; default 0.05
 */
public record SampleBufferConfig(
        @NotBlank String name,
        @NotNull @Positive Integer capacity,
        @NotNull @DecimalMin("0") @DecimalMax("1") Double reinitProb) {

    /** Defaults: reinitProb 0.05. */
    public SampleBufferConfig {
        reinitProb = reinitProb == null ? 0.05 : reinitProb;
    }

    /** The seed's form: {@code SampleBufferConfig(name, capacity)}. */
    public SampleBufferConfig(String name, int capacity) {
        this(name, capacity, null);
    }
}
