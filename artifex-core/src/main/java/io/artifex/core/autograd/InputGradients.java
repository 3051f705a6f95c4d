package io.artifex.core.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Gradients of a function with respect to its input, {@code dF/dx}, e.g. the score
 * {@code -dE/dx} that Langevin dynamics follows in an energy-based model.
 *
 * <p>Mechanics: the function is evaluated on a detached copy of {@code x} that requires a
 * gradient, inside a {@link GradientCollector} of its own, and the gradient of the <em>sum</em>
 * of its output is returned (a scalar output gives its plain gradient; for a per-example output
 * (N) whose examples do not interact, the sum gives each example's own gradient).
 *
 * <p>Rules on this engine:
 * <ul>
 *   <li>No other {@code GradientCollector} may be open (PyTorch allows only one at a time): call
 *       this before or after the training step's collector, never inside it.</li>
 *   <li>Any parameter the function reads that still requires a gradient receives {@code dF/dtheta}
 *       added to its gradient. Use {@link #of(Block, Function, NDArray)}, which freezes the
 *       block's parameters for the call, or zero them yourself afterwards.</li>
 * </ul>
 *
 * <p>The arrays the function creates from the copy of {@code x} live in a sub-manager that is
 * closed before returning; the result is a plain array (no graph) in {@code x}'s manager, of
 * {@code x}'s shape and data type. {@code x} itself is not modified.
 *
 * <p>Thread-safety: safe to call from several threads; the calls are serialized by one lock for
 * the whole process (the engine allows one open collector at a time, and the block variant
 * freezes and unfreezes shared parameters), so threads sampling from one energy-based model take
 * turns in this step; the lock is {@link GradientCollectors}' own, so a training step on another
 * thread takes turns with it too.
 */
public final class InputGradients {

    /** Serializes every call in the process: one collector at a time, and the block's freeze/unfreeze. */
    private static final ReentrantLock LOCK = GradientCollectors.lock();

    private InputGradients() {
    }

    /**
     * {@code d sum(fn(x)) / dx}.
     *
     * @param fn the function; its output must depend differentiably on its argument
     * @param x the point, any shape; it is copied, not changed
     * @return the gradient, same shape and type as {@code x}
     * @throws IllegalStateException if a GradientCollector is already open
     */
    public static NDArray of(Function<NDArray, NDArray> fn, NDArray x) {
        if (fn == null) {
            throw new IllegalArgumentException("fn must not be null");
        }
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException("x must be a floating-point array to be differentiated, got " + x.getDataType());
        }
        LOCK.lock();
        try {
            return gradient(fn, x);
        } finally {
            LOCK.unlock();
        }
    }

    private static NDArray gradient(Function<NDArray, NDArray> fn, NDArray x) {
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray point = x.duplicate();
            point.attach(scope);
            point.setRequiresGradient(true);
            try (GradientCollector collector = openCollector(owner)) {
                NDArray out = fn.apply(point);
                if (out == null) {
                    throw new IllegalArgumentException("fn returned null");
                }
                collector.backward(out);
            }
            NDArray gradient = point.getGradient().toType(x.getDataType(), true);
            gradient.attach(owner);
            return gradient;
        }
    }

    /**
     * {@code d sum(fn(x)) / dx} with every trainable parameter of {@code block} frozen during the
     * call, so their gradients are left exactly as they were. Parameters that were already frozen
     * (or never trainable, such as batch-norm running statistics) stay frozen; the others are
     * unfrozen again afterwards, even if {@code fn} throws. (Per parameter rather than
     * {@code block.freezeParameters(false)}, which would also unfreeze running statistics.)
     */
    public static NDArray of(Block block, Function<NDArray, NDArray> fn, NDArray x) {
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        LOCK.lock();
        try {
            return frozenGradient(block, fn, x);
        } finally {
            LOCK.unlock();
        }
    }

    private static NDArray frozenGradient(Block block, Function<NDArray, NDArray> fn, NDArray x) {
        List<Parameter> frozen = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                parameter.freeze(true);
                frozen.add(parameter);
            }
        }
        try {
            return of(fn, x);
        } finally {
            for (Parameter parameter : frozen) {
                parameter.freeze(false);
            }
        }
    }

    private static GradientCollector openCollector(NDManager manager) {
        try {
            return GradientCollectors.open(manager.getEngine());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("InputGradients opens its own GradientCollector, but one is already open;"
                    + " only one may be open at a time on this engine: compute input gradients before or after"
                    + " the training step's collector, not inside it", e);
        }
    }
}
