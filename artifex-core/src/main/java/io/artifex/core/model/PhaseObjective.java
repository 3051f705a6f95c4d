package io.artifex.core.model;

import java.util.Optional;

/**
 * The loss of one training phase. A trainer calls, for each batch:
 * {@link #prepare} with no gradient recording (e.g. MCMC negatives for an EBM, fakes that
 * need no graph), then {@link #loss} inside gradient recording, then, after the optimizer
 * update, {@link #afterUpdate} (e.g. write chains back to a replay buffer).
 *
 * <p>For validation the trainer asks each phase active at the validated step for
 * {@link #newValidation()}; a phase without measures of its own (the default) is validated with
 * the model's {@code loss(batch, forward(batch))}.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface PhaseObjective {

    /** Work done before gradients are recorded; returns the batch {@link #loss} sees. */
    default Batch prepare(Batch batch, StepContext context) {
        return batch;
    }

    /** The loss to minimise for this phase's parameter group, recorded for backpropagation. */
    LossResult loss(Batch batch, StepContext context);

    /** Work done after this phase's parameters were updated. */
    default void afterUpdate(Batch batch, StepContext context) {
    }

    /**
     * A fresh accumulator of this phase's measures over held-out data, or empty (the default) when
     * the model's own {@code loss} is the phase's validation loss. A model whose phases minimise
     * different losses at different steps (a two-stage model) returns one per phase, so a
     * validation reports the loss of the stage being trained.
     */
    default Optional<PhaseValidation> newValidation() {
        return Optional.empty();
    }
}
