package io.artifex.data.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class TransformsTest {

    private static NDArray pixels(NDManager m, float... values) {
        return m.create(values, new Shape(1, values.length));
    }

    @Test
    void scalingsGiveExactValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = pixels(m, 0f, 51f, 127.5f, 255f);
            assertThat(Transforms.scaleTo01().apply(x, new Rng(0)).toFloatArray())
                    .containsExactly(new float[] {0f, 0.2f, 0.5f, 1f}, within(1e-7f));
            assertThat(Transforms.scaleToSymmetric().apply(x, new Rng(0)).toFloatArray())
                    .containsExactly(new float[] {-1f, -0.6f, 0f, 1f}, within(1e-6f));
        }
    }

    @Test
    void binarisationMeanMatchesPixelProbabilityAndIsBinary() {
        try (NDManager m = NDManager.newBaseManager()) {
            int reps = 20_000;
            float[] p = {0f, 51f, 127.5f, 204f, 255f};
            float[] tiled = new float[reps * p.length];
            for (int i = 0; i < reps; i++) {
                System.arraycopy(p, 0, tiled, i * p.length, p.length);
            }
            NDArray x = m.create(tiled, new Shape(reps, p.length));
            NDArray b = Transforms.binarise().apply(x, new Rng(3));
            float[] v = b.toFloatArray();
            for (float f : v) {
                assertThat(f).isIn(0f, 1f);
            }
            float[] mean = b.mean(new int[] {0}).toFloatArray();
            for (int j = 0; j < p.length; j++) {
                double prob = p[j] / 255.0;
                double tol = 5 * Math.sqrt(prob * (1 - prob) / reps) + 1e-9;
                assertThat((double) mean[j]).as("pixel %s", p[j]).isCloseTo(prob, within(tol));
            }
            assertThat(mean[0]).isZero();
            assertThat(mean[4]).isEqualTo(1f);
        }
    }

    @Test
    void binarisationIsFreshPerRngButReproducibleForTheSameRng() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.full(new Shape(1, 256), 128f);
            float[] a = Transforms.binarise().apply(x, new Rng(9)).toFloatArray();
            float[] again = Transforms.binarise().apply(x, new Rng(9)).toFloatArray();
            float[] other = Transforms.binarise().apply(x, new Rng(10)).toFloatArray();
            assertThat(again).containsExactly(a);
            assertThat(other).isNotEqualTo(a);
        }
    }

    @Test
    void dequantisedValuesStayInsideTheirBinAndAreUniformWithin() {
        try (NDManager m = NDManager.newBaseManager()) {
            int reps = 400;
            float[] raw = new float[256 * reps];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = i % 256;
            }
            float[] d = Transforms.dequantise().apply(m.create(raw, new Shape(reps, 256)), new Rng(5)).toFloatArray();
            double sumOffset = 0;
            for (int i = 0; i < d.length; i++) {
                int k = i % 256;
                assertThat(d[i]).isGreaterThanOrEqualTo(k / 256f).isLessThan((k + 1) / 256f);
                sumOffset += d[i] * 256.0 - k;
            }
            // mean of U[0,1) is 1/2 with standard error 1/sqrt(12 n)
            assertThat(sumOffset / d.length).isCloseTo(0.5, within(5 / Math.sqrt(12.0 * d.length)));
        }
    }

    @Test
    void dequantisationOfTheLargestPixelWithTheLargestOffsetStaysBelowOne() {
        float top = (255f + Transforms.MAX_DEQUANT_OFFSET) / 256f;
        assertThat(top).isLessThan(1f);
        assertThat((255f + (1f - 0x1.0p-24f)) / 256f).as("why the cap exists").isEqualTo(1f);
    }

    @Test
    void flattenAndComposeApplyInOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(24f).reshape(2, 1, 3, 4);
            ImageTransform t = Transforms.compose(Transforms.flatten(), Transforms.scaleTo01());
            NDArray y = t.apply(x, new Rng(0));
            assertThat(y.getShape()).isEqualTo(new Shape(2, 12));
            assertThat(y.toFloatArray()[23]).isCloseTo(23f / 255f, within(1e-7f));
            ImageTransform addThenHalf = Transforms.compose((a, r) -> a.add(1f), (a, r) -> a.div(2f));
            assertThat(addThenHalf.apply(m.create(new float[] {3f}), new Rng(0)).toFloatArray()).containsExactly(2f);
            assertThat(Transforms.compose().apply(x, new Rng(0))).isSameAs(x);
        }
    }
}
