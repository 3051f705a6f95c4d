package io.artifex.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.artifex.core.random.Rng;
import java.util.Objects;

/**
 * What a model needs to run one step: the manager that owns every array the step creates
 * (closed when the step ends), the parameter store to read weights from, a seeded generator,
 * whether this is training (batch-norm statistics, dropout) and the global step number.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 *
 * @param manager owner of the step's temporary arrays
 * @param parameterStore where blocks read their parameters
 * @param rng the step's random stream
 * @param training true during a training step
 * @param step the global optimisation step, from 0
 */
public record StepContext(NDManager manager, ParameterStore parameterStore, Rng rng, boolean training, long step) {

    /** Checks that nothing is missing. */
    public StepContext {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(parameterStore, "parameterStore");
        Objects.requireNonNull(rng, "rng");
    }

    /** A context for inference (training = false, step 0) on a fresh parameter store. */
    public static StepContext inference(NDManager manager, Rng rng) {
        return new StepContext(manager, new ParameterStore(manager, false), rng, false, 0);
    }
}
