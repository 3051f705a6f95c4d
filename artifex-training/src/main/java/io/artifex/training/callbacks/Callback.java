package io.artifex.training.callbacks;

import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;

/**
 * A hook into the trainer's loop. The trainer's own callbacks (NaN guard, early stopping,
 * checkpoints, built from its config) run first, then the caller's in the order given (see
 * {@link io.artifex.training.Trainer}); any of them may stop the run through
 * {@link TrainingSession#requestStop}.
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public interface Callback {

    /** Before the first step (after a resume: before the first new step). */
    default void onTrainStart(TrainingSession session) {
    }

    /** After each completed step (all phases updated). */
    default void onStepEnd(TrainingSession session, StepMetrics metrics) {
    }

    /** After each epoch, with its means and validation loss. */
    default void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
    }

    /** When the run ends normally or by a stop request (not when it throws). */
    default void onTrainEnd(TrainingSession session, TrainingResult result) {
    }

    /**
     * Whether this callback records what it sees (a metrics file, an event file) and so must run
     * before the trainer's checkpoint callback: then every step a checkpoint holds is already in
     * the record when the checkpoint reaches the disk, and a process killed right after the
     * checkpoint loses no line that a resumed run would not write again. Default false.
     */
    default boolean recordsBeforeCheckpoint() {
        return false;
    }
}
