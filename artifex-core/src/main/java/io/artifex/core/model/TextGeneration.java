package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model of token sequences that continues a prompt: a language model. Token ids are integers in
 * {@code [0, vocabularySize())}; a tokenizer turns text into them and back.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface TextGeneration extends GenerativeModel {

    /** The number of token ids the model reads and writes. */
    int vocabularySize();

    /** The most tokens one sequence (prompt and continuation) may hold. */
    int maxSequenceLength();

    /**
     * {@code n} continuations of {@code prompt}, each {@code maxNewTokens} tokens chosen one at a
     * time by {@code options}, as int32 ids {@code (n, prompt.length + maxNewTokens)} (the prompt
     * first) on {@code manager}; {@code rng} is the only source of randomness.
     *
     * @throws IllegalArgumentException if the prompt is empty or holds an id outside the vocabulary,
     *     {@code n < 1}, {@code maxNewTokens < 0}, or the sequence would exceed {@link #maxSequenceLength()}
     */
    NDArray generate(int[] prompt, int n, int maxNewTokens, DecodingOptions options, NDManager manager, Rng rng);
}
