package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The receptive-field test on whole networks: backpropagate from all logits of one output pixel
 * and look at the input gradient. It must be exactly zero at the pixel and after it in raster
 * order (every channel), and non-zero at the left and upper neighbours. The plain PixelCNN has a
 * blind spot up and to the right; Gated PixelCNN sees its whole window.
 */
@ExtendWith(SingleThreadedEngine.class)
class ReceptiveFieldTest {

    private static final int H = 8;
    private static final int W = 8;

    @Test
    void plainPixelCnnIsCausalForOneAndTwoChannels() {
        for (int c : new int[] {1, 2}) {
            try (NDManager manager = NDManager.newBaseManager();
                 BasePixelCnn model = PixelCnnFixtures.create(
                         PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, H, W, c, 8, 4, 0, 4), manager, 1)) {
                PixelCnnFixtures.randomize(model, 11, 0.5);
                for (int[] px : new int[][] {{3, 2}, {0, 5}, {5, 0}, {H - 1, W - 1}, {0, 0}}) {
                    float[] g = inputGradient(model, manager, c, px[0], px[1], 7);
                    assertCausal(g, c, px[0], px[1]);
                }
            }
        }
    }

    @Test
    void plainPixelCnnHasABlindSpotUpAndToTheRight() {
        // 8 layers: far more depth than the 4-column offset, yet (i-1, j+4) stays unseen while (i-1, j+3),
        // inside the first 7x7 mask-A kernel, is seen
        try (NDManager manager = NDManager.newBaseManager();
             BasePixelCnn model = PixelCnnFixtures.create(
                     PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, H, W, 1, 8, 8, 0, 4), manager, 2)) {
            PixelCnnFixtures.randomize(model, 12, 0.5);
            int i = 5;
            int j = 2;
            float[] g = inputGradient(model, manager, 1, i, j, 8);
            assertCausal(g, 1, i, j);
            assertThat(g[(i - 1) * W + j + 3]).as("up 1, right 3").isNotEqualTo(0f);
            assertThat(g[(i - 1) * W + j + 4]).as("up 1, right 4: the blind spot").isEqualTo(0f);
            assertThat(g[(i - 1) * W + j + 5]).as("up 1, right 5: the blind spot").isEqualTo(0f);
        }
    }

    @Test
    void gatedPixelCnnIsCausalAndHasNoBlindSpot() {
        for (int layers : new int[] {1, 2, 3}) {
            int reach = layers + 2;
            try (NDManager manager = NDManager.newBaseManager();
                 BasePixelCnn model = PixelCnnFixtures.create(
                         PixelCnnFixtures.config(PixelCnnVariant.GATED, H, W, 2, 8, layers, 0, 4), manager, 3)) {
                PixelCnnFixtures.randomize(model, 13, 0.5);
                for (int[] px : new int[][] {{5, 2}, {6, 6}, {0, 4}, {H - 1, W - 1}, {0, 0}}) {
                    float[] g = inputGradient(model, manager, 2, px[0], px[1], 9);
                    assertCausal(g, 2, px[0], px[1]);
                    // exactly the window: rows i-reach..i-1 and columns j-reach..j+reach, plus reach pixels to the left
                    for (int q = 0; q < H * W; q++) {
                        int r = q / W;
                        int col = q % W;
                        boolean above = r < px[0] && r >= px[0] - reach && Math.abs(col - px[1]) <= reach;
                        boolean left = r == px[0] && col < px[1] && col >= px[1] - reach;
                        boolean seen = g[q] != 0f || g[H * W + q] != 0f;
                        assertThat(seen).as("%d layers, pixel %d,%d: input %d,%d", layers, px[0], px[1], r, col)
                                .isEqualTo(above || left);
                    }
                }
            }
        }
        // the position the plain network is blind to, (i-1, j+4), is inside the gated window for 2+ layers
    }

    @Test
    void conditionalNetworksStayCausal() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            try (NDManager manager = NDManager.newBaseManager();
                 BasePixelCnn model = PixelCnnFixtures.create(
                         PixelCnnFixtures.config(variant, H, W, 1, 8, 3, 3, 4), manager, 4)) {
                PixelCnnFixtures.randomize(model, 14, 0.5);
                float[] g = inputGradient(model, manager, 1, 4, 4, 10);
                assertCausal(g, 1, 4, 4);
            }
        }
    }

    /** d(sum of the logits at (i, j)) / d(input), flattened (C, H, W). */
    private static float[] inputGradient(BasePixelCnn model, NDManager manager, int c, int i, int j, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[c * H * W];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) random.nextDouble();
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(v, new Shape(1, c, H, W));
            x.setRequiresGradient(true);
            // conditional models in this test have 3 classes; use class 1
            NDArray oneHot = model instanceof ConditionalPixelCnn ? scope.create(new float[] {0, 1, 0}, new Shape(1, 3)) : null;
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray logits = model.logitsOf(x, oneHot, new ParameterStore(scope, false), true);
                gc.backward(logits.get(new NDIndex(":, :, :, {}, {}", i, j)).sum());
            }
            return x.getGradient().toFloatArray();
        }
    }

    private static void assertCausal(float[] g, int c, int i, int j) {
        int target = i * W + j;
        for (int ch = 0; ch < c; ch++) {
            for (int q = target; q < H * W; q++) {
                assertThat(g[ch * H * W + q]).as("gradient at channel %d, pixel %d for output %d,%d", ch, q, i, j)
                        .isEqualTo(0f);
            }
        }
        if (j > 0) {
            assertThat(anyChannel(g, c, target - 1)).as("left neighbour of %d,%d", i, j).isTrue();
        }
        if (i > 0) {
            assertThat(anyChannel(g, c, target - W)).as("upper neighbour of %d,%d", i, j).isTrue();
        }
    }

    private static boolean anyChannel(float[] g, int c, int pos) {
        for (int ch = 0; ch < c; ch++) {
            if (g[ch * H * W + pos] != 0f) {
                return true;
            }
        }
        return false;
    }
}
