package io.artifex.models.autoregressive.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The attention arithmetic against plain loops: the causal and padding masks exactly as the rules
 * say (a query sees earlier and its own position, never a pad key except itself), including a
 * chunk after cached positions, and the rotary rotation.
 */
class CausalAttentionTest {

    private static final int N = 2;
    private static final int H = 2;
    private static final int D = 3;

    /**
     * Attention of a chunk of T = 5 new tokens after 2 cached positions, with pads in the middle and
     * at the start of the chunk, equals the plain-Java softmax attention over the allowed keys.
     * Planted bugs caught: a pad query not allowed to see itself (NaN or uniform rows), the causal
     * bound off by one, pad keys left visible, the cached keys shifted against the queries.
     */
    @Test
    void maskedAttentionEqualsThePlainJavaReference() {
        int past = 2;
        int t = 5;
        int keys = past + t;
        int pad = 9;
        long[] ids = {pad, 4, pad, 1, 2, 3, 3, pad, pad, 0};
        SplittableRandom random = new SplittableRandom(1);
        float[] q = gaussian(random, N * H * t * D);
        float[] k = gaussian(random, N * H * keys * D);
        float[] v = gaussian(random, N * H * keys * D);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray idArray = manager.create(ids, new Shape(N, t));
            NDArray bias = CausalAttention.maskBias(idArray, past, pad);
            float[] out = CausalAttention.attend(manager.create(q, new Shape(N, H, t, D)),
                    manager.create(k, new Shape(N, H, keys, D)), manager.create(v, new Shape(N, H, keys, D)), bias, 0,
                    null).toFloatArray();
            for (int n = 0; n < N; n++) {
                for (int h = 0; h < H; h++) {
                    for (int i = 0; i < t; i++) {
                        double[] scores = new double[keys];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < keys; j++) {
                            boolean allowed = j <= past + i
                                    && (j < past || ids[n * t + j - past] != pad || j == past + i);
                            if (!allowed) {
                                scores[j] = Double.NEGATIVE_INFINITY;
                                continue;
                            }
                            double dot = 0;
                            for (int c = 0; c < D; c++) {
                                dot += q[((n * H + h) * t + i) * D + c] * k[((n * H + h) * keys + j) * D + c];
                            }
                            scores[j] = dot / Math.sqrt(D);
                            max = Math.max(max, scores[j]);
                        }
                        double total = 0;
                        for (int j = 0; j < keys; j++) {
                            scores[j] = Math.exp(scores[j] - max);
                            total += scores[j];
                        }
                        for (int c = 0; c < D; c++) {
                            double expected = 0;
                            for (int j = 0; j < keys; j++) {
                                expected += scores[j] / total * v[((n * H + h) * keys + j) * D + c];
                            }
                            assertThat((double) out[((n * H + h) * t + i) * D + c])
                                    .as("n %d head %d query %d channel %d", n, h, i, c).isCloseTo(expected, within(1e-5));
                        }
                    }
                }
            }
        }
    }

    /**
     * Rotary embedding of a vector at position p rotates each pair (x_i, x_{i + d/2}) by
     * p * 10000^(-2i/d); so the dot product of a rotated query and key depends only on their
     * distance. Planted bugs caught: the pairs taken as neighbours, the angle's exponent without
     * the factor 2, the offset ignored.
     */
    @Test
    void rotaryRotatesPairsByThePositionAngle() {
        float[] x = {0.5f, -1f, 2f, 0.25f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray in = manager.create(x, new Shape(1, 1, 1, 4));
            float[] rotated = CausalAttention.rotary(in, 3).toFloatArray();
            for (int i = 0; i < 2; i++) {
                double angle = 3 * Math.pow(10000, -2.0 * i / 4);
                assertThat((double) rotated[i]).isCloseTo(x[i] * Math.cos(angle) - x[i + 2] * Math.sin(angle), within(1e-5));
                assertThat((double) rotated[i + 2]).isCloseTo(x[i] * Math.sin(angle) + x[i + 2] * Math.cos(angle),
                        within(1e-5));
            }
            float[] k = {1f, 0.5f, -0.3f, 2f};
            NDArray key = manager.create(k, new Shape(1, 1, 1, 4));
            double near = dot(CausalAttention.rotary(in, 7), CausalAttention.rotary(key, 5));
            double far = dot(CausalAttention.rotary(in, 12), CausalAttention.rotary(key, 10));
            assertThat(near).isCloseTo(far, within(1e-4));
        }
    }

    private static double dot(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static float[] gaussian(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble() * 4 - 2);
        }
        return values;
    }
}
