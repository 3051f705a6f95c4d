package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pixel-by-pixel sampling: determinism, the level grid, temperature and inpainting. */
@ExtendWith(SingleThreadedEngine.class)
class PixelCnnSamplingTest {

    private static final int H = 4;
    private static final int W = 4;
    private static final int L = 5;

    @Test
    void samplingWithAFixedSeedIsDeterministicAndOnTheLevelGrid() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            try (NDManager manager = NDManager.newBaseManager();
                 PixelCnn model = (PixelCnn) PixelCnnFixtures.create(
                         PixelCnnFixtures.config(variant, H, W, 2, 8, 2, 0, L), manager, 1)) {
                PixelCnnFixtures.randomize(model, 2, 0.3);
                float[] a = model.generate(3, manager, new Rng(42)).toFloatArray();
                float[] b = model.generate(3, manager, new Rng(42)).toFloatArray();
                float[] c = model.complete(manager.zeros(new Shape(3, 2, H, W)), 0, 1.0, manager, new Rng(43)).toFloatArray();
                assertThat(a).hasSize(3 * 2 * H * W).containsExactly(b);
                assertThat(a).isNotEqualTo(c);
                for (float v : a) {
                    assertThat(v).isEqualTo(Math.round(v * (L - 1)) / (float) (L - 1));
                    assertThat(v).isBetween(0f, 1f);
                }
            }
        }
    }

    @Test
    void nearZeroTemperatureIsGreedyDecoding() {
        try (NDManager manager = NDManager.newBaseManager();
             PixelCnn model = (PixelCnn) PixelCnnFixtures.create(
                     PixelCnnFixtures.config(PixelCnnVariant.GATED, H, W, 1, 8, 2, 0, L), manager, 3)) {
            PixelCnnFixtures.randomize(model, 4, 0.5);
            float[] a = model.generate(2, 1e-6, manager, new Rng(1)).toFloatArray();
            float[] b = model.generate(2, 1e-6, manager, new Rng(2)).toFloatArray();
            assertThat(a).containsExactly(b);
            // greedy reference: fill each pixel with the argmax of its logits given the pixels before it
            float[] canvas = new float[H * W];
            for (int p = 0; p < H * W; p++) {
                try (NDManager scope = manager.newSubManager()) {
                    float[] logits = model.logitsOf(scope.create(canvas, new Shape(1, 1, H, W)), null,
                            new ParameterStore(scope, false), false).toFloatArray();
                    int best = 0;
                    for (int v = 1; v < L; v++) {
                        if (logits[v * H * W + p] > logits[best * H * W + p]) {
                            best = v;
                        }
                    }
                    canvas[p] = best / (float) (L - 1);
                }
            }
            assertThat(Arrays.copyOfRange(a, 0, H * W)).containsExactly(canvas);
        }
    }

    @Test
    void completionKeepsTheKnownRowsAndDrawsTheRest() {
        try (NDManager manager = NDManager.newBaseManager();
             ConditionalPixelCnn model = (ConditionalPixelCnn) PixelCnnFixtures.create(
                     PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, H, W, 1, 8, 2, 2, L), manager, 5)) {
            PixelCnnFixtures.randomize(model, 6, 0.5);
            NDArray images = PixelCnnFixtures.randomImages(manager, 4, 1, H, W, L, 7);
            NDArray labels = manager.create(new long[] {0, 1, 1, 0});
            float[] original = images.toFloatArray();
            float[] done = model.complete(images, labels, 2, 1.0, manager, new Rng(8)).toFloatArray();
            int changed = 0;
            for (int b = 0; b < 4; b++) {
                for (int q = 0; q < H * W; q++) {
                    int k = b * H * W + q;
                    if (q < 2 * W) {
                        assertThat(done[k]).isEqualTo(original[k]);
                    } else {
                        changed += done[k] != original[k] ? 1 : 0;
                    }
                }
            }
            assertThat(changed).isGreaterThan(0);
            assertThat(model.complete(images, labels, H, 1.0, manager, new Rng(8)).toFloatArray()).containsExactly(original);
            assertThat(model.generate(3, manager, new Rng(9)).getShape()).isEqualTo(new Shape(3, 1, H, W));
        }
    }
}
