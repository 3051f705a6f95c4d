package io.artifex.examples.custom;

import io.artifex.core.config.ModelConfig;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The config of the custom family {@code gaussian-1d}: a name and the mean the model starts from.
 * Validated like every built-in config (the annotations), read from YAML by its type id.
 *
 * @param name a human-readable name
 * @param initialMean the mean before training (default 0)
 */
public record GaussianConfig(@NotBlank String name, @NotNull Double initialMean) implements ModelConfig {

    /** Defaults: initialMean 0. */
    public GaussianConfig {
        initialMean = initialMean == null ? 0.0 : initialMean;
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GaussianConfig}; unset fields take their defaults. */
    public static final class Builder {
        private String name;
        private Double initialMean;

        /** Sets {@code name}. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Sets {@code initialMean}. */
        public Builder initialMean(double value) {
            this.initialMean = value;
            return this;
        }

        /** The config. */
        public GaussianConfig build() {
            return new GaussianConfig(name, initialMean);
        }
    }
}
