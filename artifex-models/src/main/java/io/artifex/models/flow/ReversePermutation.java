package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * Reverses the order of the features of {@code (N, D)} vectors (between autoregressive
 * layers, so each sees the variables in the opposite order). Volume-preserving: log |det| = 0.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class ReversePermutation extends FlowLayer {

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        return new FlowResult(x.flip(1), zeroLogDet(x));
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        return y.flip(1);
    }
}
