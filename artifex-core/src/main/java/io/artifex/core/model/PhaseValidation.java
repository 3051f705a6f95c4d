package io.artifex.core.model;

import java.util.Map;

/**
 * The measures of one training phase over a pass of held-out data, fed one batch at a time and
 * read once at the end. A {@link PhaseObjective} hands a fresh one out from
 * {@link PhaseObjective#newValidation()}; the trainer feeds it every validation batch while the
 * phase is the one being trained, so a validation reports the loss of the stage in progress (a
 * VQ-VAE's reconstruction loss in stage 1, its prior's cross-entropy in stage 2).
 *
 * <p>Measures that need the whole pass (how many codes of a codebook were used, the perplexity
 * of their frequencies) are counted over every batch, not averaged over per-batch values.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface PhaseValidation {

    /**
     * Adds one held-out batch. Runs without gradient recording ({@code context.training()} is
     * false) and must leave the model unchanged (no weight, codebook or running-statistic updates).
     */
    void add(Batch batch, StepContext context);

    /**
     * The measures over every batch added, by name; includes {@code "loss"}, the phase's training
     * loss as a mean over the examples (the value the trainer reports as {@code validation_loss}
     * when this phase runs first at the validated step).
     */
    Map<String, Double> result();
}
