package io.artifex.eval.text;

import ai.djl.ndarray.NDManager;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.TokenLikelihood;
import io.artifex.data.text.TextBatchSource;
import io.artifex.data.text.tokenizer.Tokenizer;

/**
 * Measures a language model with an exact token likelihood on every window of a held-out text
 * split, one pass in the source's order: the summed negative log-likelihood and scored tokens come
 * from the model ({@link TokenLikelihood#logProb}, {@link TokenLikelihood#scoredTokens}), the bytes
 * from the window's targets ({@link #skippedTarget}, {@link TokenBytes}).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class TextLikelihood {

    private TextLikelihood() {
    }

    /**
     * The target id that is not scored in windows of {@code source}: its pad id when the tokenizer
     * has a pad token of its own, else -1 (a tokenizer without one pads with the end-of-text id,
     * which is then scored like any other end of text).
     */
    public static int skippedTarget(TextBatchSource source) {
        return source.padId() != source.tokenizer().endOfTextId() ? source.padId() : -1;
    }

    /** The bytes of the scored targets of one window: positions 1.., those equal to {@code skipped} excluded. */
    static long windowBytes(int[] ids, int from, int length, int[] tokenBytes, int skipped) {
        long bytes = 0;
        for (int i = from + 1; i < from + length; i++) {
            if (ids[i] != skipped) {
                bytes += tokenBytes[ids[i]];
            }
        }
        return bytes;
    }

    /**
     * Totals of {@code model} over every window of {@code test}.
     *
     * @throws IllegalArgumentException when the windows do not fit the model's data contract
     */
    public static TextMeasures measure(TokenLikelihood model, TextBatchSource test) {
        return measure(model, test, test.tokenizer(), skippedTarget(test));
    }

    /**
     * Totals of {@code model} over every window of {@code test}, any source of token windows
     * {@code (N, T)} made by {@code tokenizer}; targets equal to {@code skipped} count no bytes.
     *
     * @throws IllegalArgumentException when the windows do not fit the model's data contract
     */
    public static TextMeasures measure(TokenLikelihood model, BatchSource test, Tokenizer tokenizer, int skipped) {
        GenerativeModel generative = model;
        int[] tokenBytes = TokenBytes.of(tokenizer);
        double nats = 0;
        long tokens = 0;
        long bytes = 0;
        EpochIterator epoch = test.epoch(0);
        boolean first = true;
        try (NDManager root = generative.manager().newSubManager()) {
            while (epoch.hasNext()) {
                try (NDManager scope = root.newSubManager()) {
                    Batch batch = epoch.next(scope);
                    if (first) {
                        DataContract.requireMatch(generative, batch.x(), "the first held-out text batch");
                        first = false;
                    }
                    nats += model.totalNats(batch, scope);
                    tokens += model.totalScoredTokens(batch, scope);
                    int[] ids = batch.x().toIntArray();
                    int t = (int) batch.x().getShape().get(1);
                    for (int w = 0; w < ids.length / t; w++) {
                        bytes += windowBytes(ids, w * t, t, tokenBytes, skipped);
                    }
                }
            }
        }
        return new TextMeasures(tokens, bytes, nats);
    }
}
