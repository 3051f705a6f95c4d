package io.artifex.models.autoregressive.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;

/**
 * The attention arithmetic of {@link TransformerNetwork}, apart from its parameters so that it can
 * be checked against a plain loop: the additive mask, scaled dot-product attention, rotary position
 * embeddings and dropout.
 *
 * <p><b>The mask.</b> Query {@code i} of a chunk of {@code T} new tokens sits at position
 * {@code past + i}; it may attend to key {@code j} (of {@code past + T}) when {@code j <= past + i}
 * (causal) and, when a pad id is set, the key is not a pad token of the chunk, except the query's
 * own position (so a pad query still attends to something and no row is empty). Cached keys
 * ({@code j < past}) are never pads: prompts may not hold the pad id and sampling never draws it.
 * Disallowed pairs get {@value #MASKED} added to their score, which underflows to a weight of
 * exactly 0 after the softmax.
 */
final class CausalAttention {

    /** Added to the score of a disallowed query-key pair. */
    static final float MASKED = -1e9f;

    private CausalAttention() {
    }

    /**
     * The additive mask {@code (N or 1, 1, T, past + T)} for the chunk {@code ids} {@code (N, T)} after
     * {@code past} cached positions, on {@code ids}' manager; null when nothing is masked (one new
     * token and no pad id).
     */
    static NDArray maskBias(NDArray ids, int past, Integer padTokenId) {
        int t = (int) ids.getShape().get(1);
        int keys = past + t;
        if (t == 1 && padTokenId == null) {
            return null;
        }
        NDManager manager = ids.getManager();
        float[] causal = new float[t * keys];
        float[] offDiagonal = new float[t * keys];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < keys; j++) {
                causal[i * keys + j] = j <= past + i ? 0f : MASKED;
                offDiagonal[i * keys + j] = j == past + i ? 0f : 1f;
            }
        }
        NDArray bias = manager.create(causal, new Shape(1, 1, t, keys));
        if (padTokenId == null) {
            return bias;
        }
        long n = ids.getShape().get(0);
        NDArray keyPad = ids.eq(padTokenId.longValue()).toType(DataType.FLOAT32, false);
        if (past > 0) {
            keyPad = manager.zeros(new Shape(n, past)).concat(keyPad, 1);
        }
        NDArray padBias = Scalars.mul(keyPad.reshape(n, 1, 1, keys).mul(manager.create(offDiagonal, new Shape(t, keys))),
                MASKED);
        return padBias.add(bias);
    }

    /**
     * Scaled dot-product attention {@code softmax(q k^T / sqrt(d) + bias) v} of {@code q}
     * {@code (N, H, T, d)} over {@code k}, {@code v} {@code (N, H, K, d)}, with dropout of the
     * weights at {@code dropout} when {@code rng} is given; {@code (N, H, T, d)}.
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias, double dropout, Rng rng) {
        long d = q.getShape().get(3);
        NDArray scores = Scalars.mul(q, 1.0 / Math.sqrt(d)).matMul(k.transpose(0, 1, 3, 2));
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray weights = dropout(scores.softmax(-1), dropout, rng);
        return weights.matMul(v);
    }

    /**
     * Rotary position embedding of {@code x} {@code (N, H, T, d)} whose tokens sit at positions
     * {@code offset .. offset + T - 1}: each pair {@code (x_i, x_{i + d/2})} is rotated by the angle
     * {@code position * 10000^(-2i / d)}.
     */
    static NDArray rotary(NDArray x, int offset) {
        Shape s = x.getShape();
        int t = (int) s.get(2);
        int d = (int) s.get(3);
        int half = d / 2;
        float[] cos = new float[t * half];
        float[] sin = new float[t * half];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (offset + p) * Math.pow(10000.0, -2.0 * i / d);
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        NDManager manager = x.getManager();
        NDArray c = manager.create(cos, new Shape(t, half));
        NDArray sn = manager.create(sin, new Shape(t, half));
        NDArray x1 = x.get(new NDIndex(":, :, :, 0:{}", half));
        NDArray x2 = x.get(new NDIndex(":, :, :, {}:", half));
        return x1.mul(c).sub(x2.mul(sn)).concat(x1.mul(sn).add(x2.mul(c)), -1);
    }

    /**
     * Inverted dropout: each value kept with probability {@code 1 - rate} and scaled by
     * {@code 1 / (1 - rate)}, the mask drawn from {@code rng}; {@code x} itself when {@code rng} is
     * null or the rate is 0.
     */
    static NDArray dropout(NDArray x, double rate, Rng rng) {
        if (rng == null || rate <= 0) {
            return x;
        }
        NDArray keep = rng.uniform(x.getManager(), 0f, 1f, x.getShape()).gte((float) rate).toType(x.getDataType(), false);
        return x.mul(Scalars.mul(keep, 1.0 / (1.0 - rate)));
    }
}
