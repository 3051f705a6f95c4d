package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model whose samples take a temperature: 1 is the model's own distribution, below 1 sharper
 * and more typical samples, above 1 more varied ones (a flow scales its latent noise by it; an
 * autoregressive model divides its logits by it).
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface TemperatureSampling extends GenerativeModel {

    /**
     * {@code n} samples at {@code temperature} (positive), shaped like
     * {@link #generate(int, NDManager, Rng)}'s, on {@code manager}.
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code temperature} is not positive
     */
    NDArray generate(int n, double temperature, NDManager manager, Rng rng);
}
