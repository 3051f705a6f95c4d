package io.artifex.core.nn;

import static io.artifex.core.nn.NnTestSupport.randn;
import static io.artifex.core.nn.NnTestSupport.randomize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.artifex.core.nn.MaskedConv2d.MaskType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskedConv2dTest {

    private static final int H = 5;
    private static final int W = 6;

    @Test
    void masksAreTheRasterOrderPixelCnnMasks() {
        assertThat(MaskedConv2d.buildMask(MaskType.A, 3)).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 0);
        assertThat(MaskedConv2d.buildMask(MaskType.B, 3)).containsExactly(1, 1, 1, 1, 1, 0, 0, 0, 0);
        float[] a5 = MaskedConv2d.buildMask(MaskType.A, 5);
        float sum = 0;
        for (float v : a5) {
            sum += v;
        }
        assertThat(sum).isEqualTo(12f); // two full rows of 5 and two taps left of the centre
        assertThatThrownBy(() -> new MaskedConv2d(MaskType.A, 1, 1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> new MaskedConv2d(MaskType.A, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type A");
    }

    @Test
    void singleLayerTypeAAndBSeeOnlyEarlierPixelsForOneAndManyChannels() {
        for (int cin : new int[] {1, 3}) {
            for (MaskType type : MaskType.values()) {
                for (int k : new int[] {3, 5}) {
                    MaskedConv2d conv = new MaskedConv2d(type, cin, 4, k);
                    checkReceptiveField(conv, cin, type == MaskType.A, 10L * cin + k);
                }
            }
        }
    }

    @Test
    void stackAThenBbbKeepsTheCausalReceptiveField() {
        SequentialBlock stack = new SequentialBlock()
                .add(new MaskedConv2d(MaskType.A, 2, 6, 5))
                .add(Activation::tanh)
                .add(new MaskedConv2d(MaskType.B, 6, 6, 3))
                .add(Activation::tanh)
                .add(new MaskedConv2d(MaskType.B, 6, 6, 3))
                .add(Activation::tanh)
                .add(new MaskedConv2d(MaskType.B, 6, 3, 3));
        checkReceptiveField(stack, 2, true, 99);
    }

    @Test
    void maskedTapsGetNoWeightGradientButFullKernelIsAParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MaskedConv2d conv = new MaskedConv2d(MaskType.A, 2, 3, 3);
            Shape in = new Shape(2, 2, H, W);
            conv.initialize(manager, DataType.FLOAT32, in);
            assertThat(Blocks.countParameters(conv)).isEqualTo(3 * 2 * 9 + 3);
            assertThat(conv.getOutputShapes(new Shape[] {in})[0]).isEqualTo(new Shape(2, 3, H, W));
            NDArray x = manager.create(randn(new SplittableRandom(5), (int) in.size(), 1), in);
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray y = conv.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow();
                gc.backward(y.square().sum());
            }
            float[] g = conv.getParameters().get("weight").getArray().getGradient().toFloatArray();
            float[] mask = conv.mask();
            for (int i = 0; i < g.length; i++) {
                if (mask[i % 9] == 0f) {
                    assertThat(g[i]).as("grad of masked tap %d", i).isEqualTo(0f);
                } else {
                    assertThat(g[i]).as("grad of open tap %d", i).isNotEqualTo(0f);
                }
            }
        }
    }

    /**
     * Backpropagates from all channels of single output pixels and checks the input gradient:
     * exactly zero at and after the pixel (strict=true, type A) or after it (type B), and non-zero
     * for the pixel's left and upper neighbours.
     */
    private static void checkReceptiveField(Block block, int cin, boolean strict, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] pixels = {{2, 3}, {4, 1}, {1, W - 1}, {0, 0}, {H - 1, W - 1}};
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(1, cin, H, W);
            block.initialize(manager, DataType.FLOAT32, in);
            for (String name : block.getParameters().keys()) {
                randomize(block, name, random, 0.5);
            }
            float[] xv = randn(random, (int) in.size(), 1.0);
            for (int[] px : pixels) {
                NDArray x = manager.create(xv, in);
                x.setRequiresGradient(true);
                try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                    NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true)
                            .singletonOrThrow();
                    gc.backward(y.get(new NDIndex(":, :, {}, {}", px[0], px[1])).sum());
                }
                float[] g = x.getGradient().toFloatArray();
                int target = px[0] * W + px[1];
                for (int c = 0; c < cin; c++) {
                    for (int q = 0; q < H * W; q++) {
                        boolean mustBeZero = strict ? q >= target : q > target;
                        if (mustBeZero) {
                            assertThat(g[c * H * W + q]).as("grad at channel %d pos %d for pixel %d,%d",
                                    c, q, px[0], px[1]).isEqualTo(0f);
                        }
                    }
                }
                if (px[1] > 0) {
                    assertThat(anyNonZero(g, cin, target - 1)).as("left neighbour").isTrue();
                }
                if (px[0] > 0) {
                    assertThat(anyNonZero(g, cin, target - W)).as("upper neighbour").isTrue();
                }
                if (!strict) {
                    assertThat(anyNonZero(g, cin, target)).as("centre for type B").isTrue();
                }
                x.close();
            }
        }
    }

    private static boolean anyNonZero(float[] g, int cin, int pos) {
        for (int c = 0; c < cin; c++) {
            if (g[c * H * W + pos] != 0f) {
                return true;
            }
        }
        return false;
    }
}
