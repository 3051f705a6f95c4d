package io.artifex.eval.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class FeatureNetworkTest {

    @Test
    void networkHasTheDocumentedLayersAndParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock root = FeatureNetwork.buildInitialised(manager, new Rng(0));
            // conv1 32*9+32, conv2 64*32*9+64, fc 3136*128+128, head 128*10+10
            long expected = (32 * 9 + 32) + (64 * 32 * 9 + 64) + (3136L * 128 + 128) + (128 * 10 + 10);
            assertThat(io.artifex.core.nn.Blocks.countParameters(root)).isEqualTo(expected).isEqualTo(421_642L);
            FeatureExtractor fx = FeatureExtractor.wrap(root, manager, null);
            float[][] f = fx.features(new float[3 * 784]);
            assertThat(f).hasDimensions(3, 128);
            for (float v : f[0]) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
            assertThat(fx.probabilities(new float[2 * 784])).hasDimensions(2, 10);
            assertThatThrownBy(() -> fx.features(new float[785])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("multiple of 784");
        }
    }

    @Test
    void shiftMovesPixelsAndFillsWithZeros() {
        float[] image = new float[784];
        image[5 * 28 + 7] = 1f;
        image[27 * 28 + 27] = 0.5f;
        float[] out = new float[2 * 784];
        FeatureNetworkTrainer.shiftInto(image, 0, out, 1, 2, -1);
        // (row 5, col 7) moves to (row 4, col 9); (27, 27) leaves the frame
        assertThat(out[784 + 4 * 28 + 9]).isEqualTo(1f);
        double sum = 0;
        for (int k = 0; k < 784; k++) {
            sum += out[784 + k];
            assertThat(out[k]).isZero();
        }
        assertThat(sum).isEqualTo(1.0);
    }

    @Test
    void shippedFashionMnistNetworkLoadsWithVerifiedChecksumAndRecordsItsAccuracy() {
        try (FeatureExtractor fx = FeatureExtractor.fashionMnist()) {
            assertThat(fx.info().dataset()).isEqualTo("fashion-mnist");
            assertThat(fx.info().testSize()).isEqualTo(10_000);
            assertThat(fx.info().trainSize()).isEqualTo(60_000);
            assertThat(fx.info().testAccuracy()).isGreaterThan(0.85);
            assertThat(fx.probabilities(new float[784])).hasDimensions(1, 10);
        }
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new FeatureNetworkTrainer.Options(0, 64, 1e-3, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> new FeatureNetworkTrainer.Options(1, 64, 1e-3, 9, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxShift");
    }
}
