package io.artifex.core.model;

import io.artifex.core.data.BatchSource;
import io.artifex.core.random.Rng;
import java.util.Map;

/**
 * A model with measures of its own on held-out data, beyond a likelihood: for a model with a
 * discrete codebook, the reconstruction error, how many codes the data use and the perplexity of
 * their frequencies (counted over the whole pass), and the exact bits per code of its prior.
 * Evaluation tools ({@code artifex evaluate}, a run's {@code summary.json}) report them with the
 * prefix {@code test_}.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface HeldOutMeasures extends GenerativeModel {

    /**
     * The model's measures over one pass of {@code data} (its epoch 0), by name; the model's
     * weights are left unchanged. Arrays live under {@link #manager()} for the call only.
     *
     * @throws IllegalArgumentException if the batches do not match the model's data
     */
    Map<String, Double> measure(BatchSource data, Rng rng);
}
