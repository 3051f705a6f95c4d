package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.OptionalDouble;

/**
 * The loop every sampler shares: copy the start, then for each step open a sub-manager,
 * move the current state into it, compute the next state there, move only that one out,
 * and close the sub-manager (freeing the old state and every temporary of the step).
 */
final class ChainLoop {

    /** One transition; {@code x} lives in the step's manager and so must the result. */
    @FunctionalInterface
    interface Transition {
        NDArray next(NDArray x, Acceptance acceptance);
    }

    /** Counts accepted proposals over all chains and steps. */
    static final class Acceptance {
        private double accepted;
        private double proposed;

        /** Records {@code accepted} acceptances among {@code proposed} proposals. */
        void record(double acceptedCount, long proposedCount) {
            accepted += acceptedCount;
            proposed += proposedCount;
        }

        OptionalDouble rate() {
            return proposed == 0 ? OptionalDouble.empty() : OptionalDouble.of(accepted / proposed);
        }
    }

    private ChainLoop() {
    }

    static ChainResult run(NDArray start, int steps, Transition transition) {
        if (start == null) {
            throw new IllegalArgumentException("chain start must not be null");
        }
        if (start.getShape().dimension() < 2) {
            throw new IllegalArgumentException("chain start must be a batch (N, ...) with at least 2 axes, got "
                    + start.getShape());
        }
        if (!start.getDataType().isFloating()) {
            throw new IllegalArgumentException("chain start must be floating point, got " + start.getDataType());
        }
        NDManager owner = start.getManager();
        Acceptance acceptance = new Acceptance();
        NDArray current = start.duplicate();
        current.attach(owner);
        for (int i = 0; i < steps; i++) {
            try (NDManager step = owner.newSubManager()) {
                current.attach(step);
                NDArray next = transition.next(current, acceptance);
                next.attach(owner);
                current = next;
            }
        }
        return new ChainResult(current, steps, acceptance.rate());
    }
}
