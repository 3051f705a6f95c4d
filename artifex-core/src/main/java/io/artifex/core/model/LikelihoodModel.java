package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model that gives the log-likelihood of data, exactly (flows, autoregressive models) or
 * as a lower bound (a VAE's ELBO or importance-weighted bound).
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface LikelihoodModel extends GenerativeModel {

    /**
     * Per-example log-likelihood in nats of the batch's inputs, shape {@code (N)}, in the
     * model's own data space (the same inputs its training batches have).
     */
    NDArray logProb(Batch batch, NDManager manager, Rng rng);

    /** True when {@link #logProb} is exact, false when it is a lower bound. */
    boolean isExact();

    /**
     * Per-example negative log-likelihood in bits per dimension of 8-bit data, shape
     * {@code (N)}. Models whose data space is not the discrete 8-bit one apply the
     * change-of-variables correction (dequantisation and scaling) here.
     */
    NDArray bitsPerDim(Batch batch, NDManager manager, Rng rng);
}
