package io.artifex.models.autoregressive.wavenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.random.Rng;

/**
 * Draws codes one position at a time. Cached: one {@link WaveNetNetwork#step} per position, each
 * layer reading its input of {@code dilation} steps ago from a {@link LayerCache}. Naive: each
 * position reruns the full network over the last {@code receptiveField} codes (all a position's
 * logits depend on, so the logits are the same). Both read the position's logits to the host and
 * draw there by Gumbel-max ({@code argmax(logit / temperature + G_j)}, one standard Gumbel draw per
 * level in level order from {@code rng}), so the same seed draws the same codes. Every network step
 * runs in its own sub-manager.
 */
final class WaveNetSampler {

    /** Sees the logits {@code (n * L)} of every position before its codes are drawn (tests). */
    interface StepListener {
        /** Called once per position, with the logits its codes are drawn from. */
        void onStep(int position, float[] logits);
    }

    private final WaveNetNetwork network;
    private final int levels;
    private final int receptiveField;

    WaveNetSampler(WaveNetNetwork network, int levels, int receptiveField) {
        this.network = network;
        this.levels = levels;
        this.receptiveField = receptiveField;
    }

    /**
     * {@code n} sequences of {@code length} codes as a host array {@code (n * length)}, row-major;
     * {@code oneHot} {@code (n, K)} holds the classes of a conditional network (null without).
     */
    int[] run(int n, int length, double temperature, boolean useCache, NDArray oneHot, NDManager scope, Rng rng,
              StepListener listener) {
        int[] codes = new int[n * length];
        ParameterStore store = new ParameterStore(scope, false);
        LayerCache cache = useCache ? new LayerCache(network, n, scope) : null;
        try {
            for (int t = 0; t < length; t++) {
                float[] logits;
                try (NDManager step = scope.newSubManager()) {
                    // the class input on the step's manager: results of operations live on their first operand's
                    NDArray classes = oneHot == null ? null : oneHot.duplicate();
                    if (classes != null) {
                        classes.attach(step);
                    }
                    logits = useCache ? cachedLogits(store, step, codes, n, length, t, classes, cache)
                            : naiveLogits(store, step, codes, n, length, t, classes);
                }
                if (listener != null) {
                    listener.onStep(t, logits);
                }
                for (int r = 0; r < n; r++) {
                    codes[r * length + t] = draw(logits, r, temperature, rng);
                }
            }
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
        return codes;
    }

    private float[] cachedLogits(ParameterStore store, NDManager step, int[] codes, int n, int length, int t,
                                 NDArray oneHot, LayerCache cache) {
        cache.beginStep(step);
        NDArray previous = t >= 1 ? column(step, codes, n, length, t - 1) : null;
        NDArray beforePrevious = t >= 2 ? column(step, codes, n, length, t - 2) : null;
        return network.step(store, step, previous, beforePrevious, oneHot, cache).toFloatArray();
    }

    private float[] naiveLogits(ParameterStore store, NDManager step, int[] codes, int n, int length, int t,
                                NDArray oneHot) {
        int start = Math.max(0, t - receptiveField);
        int width = t - start + 1;
        long[] window = new long[n * width];
        for (int r = 0; r < n; r++) {
            for (int j = start; j < t; j++) {
                window[r * width + j - start] = codes[r * length + j];
            }
        }
        NDArray logits = network.logits(store, step.create(window, new Shape(n, width)), oneHot, false);
        return logits.get(new NDIndex(":, {}, :", width - 1)).toFloatArray();
    }

    private static NDArray column(NDManager step, int[] codes, int n, int length, int t) {
        long[] c = new long[n];
        for (int r = 0; r < n; r++) {
            c[r] = codes[r * length + t];
        }
        return step.create(c, new Shape(n, 1));
    }

    private int draw(float[] logits, int row, double temperature, Rng rng) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < levels; j++) {
            // u in (0, 1): -log(-log(u)) is finite
            double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
            double score = logits[row * levels + j] / temperature - Math.log(-Math.log(u));
            if (score > bestScore) {
                best = j;
                bestScore = score;
            }
        }
        return best;
    }
}
