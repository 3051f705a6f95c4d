package io.artifex.core.nn;

import static io.artifex.core.nn.NnTestSupport.assertClose;
import static io.artifex.core.nn.NnTestSupport.randn;
import static io.artifex.core.nn.NnTestSupport.randomize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelfAttention2dTest {

    @Test
    void parameterCountForTheUNetMiddleBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int c = 128;
            SelfAttention2d attn = new SelfAttention2d(c, 4, 8);
            attn.initialize(manager, DataType.FLOAT32, new Shape(1, c, 2, 2));
            long expected = 2L * c + (c * 3L * c + 3L * c) + ((long) c * c + c);
            // 256 + 49,536 + 16,512; with this figure the spec's U-Net total of 2,031,425 adds up
            assertThat(expected).isEqualTo(66_304L);
            assertThat(Blocks.countParameters(attn)).isEqualTo(expected);
            assertThat(attn.getParameters().keys()).containsExactly("01norm_gamma", "01norm_beta",
                    "02qkv_weight", "02qkv_bias", "03proj_weight", "03proj_bias");
        }
    }

    @Test
    void matchesAPlainJavaReferenceWithTheBlocksOwnWeights() {
        int n = 2, c = 4, heads = 2, groups = 2, hh = 3, ww = 3, len = hh * ww, d = c / heads;
        SplittableRandom random = new SplittableRandom(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            SelfAttention2d attn = new SelfAttention2d(c, heads, groups);
            Shape shape = new Shape(n, c, hh, ww);
            attn.initialize(manager, DataType.FLOAT32, shape);
            float[] gamma = randomize(attn, "01norm_gamma", random, 1.0);
            float[] beta = randomize(attn, "01norm_beta", random, 1.0);
            float[] wq = randomize(attn, "02qkv_weight", random, 0.7);
            float[] bq = randomize(attn, "02qkv_bias", random, 0.5);
            float[] wp = randomize(attn, "03proj_weight", random, 0.7);
            float[] bp = randomize(attn, "03proj_bias", random, 0.5);
            float[] x = randn(random, (int) shape.size(), 1.0);

            double[] hn = GroupNormTest.reference(x, n, c, len, groups, gamma, beta, 1e-5);
            double[] expected = new double[x.length];
            for (int b = 0; b < n; b++) {
                double[][] qkv = new double[3 * c][len];
                for (int o = 0; o < 3 * c; o++) {
                    for (int l = 0; l < len; l++) {
                        double s = bq[o];
                        for (int ci = 0; ci < c; ci++) {
                            s += wq[o * c + ci] * hn[(b * c + ci) * len + l];
                        }
                        qkv[o][l] = s;
                    }
                }
                double[][] attended = new double[c][len];
                for (int h = 0; h < heads; h++) {
                    for (int l = 0; l < len; l++) {
                        double[] scores = new double[len];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int m = 0; m < len; m++) {
                            double s = 0;
                            for (int j = 0; j < d; j++) {
                                s += qkv[h * d + j][l] * qkv[c + h * d + j][m];
                            }
                            scores[m] = s / Math.sqrt(d);
                            max = Math.max(max, scores[m]);
                        }
                        double z = 0;
                        for (int m = 0; m < len; m++) {
                            scores[m] = Math.exp(scores[m] - max);
                            z += scores[m];
                        }
                        for (int j = 0; j < d; j++) {
                            double s = 0;
                            for (int m = 0; m < len; m++) {
                                s += scores[m] / z * qkv[2 * c + h * d + j][m];
                            }
                            attended[h * d + j][l] = s;
                        }
                    }
                }
                for (int o = 0; o < c; o++) {
                    for (int l = 0; l < len; l++) {
                        double s = bp[o] + x[(b * c + o) * len + l];
                        for (int ci = 0; ci < c; ci++) {
                            s += wp[o * c + ci] * attended[ci][l];
                        }
                        expected[(b * c + o) * len + l] = s;
                    }
                }
            }
            NDArray y = attn.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, shape)), false).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(shape);
            assertThat(attn.getOutputShapes(new Shape[] {shape})[0]).isEqualTo(shape);
            assertClose(y.toFloatArray(), expected, 1e-5, "self-attention");
        }
    }

    @Test
    void rejectsHeadsThatDoNotDivideChannels() {
        assertThatThrownBy(() -> new SelfAttention2d(6, 4, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numHeads (4)");
    }
}
