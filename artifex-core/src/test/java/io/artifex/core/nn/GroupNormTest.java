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

class GroupNormTest {

    /** No affine scale or shift (the norm without learned parameters). */
    private static final float[] NO_GAMMA = null;
    private static final float[] NO_BETA = null;
    private static final ai.djl.ndarray.NDArray NO_GAMMA_ARRAY = null;
    private static final ai.djl.ndarray.NDArray NO_BETA_ARRAY = null;

    /** Plain-Java group norm over (n, c, spatial) in double precision. */
    static double[] reference(float[] x, int n, int c, int spatial, int groups, float[] gamma,
            float[] beta, double eps) {
        double[] out = new double[x.length];
        int per = c / groups;
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < groups; g++) {
                int start = (s * c + g * per) * spatial;
                int count = per * spatial;
                double mean = 0;
                for (int i = 0; i < count; i++) {
                    mean += x[start + i];
                }
                mean /= count;
                double var = 0;
                for (int i = 0; i < count; i++) {
                    var += (x[start + i] - mean) * (x[start + i] - mean);
                }
                var /= count;
                for (int i = 0; i < count; i++) {
                    int ch = g * per + i / spatial;
                    double v = (x[start + i] - mean) / Math.sqrt(var + eps);
                    out[start + i] = gamma == null ? v : v * gamma[ch] + beta[ch];
                }
            }
        }
        return out;
    }

    @Test
    void matchesThePlainJavaReferenceWithLearnedScaleAndShift() {
        SplittableRandom random = new SplittableRandom(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            GroupNorm gn = new GroupNorm(3, 6);
            Shape shape = new Shape(2, 6, 2, 3);
            gn.initialize(manager, DataType.FLOAT32, shape);
            assertThat(gn.getOutputShapes(new Shape[] {shape})[0]).isEqualTo(shape);
            assertThat(NnTestSupport.values(gn, "gamma")).containsOnly(1f);
            assertThat(NnTestSupport.values(gn, "beta")).containsOnly(0f);
            assertThat(Blocks.countParameters(gn)).isEqualTo(12);
            float[] gamma = randomize(gn, "gamma", random, 1.0);
            float[] beta = randomize(gn, "beta", random, 1.0);
            float[] x = randn(random, (int) shape.size(), 2.0);
            for (int i = 0; i < x.length; i++) {
                x[i] += 3f; // a non-zero mean that the layer must remove
            }
            NDArray out = gn.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, shape)), false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(shape);
            assertClose(out.toFloatArray(), reference(x, 2, 6, 6, 3, gamma, beta, 1e-5), 1e-5, "gn");
        }
    }

    @Test
    void worksOnAnyRankAndWithoutAffine() {
        SplittableRandom random = new SplittableRandom(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            GroupNorm gn = new GroupNorm(2, 4, 1e-3f, false);
            Shape shape = new Shape(3, 4, 5);
            gn.initialize(manager, DataType.FLOAT32, shape);
            assertThat(gn.getParameters().isEmpty()).isTrue();
            float[] x = randn(random, (int) shape.size(), 1.0);
            NDArray out = gn.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, shape)), false).singletonOrThrow();
            assertClose(out.toFloatArray(), reference(x, 3, 4, 5, 2, NO_GAMMA, NO_BETA, 1e-3), 1e-5, "gn");
            // one group per channel pair: each (sample, group) now has mean 0
            float[] o = out.toFloatArray();
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += o[i];
            }
            assertThat(sum).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void rejectsChannelsNotDivisibleByGroupsAndWrongInputs() {
        assertThatThrownBy(() -> new GroupNorm(4, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channels (6)").hasMessageContaining("divisible by groups (4)");
        assertThatThrownBy(() -> new GroupNorm(0, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups");
        try (NDManager manager = NDManager.newBaseManager()) {
            GroupNorm gn = new GroupNorm(2, 4);
            assertThatThrownBy(() -> gn.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 2, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 4, ...)");
            NDArray bad = manager.ones(new Shape(1, 6, 2));
            assertThatThrownBy(() -> GroupNorm.groupNorm(bad, 4, NO_GAMMA_ARRAY, NO_BETA_ARRAY, 1e-5f))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisible");
        }
    }
}
