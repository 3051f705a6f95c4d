package io.artifex.core.registry.testfamily;

import io.artifex.core.config.ModelConfig;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Config of the test-only family {@code test-linear}: a single dense layer. Note that it
 * carries no {@code @JsonTypeName}: its id comes only from the registry.
 *
 * @param name a label
 * @param inFeatures input width
 * @param outFeatures output width
 */
public record TestLinearConfig(@NotBlank String name, @NotNull @Positive Integer inFeatures,
                               @NotNull @Positive Integer outFeatures) implements ModelConfig {
}
