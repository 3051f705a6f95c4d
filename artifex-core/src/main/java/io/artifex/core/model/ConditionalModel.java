package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model that generates samples of chosen classes.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface ConditionalModel extends GenerativeModel {

    /** The number of classes; labels run from 0 to {@code numClasses() - 1}. */
    int numClasses();

    /** One sample per entry of {@code labels} (int64, shape {@code (n)}). */
    NDArray generate(NDArray labels, NDManager manager, Rng rng);
}
