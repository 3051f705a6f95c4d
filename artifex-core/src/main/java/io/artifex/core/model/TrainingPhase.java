package io.artifex.core.model;

import java.util.Objects;

/**
 * One part of a training step as a model declares it: which parameters are updated, by
 * which optimizer, how often per step, and with what loss. A VAE has one phase; a GAN has
 * a discriminator phase (run {@code repeats} = n_critic times) and a generator phase. The
 * trainer runs phases in order and knows nothing else about the model.
 *
 * @param name phase name used in logs and errors, e.g. "discriminator"
 * @param parameters the parameters this phase updates; all others are frozen during it
 * @param optimizer key of the optimizer settings to use (e.g. "default", "generator")
 * @param repeats how many times the phase runs per training step (at least 1)
 * @param objective the phase's loss
 */
public record TrainingPhase(String name, ParameterGroup parameters, String optimizer, int repeats,
                            PhaseObjective objective) {

    /** Name of the optimizer settings used when a model does not ask for a specific one. */
    public static final String DEFAULT_OPTIMIZER = "default";

    /** Validates the phase. */
    public TrainingPhase {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("training phase name must not be blank");
        }
        Objects.requireNonNull(parameters, "phase '" + name + "' has no parameter group");
        if (optimizer == null || optimizer.isBlank()) {
            throw new IllegalArgumentException("phase '" + name + "' must name an optimizer");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("phase '" + name + "' repeats must be >= 1, got " + repeats);
        }
        Objects.requireNonNull(objective, "phase '" + name + "' has no objective");
    }

    /** A single phase over all of {@code parameters} with the default optimizer. */
    public static TrainingPhase single(ParameterGroup parameters, PhaseObjective objective) {
        return new TrainingPhase("main", parameters, DEFAULT_OPTIMIZER, 1, objective);
    }
}
