package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.data.AbstractBatchSource;
import io.artifex.data.text.TextBatchSource;
import io.artifex.data.text.tokenizer.Tokenizer;
import io.artifex.eval.text.TextLikelihood;

/**
 * The benchmark's text data: the windows of a {@link TextBatchSource}, optionally only its first
 * {@code limit}, batched with the harness's batch size, shuffling and {@code dropLast} (full
 * batches for speed runs). Int32 ids {@code (N, maxLength)}, no labels; the tokenizer goes along
 * for the held-out figures per byte.
 */
final class TextWindows extends AbstractBatchSource {

    private final TextBatchSource windows;

    TextWindows(TextBatchSource windows, int limit, int batchSize, long seed, boolean shuffle, boolean dropLast) {
        super(limit > 0 ? Math.min(limit, windows.size()) : windows.size(), batchSize, dropLast, shuffle, seed, null);
        this.windows = windows;
    }

    /** The tokenizer of the ids. */
    Tokenizer tokenizer() {
        return windows.tokenizer();
    }

    /** The target id that is not scored ({@link TextLikelihood#skippedTarget}). */
    int skippedTarget() {
        return TextLikelihood.skippedTarget(windows);
    }

    @Override
    protected NDArray inputs(NDManager manager, int[] indices) {
        int t = windows.maxLength();
        int[] ids = new int[indices.length * t];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(windows.window(indices[k]), 0, ids, k * t, t);
        }
        return manager.create(ids, new Shape(indices.length, t));
    }

    @Override
    protected NDArray labels(NDManager manager, int[] indices) {
        return null;
    }
}
