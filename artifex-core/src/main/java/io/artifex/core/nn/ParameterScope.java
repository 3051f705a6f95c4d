package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps a computation from leaking arrays onto the manager that holds a model's parameters.
 *
 * <p>In DJL the result of an operation lives on the manager of its first operand, so any
 * expression that starts from a parameter ({@code weight.reshape(...)}, {@code scale.exp()})
 * creates an array on the model's long-lived manager, which is never closed during training:
 * memory then grows with every step. {@link #run} remembers which arrays the parameter manager
 * holds, runs the computation, and moves every array it added there to the caller's manager
 * (usually the per-step one), where it is closed with the step's other intermediates.
 *
 * <p>Use it only around computations that keep no new state on the parameter manager on
 * purpose (a layer that stores a running estimate there must attach that state elsewhere or do
 * the bookkeeping itself).
 *
 * <p>Thread-safety: thread-safe: scopes on the same parameter manager run one at a time (they lock it), so
 * threads sharing one model never move each other's arrays; scopes on different managers run
 * in parallel.
 */
public final class ParameterScope {

    private ParameterScope() {
    }

    /**
     * Runs {@code body}; arrays it leaves directly on {@code parameters} move to {@code caller}.
     * Nothing moves when the two managers are the same.
     */
    public static <T> T run(NDManager parameters, NDManager caller, Supplier<T> body) {
        if (parameters == null || caller == null || parameters == caller) {
            return body.get();
        }
        // one scope at a time per parameter manager: otherwise a concurrent caller (two threads
        // sampling from one model) would count this body's new arrays as its own and move them
        // to its manager, which then closes them under this body (a native crash)
        synchronized (parameters) {
            Set<NDArray> before = ownArrays(parameters);
            T result = body.get();
            for (NDArray array : ownArrays(parameters)) {
                if (!before.contains(array)) {
                    array.attach(caller);
                }
            }
            return result;
        }
    }

    private static Set<NDArray> ownArrays(NDManager manager) {
        Set<NDArray> own = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NDArray array : manager.getManagedArrays()) {
            if (array.getManager() == manager) {
                own.add(array);
            }
        }
        return own;
    }
}
