package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import io.artifex.core.autograd.InputGradients;

/**
 * An energy function {@code E(x)}: the unnormalised density it describes is
 * {@code p(x) ∝ exp(-E(x))}. The MCMC samplers of this package work on any implementation.
 *
 * <p>{@link #energy} takes a batch {@code (N, ...)} and returns one energy per example,
 * shape {@code (N)}, in {@code x}'s manager. Examples must not interact (no batch
 * statistics), so that the gradient of the summed energy is each example's own gradient.
 *
 * <p>Thread-safety: implementations need not be thread-safe by this interface alone; one that a
 * model uses for its concurrent sampling must allow concurrent calls, each with its own arrays and
 * manager.
 */
@FunctionalInterface
public interface EnergyFunction {

    /** Per-example energies of the batch {@code x}, shape {@code (N)}. */
    NDArray energy(NDArray x);

    /**
     * {@code dE/dx} per example, same shape as {@code x}, as a plain array in {@code x}'s
     * manager. The default differentiates {@link #energy} through
     * {@link InputGradients#of(java.util.function.Function, NDArray)}: no other gradient
     * collector may be open, and any parameter the energy reads must be frozen by the caller.
     */
    default NDArray gradient(NDArray x) {
        return InputGradients.of(this::energy, x);
    }
}
