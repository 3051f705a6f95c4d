package io.artifex.models.gan;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** An inference parameter store on a manager, for calling the networks directly in tests. */
record StepContextHolder(NDManager manager) {

    ParameterStore store() {
        return new ParameterStore(manager, false);
    }
}
