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
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeResBlockTest {

    @Test
    void parameterCountFor64To128WithTimeEmbedding256() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TimeResBlock block = new TimeResBlock(64, 128, 256, 8);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 64, 2, 2), new Shape(1, 256));
            long gn1 = 2 * 64;
            long conv1 = 64 * 128 * 9 + 128;
            long time = 256 * 128 + 128;
            long gn2 = 2 * 128;
            long conv2 = 128 * 128 * 9 + 128;
            long skip = 64 * 128 + 128;
            assertThat(gn1 + conv1 + time + gn2 + conv2 + skip).isEqualTo(263_040L);
            assertThat(Blocks.countParameters(block)).isEqualTo(263_040L);
            assertThat(block.hasSkipConvolution()).isTrue();

            TimeResBlock same = new TimeResBlock(128, 128, 256, 8);
            same.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 2, 2), new Shape(1, 256));
            assertThat(same.hasSkipConvolution()).isFalse();
            assertThat(Blocks.countParameters(same)).isEqualTo(2 * 128 + conv2 + time + gn2 + conv2);
        }
    }

    @Test
    void forwardEqualsTheManualCompositionWithAndWithoutSkipConvolution() {
        check(4, 6, 1L);
        check(6, 6, 2L);
    }

    private static void check(int cin, int cout, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2, temb = 5, groups = 2;
        try (NDManager manager = NDManager.newBaseManager()) {
            TimeResBlock block = new TimeResBlock(cin, cout, temb, groups);
            Shape xs = new Shape(n, cin, 4, 3);
            Shape ts = new Shape(n, temb);
            block.initialize(manager, DataType.FLOAT32, xs, ts);
            for (String name : block.getParameters().keys()) {
                randomize(block, name, random, 0.4);
            }
            NDArray x = manager.create(randn(random, (int) xs.size(), 1.0), xs);
            NDArray t = manager.create(randn(random, (int) ts.size(), 1.0), ts);
            NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x, t), false)
                    .singletonOrThrow();
            Shape expectedShape = new Shape(n, cout, 4, 3);
            assertThat(y.getShape()).isEqualTo(expectedShape);
            assertThat(block.getOutputShapes(new Shape[] {xs, ts})[0]).isEqualTo(expectedShape);

            NDArray h = GroupNorm.groupNorm(x, groups, p(block, "01norm1_gamma"), p(block, "01norm1_beta"), 1e-5f);
            h = Conv2d.conv2d(silu(h), p(block, "02conv1_weight"), p(block, "02conv1_bias"),
                    new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
            NDArray tp = Linear.linear(silu(t), p(block, "03timeProj_weight"), p(block, "03timeProj_bias"))
                    .singletonOrThrow();
            h = h.add(tp.reshape(n, cout, 1, 1));
            h = GroupNorm.groupNorm(h, groups, p(block, "04norm2_gamma"), p(block, "04norm2_beta"), 1e-5f);
            h = Conv2d.conv2d(silu(h), p(block, "05conv2_weight"), p(block, "05conv2_bias"),
                    new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
            NDArray skip = cin == cout ? x
                    : Conv2d.conv2d(x, p(block, "06skip_weight"), p(block, "06skip_bias")).singletonOrThrow();
            assertClose(y.toFloatArray(), h.add(skip).toFloatArray(), 1e-5, "res block");

            // the time embedding really conditions the output
            NDArray y2 = block.forward(new ParameterStore(manager, false), new NDList(x, t.mul(2)), false)
                    .singletonOrThrow();
            assertThat(y2.sub(y).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }

    @Test
    void rejectsAWrongTimeEmbeddingShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TimeResBlock block = new TimeResBlock(4, 4, 8, 2);
            assertThatThrownBy(() -> block.initialize(manager, DataType.FLOAT32,
                    new Shape(1, 4, 2, 2), new Shape(1, 7)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 8)");
        }
    }

    private static NDArray p(Block block, String name) {
        return block.getParameters().get(name).getArray();
    }

    private static NDArray silu(NDArray a) {
        return a.mul(Activation.sigmoid(a));
    }
}
