package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model that samples by running a Markov chain and keeps the end states of past chains
 * (a replay buffer of persistent chains). Besides chains started from noise
 * ({@link #generate(int, NDManager, Rng)}) it can continue stored states, which shows what
 * training's own negatives look like.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface PersistentChainSampling extends GenerativeModel {

    /** How many stored states there are to continue from: the most one call can start. */
    int persistentStates();

    /**
     * {@code n} samples by the configured chain started from {@code n} distinct stored states,
     * shaped like {@link #generate(int, NDManager, Rng)}'s, on {@code manager}.
     *
     * @throws IllegalArgumentException if {@code n} is below 1 or above {@link #persistentStates()}
     */
    NDArray generateFromPersistentStates(int n, NDManager manager, Rng rng);
}
