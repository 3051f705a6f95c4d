package io.artifex.core.nn;

import static io.artifex.core.nn.NnTestSupport.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class SinusoidalTimeEmbeddingTest {

    @Test
    void knownValuesForDimFour() {
        // half = 2: frequencies exp(0) = 1 and exp(-ln(10000)) = 1e-4
        SinusoidalTimeEmbedding emb = new SinusoidalTimeEmbedding(4);
        assertThat(emb.frequencies()).containsExactly(1f, 1e-4f);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray t = manager.create(new int[] {0, 1, 500});
            NDArray e = emb.forward(new ParameterStore(manager, false), new NDList(t), false)
                    .singletonOrThrow();
            assertThat(e.getShape()).isEqualTo(new Shape(3, 4));
            assertThat(emb.getOutputShapes(new Shape[] {t.getShape()})[0]).isEqualTo(new Shape(3, 4));
            float[] v = e.toFloatArray();
            assertThat(new float[] {v[0], v[1], v[2], v[3]}).containsExactly(0f, 0f, 1f, 1f);
            assertClose(new float[] {v[4], v[5], v[6], v[7]}, new double[] {
                    Math.sin(1), Math.sin(1e-4), Math.cos(1), Math.cos(1e-4)}, 1e-6, "t=1");
            assertClose(new float[] {v[8], v[9], v[10], v[11]}, new double[] {
                    Math.sin(500), Math.sin(0.05), Math.cos(500), Math.cos(0.05)}, 1e-5, "t=500");
        }
    }

    @Test
    void floatTimestepsAndLargerDimFollowTheFormula() {
        int dim = 64;
        int half = dim / 2;
        SinusoidalTimeEmbedding emb = new SinusoidalTimeEmbedding(dim);
        float[] ts = {0.5f, 37f, 999f};
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] v = emb.embed(manager.create(ts, new Shape(3, 1))).toFloatArray();
            double[] expected = new double[3 * dim];
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < half; i++) {
                    double f = Math.exp(-Math.log(10000.0) * i / (half - 1));
                    expected[n * dim + i] = Math.sin(ts[n] * f);
                    expected[n * dim + half + i] = Math.cos(ts[n] * f);
                }
            }
            // float32 arguments up to ~1000 rad: allow the rounding of t * freq
            assertClose(v, expected, 2e-4, "embedding");
        }
        assertThatThrownBy(() -> new SinusoidalTimeEmbedding(5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even");
    }
}
