package io.artifex.models.energy;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.Finite;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The replay buffer of past MCMC samples that persistent contrastive divergence restarts
 * chains from, as in the seed's {@code SampleBufferConfig}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name a label for logs
 * @param capacity the most samples the buffer keeps
 * @param reinitProb probability in [0, 1] that a chain starts from fresh uniform noise
 *                   instead of a buffered sample; default 0.05
 */
public record SampleBufferConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_BUFFER_CAPACITY) Integer capacity,
        @NotNull @Finite @DecimalMin("0") @DecimalMax("1") Double reinitProb) {

    /** Defaults: reinitProb 0.05. */
    public SampleBufferConfig {
        reinitProb = reinitProb == null ? 0.05 : reinitProb;
    }

    /** The seed's form: {@code SampleBufferConfig(name, capacity)}. */
    public SampleBufferConfig(String name, int capacity) {
        this(builder().name(name).capacity(capacity));
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link SampleBufferConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.capacity = capacity;
        builder.reinitProb = reinitProb;
        return builder;
    }

    private SampleBufferConfig(Builder builder) {
        this(builder.name, builder.capacity, builder.reinitProb);
    }

    /**
     * Builds a {@link SampleBufferConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer capacity;
        private Double reinitProb;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code capacity}: the most samples the buffer keeps. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /**
         * Sets {@code reinitProb}: probability in [0, 1] that a chain starts from fresh uniform noise instead
         * of a buffered sample; default 0.05.
         */
        public Builder reinitProb(double reinitProb) {
            this.reinitProb = reinitProb;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public SampleBufferConfig build() {
            return new SampleBufferConfig(this);
        }
    }
}
