package io.artifex.data.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.data.BatchSource;
import io.artifex.core.random.Rng;
import io.artifex.data.DataSources;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentationsTest {

    /** Batch of n images 2 x 3 x 4 with value 100*i + 12*c + 4*y + x. */
    private static NDArray batch(NDManager m, int n) {
        float[] v = new float[n * 24];
        for (int k = 0; k < v.length; k++) {
            v[k] = 100 * (k / 24) + (k % 24);
        }
        return m.create(v, new Shape(n, 2, 3, 4));
    }

    private static float at(float[] v, int i, int c, int y, int x) {
        return v[i * 24 + c * 12 + y * 4 + x];
    }

    @Test
    void flipMirrorsExactlyTheExamplesTheRngChooses() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m, 6);
            float[] out = Augmentations.horizontalFlip(0.5).apply(x, new Rng(11)).toFloatArray();
            Rng replay = new Rng(11);
            int flipped = 0;
            for (int i = 0; i < 6; i++) {
                boolean flip = replay.nextDouble() < 0.5;
                flipped += flip ? 1 : 0;
                for (int c = 0; c < 2; c++) {
                    for (int y = 0; y < 3; y++) {
                        for (int xx = 0; xx < 4; xx++) {
                            float expected = 100 * i + 12 * c + 4 * y + (flip ? 3 - xx : xx);
                            assertThat(at(out, i, c, y, xx)).isEqualTo(expected);
                        }
                    }
                }
            }
            assertThat(flipped).isBetween(1, 5);
            assertThat(Augmentations.horizontalFlip(0.5).apply(x, new Rng(11)).toFloatArray()).containsExactly(out);
            assertThat(Augmentations.horizontalFlip(1).apply(x, new Rng(3)).toFloatArray()[0]).isEqualTo(3f);
        }
    }

    @Test
    void cropShiftsByTheDrawnOffsetWithZeroOrReflectedBorders() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m, 5);
            for (Augmentations.Padding mode : Augmentations.Padding.values()) {
                float[] out = Augmentations.randomCrop(2, mode).apply(x, new Rng(5)).toFloatArray();
                Rng replay = new Rng(5);
                for (int i = 0; i < 5; i++) {
                    int dy = replay.nextInt(5) - 2;
                    int dx = replay.nextInt(5) - 2;
                    for (int c = 0; c < 2; c++) {
                        for (int y = 0; y < 3; y++) {
                            for (int xx = 0; xx < 4; xx++) {
                                int sy = y + dy;
                                int sx = xx + dx;
                                float expected;
                                if (mode == Augmentations.Padding.ZERO) {
                                    expected = sy < 0 || sy > 2 || sx < 0 || sx > 3 ? 0f : 100 * i + 12 * c + 4 * sy + sx;
                                } else {
                                    sy = sy < 0 ? -sy : sy > 2 ? 4 - sy : sy;
                                    sx = sx < 0 ? -sx : sx > 3 ? 6 - sx : sx;
                                    expected = 100 * i + 12 * c + 4 * sy + sx;
                                }
                                assertThat(at(out, i, c, y, xx)).as("%s i=%d c=%d y=%d x=%d", mode, i, c, y, xx)
                                        .isEqualTo(expected);
                            }
                        }
                    }
                }
            }
            // padding 0: the only offset is (0, 0)
            assertThat(Augmentations.randomCrop(0, Augmentations.Padding.REFLECT).apply(x, new Rng(1)).toFloatArray())
                    .containsExactly(x.toFloatArray());
            assertThatThrownBy(() -> Augmentations.randomCrop(3, Augmentations.Padding.REFLECT).apply(x, new Rng(1)))
                    .hasMessageContaining("smaller than the image");
            assertThatThrownBy(() -> Augmentations.horizontalFlip(0.5).apply(x.reshape(5, 24), new Rng(1)))
                    .hasMessageContaining("(N, C, H, W)");
        }
    }

    @Test
    void trainingSplitIsAugmentedReproduciblyAndTheTestSplitNever() {
        DataConfig plain = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.SCALE01).flatten(false)
                .build();
        DataConfig aug = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.SCALE01).flatten(true)
                .augment(List.of("hflip", "crop")).build();
        assertThat(plain.augment()).isEmpty();
        assertThat(io.artifex.core.config.ConfigValidator.violations(
                DataConfig.builder().dataset("mnist").augment(List.of("hflip", "rotate")).build()))
                .containsExactly("augment[1]: must be one of crop, crop-reflect, hflip");
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = DataSources.train(aug, 16, 7).epoch(2).next(m).x().toFloatArray();
            float[] b = DataSources.train(aug, 16, 7).epoch(2).next(m).x().toFloatArray();
            float[] raw = DataSources.train(plain, 16, 7).epoch(2).next(m).x().toFloatArray();
            assertThat(a).hasSize(16 * 784).containsExactly(b);
            assertThat(a).isNotEqualTo(raw);
            // resuming at batch 1 gives the same augmented batch as an uninterrupted epoch
            var it = DataSources.train(aug, 16, 7).epoch(2);
            it.next(m);
            var resumed = DataSources.train(aug, 16, 7).epoch(2);
            resumed.skip(1);
            assertThat(resumed.next(m).x().toFloatArray()).containsExactly(it.next(m).x().toFloatArray());
            BatchSource testAug = DataSources.test(aug, 16, 7);
            BatchSource testPlain = DataSources.test(plain, 16, 7);
            assertThat(testAug.epoch(0).next(m).x().toFloatArray())
                    .containsExactly(testPlain.epoch(0).next(m).x().reshape(16, 784).toFloatArray());
        }
    }
}
