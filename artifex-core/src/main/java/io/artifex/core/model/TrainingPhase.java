package io.artifex.core.model;

import java.util.Objects;

/**
 * One part of a training step as a model declares it: which parameters are updated, by
 * which optimizer, how often per step, and with what loss. A VAE has one phase; a GAN has
 * a discriminator phase (run {@code repeats} = n_critic times) and a generator phase. The
 * trainer runs phases in order and knows nothing else about the model.
 *
 * <p>A phase may be limited to a window of global steps {@code [fromStep, untilStep)}: the
 * trainer skips it outside the window (no forward pass, no optimizer update, no metrics). A
 * two-stage model uses it to train one part, then another on the first part's frozen outputs
 * (a VQ-VAE, then the prior over its codes); since the window is in global steps, a run resumed
 * from a checkpoint lands in the right stage. Every step must have at least one active phase.
 *
 * <p>Thread-safety: the record is immutable; its parameters and objective belong to a model and
 * follow the model's rules (training is not concurrent with anything else on the same model).
 *
 * @param name phase name used in logs and errors, e.g. "discriminator"
 * @param parameters the parameters this phase updates; all others are frozen during it
 * @param optimizer key of the optimizer settings to use (e.g. "default", "generator")
 * @param repeats how many times the phase runs per training step (at least 1)
 * @param objective the phase's loss
 * @param fromStep the first global step (from 0) at which the phase runs
 * @param untilStep the global step from which the phase no longer runs ({@link Long#MAX_VALUE}: never stops)
 */
public record TrainingPhase(String name, ParameterGroup parameters, String optimizer, int repeats,
                            PhaseObjective objective, long fromStep, long untilStep) {

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
        if (fromStep < 0 || untilStep <= fromStep) {
            throw new IllegalArgumentException("phase '" + name + "' step window [fromStep, untilStep) must satisfy"
                    + " 0 <= fromStep < untilStep, got [" + fromStep + ", " + untilStep + ")");
        }
    }

    /** A phase that runs at every step. */
    public TrainingPhase(String name, ParameterGroup parameters, String optimizer, int repeats,
                         PhaseObjective objective) {
        this(name, parameters, optimizer, repeats, objective, 0, Long.MAX_VALUE);
    }

    /** Whether the phase runs at global step {@code step}: {@code fromStep <= step < untilStep}. */
    public boolean activeAt(long step) {
        return step >= fromStep && step < untilStep;
    }

    /** This phase limited to the global steps {@code [from, until)}. */
    public TrainingPhase between(long from, long until) {
        return new TrainingPhase(name, parameters, optimizer, repeats, objective, from, until);
    }

    /** A single phase over all of {@code parameters} with the default optimizer. */
    public static TrainingPhase single(ParameterGroup parameters, PhaseObjective objective) {
        return new TrainingPhase("main", parameters, DEFAULT_OPTIMIZER, 1, objective);
    }
}
