package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.artifex.core.random.Rng;

/**
 * The exact likelihood of token windows {@code (N, T)}: {@link #logProb} is the sum of
 * {@code log p(x_t | x_<t)} over the window's scored tokens (every token after the first, padding
 * excluded), and the per-token and per-byte figures language models report follow from it.
 * {@link #bitsPerDim} is bits per scored token.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface TokenLikelihood extends LikelihoodModel {

    /** The number of scored tokens of each window, shape {@code (N)}, int64, on {@code manager}. */
    NDArray scoredTokens(Batch batch, NDManager manager);

    /** The negative log-likelihood of the whole batch in nats (the sum over its windows). */
    default double totalNats(Batch batch, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            return -logProb(batch, scope, new Rng(0)).toType(DataType.FLOAT64, false)
                    .sum().getDouble();
        }
    }

    /** The number of scored tokens of the whole batch. */
    default long totalScoredTokens(Batch batch, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            return scoredTokens(batch, scope).sum().getLong();
        }
    }

    /** Bits per scored token of the whole batch: total nats / (scored tokens * ln 2). */
    default double bitsPerToken(Batch batch, NDManager manager) {
        return totalNats(batch, manager) / (requireTokens(totalScoredTokens(batch, manager)) * Math.log(2));
    }

    /** Perplexity per token of the whole batch: {@code exp(total nats / scored tokens)}. */
    default double perplexity(Batch batch, NDManager manager) {
        return Math.exp(totalNats(batch, manager) / requireTokens(totalScoredTokens(batch, manager)));
    }

    /**
     * Bits per byte of text: the batch's total nats over {@code bytes ln 2}, where {@code bytes} is
     * the UTF-8 length of the text its scored tokens encode (the tokenizer knows it; for a byte-level
     * tokenizer with {@code b} bytes per token on average it is {@code b} times the scored tokens).
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    default double bitsPerByte(Batch batch, long bytes, NDManager manager) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes (the UTF-8 length of the scored text) must be >= 1, got " + bytes);
        }
        return totalNats(batch, manager) / (bytes * Math.log(2));
    }

    private static long requireTokens(long tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("the batch has no scored token (every target is padding"
                    + " or the windows are one token long)");
        }
        return tokens;
    }
}
