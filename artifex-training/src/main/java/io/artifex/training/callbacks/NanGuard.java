package io.artifex.training.callbacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingDivergedException;
import io.artifex.training.TrainingSession;
import java.util.Map;

/**
 * Stops a run on NaN or infinite values. The trainer itself checks every loss and loss term
 * before the backward pass ({@link #checkLoss}) and every parameter before a checkpoint is
 * written ({@link #checkParameters}). As a callback it also checks all parameters every
 * {@code everySteps} steps: the {@link io.artifex.training.Trainer} runs one first among its
 * callbacks, every {@code logEvery} steps; add another for a tighter interval.
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class NanGuard implements Callback {

    private final int everySteps;

    /** Checks the parameters after every {@code everySteps}-th step. */
    public NanGuard(int everySteps) {
        if (everySteps < 1) {
            throw new IllegalArgumentException("everySteps must be >= 1, got " + everySteps);
        }
        this.everySteps = everySteps;
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics metrics) {
        if ((metrics.step() + 1) % everySteps == 0) {
            checkParameters(session.model().network().getParameters(), "update", metrics.step());
        }
    }

    /** Throws if a loss value ({@code "loss"} or a term name) is not finite. */
    public static void checkLoss(String phase, long step, Map<String, Float> values) {
        for (Map.Entry<String, Float> e : values.entrySet()) {
            if (!Float.isFinite(e.getValue())) {
                throw new TrainingDivergedException(phase, step, "loss term '" + e.getKey() + "'", e.getValue());
            }
        }
    }

    /** Throws if any initialised parameter holds a NaN or infinite value. */
    public static void checkParameters(Iterable<Pair<String, Parameter>> parameters, String phase, long step) {
        for (Pair<String, Parameter> entry : parameters) {
            Parameter p = entry.getValue();
            if (!p.isInitialized()) {
                continue;
            }
            NDArray w = p.getArray();
            boolean bad;
            try (NDManager scratch = w.getManager().newSubManager()) {
                scratch.tempAttachAll(w);
                bad = w.isNaN().logicalOr(w.isInfinite()).any().getBoolean();
            }
            if (bad) {
                throw new TrainingDivergedException(phase, step, "parameter '" + entry.getKey() + "'", Double.NaN);
            }
        }
    }
}
