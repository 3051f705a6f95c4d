package io.artifex.models.autoregressive.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.random.Rng;

/**
 * Continues a prompt token by token. With the cache: one network pass over the prompt fills a
 * {@link KeyValueCache}, then each new token is one single-position step. Without it: each new
 * token reruns the network over the whole sequence so far. Both read the logits of the last
 * position to the host and pick the token there ({@link TokenChooser}), so the same seed draws the
 * same tokens. Every network step runs in its own sub-manager.
 */
final class TokenDecoder {

    /** Sees the next-token logits {@code (n * V)} before the token of step {@code step} is chosen (tests). */
    interface StepListener {
        /** Called once per new token, with the logits it is chosen from. */
        void onStep(int step, float[] logits);
    }

    private final TransformerLm model;
    private final TransformerNetwork network;

    TokenDecoder(TransformerLm model, TransformerNetwork network) {
        this.model = model;
        this.network = network;
    }

    /** int32 ids {@code (n, prompt.length + maxNewTokens)} on {@code target}. */
    NDArray run(int[] prompt, int n, int maxNewTokens, DecodingOptions options, boolean useCache, NDManager target,
                Rng rng, StepListener listener) {
        int[] checked = model.checkedPrompt(prompt);
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        }
        if (options == null || rng == null || target == null) {
            throw new IllegalArgumentException("decoding options, rng and manager must not be null");
        }
        int length = checked.length + maxNewTokens;
        if (length > model.maxSequenceLength()) {
            throw new IllegalArgumentException("prompt (" + checked.length + " tokens) plus maxNewTokens ("
                    + maxNewTokens + ") must be at most " + model.maxSequenceLength() + " (contextLength + 1)");
        }
        int vocab = model.vocabularySize();
        int[] tokens = new int[n * length];
        for (int r = 0; r < n; r++) {
            System.arraycopy(checked, 0, tokens, r * length, checked.length);
        }
        if (maxNewTokens > 0) {
            try (NDManager scope = target.newSubManager()) {
                ParameterStore store = new ParameterStore(scope, false);
                KeyValueCache cache = useCache ? new KeyValueCache(scope, network.numLayers()) : null;
                float[] last = lastLogits(store, scope, tokens, n, length, 0, checked.length, cache);
                for (int step = 0; step < maxNewTokens; step++) {
                    if (listener != null) {
                        listener.onStep(step, last);
                    }
                    int position = checked.length + step;
                    int[] next = TokenChooser.choose(last, n, vocab, options, model.padTokenId(), rng);
                    for (int r = 0; r < n; r++) {
                        tokens[r * length + position] = next[r];
                    }
                    if (step + 1 < maxNewTokens) {
                        last = useCache ? lastLogits(store, scope, tokens, n, length, position, position + 1, cache)
                                : lastLogits(store, scope, tokens, n, length, 0, position + 1, null);
                    }
                }
            }
        }
        return target.create(tokens, new Shape(n, length));
    }

    /** The last position's logits {@code (n * V)} after feeding {@code tokens[:, from:to]} (from = cached length). */
    private float[] lastLogits(ParameterStore store, NDManager scope, int[] tokens, int n, int length, int from, int to,
                               KeyValueCache cache) {
        try (NDManager step = scope.newSubManager()) {
            long[] chunk = new long[n * (to - from)];
            for (int r = 0; r < n; r++) {
                for (int j = from; j < to; j++) {
                    chunk[r * (to - from) + j - from] = tokens[r * length + j];
                }
            }
            NDArray ids = step.create(chunk, new Shape(n, to - from));
            NDArray logits = network.logits(store, ids, cache, false, null);
            return logits.get(new NDIndex(":, {}, :", to - from - 1)).toFloatArray();
        }
    }
}
