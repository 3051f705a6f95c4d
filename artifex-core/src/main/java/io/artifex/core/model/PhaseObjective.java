package io.artifex.core.model;

/**
 * The loss of one training phase. A trainer calls, for each batch:
 * {@link #prepare} with no gradient recording (e.g. MCMC negatives for an EBM, fakes that
 * need no graph), then {@link #loss} inside gradient recording, then, after the optimizer
 * update, {@link #afterUpdate} (e.g. write chains back to a replay buffer).
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
}
