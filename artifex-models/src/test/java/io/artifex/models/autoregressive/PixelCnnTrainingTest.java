package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.Batch;
import io.artifex.core.random.Rng;
import io.artifex.training.Trainer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tiny PixelCNNs trained by the generic trainer on four fixed 4x4 binary patterns (entropy
 * 0.125 bits per pixel; 0 given the pattern's label): the likelihood falls to the entropy, the
 * samples are the patterns, and inpainting from the top two rows restores the right pattern.
 */
@ExtendWith(SingleThreadedEngine.class)
class PixelCnnTrainingTest {

    private static final Logger LOG = LoggerFactory.getLogger(PixelCnnTrainingTest.class);
    private static final double ENTROPY_BITS_PER_DIM = 2.0 / 16;
    private static final int[] ALL = {0, 1, 2, 3, 0, 1, 2, 3};

    @Test
    void plainPixelCnnLearnsTheFourPatterns() {
        PixelCnnConfig config = PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, 4, 4, 1, 16, 2, 0, 2);
        try (NDManager manager = NDManager.newBaseManager();
             PixelCnn model = (PixelCnn) PixelCnnFixtures.create(config, manager, 1)) {
            double before = meanBits(model, manager, false);
            train(model, false, 1);
            double after = meanBits(model, manager, false);
            LOG.info("plain PixelCNN on 4 patterns: {} -> {} bits/dim (entropy {})", before, after, ENTROPY_BITS_PER_DIM);
            assertThat(before).isGreaterThan(0.5);
            assertThat(after).isBetween(ENTROPY_BITS_PER_DIM - 1e-6, ENTROPY_BITS_PER_DIM + 0.05);

            float[] samples = model.generate(40, manager, new Rng(7)).toFloatArray();
            int[] counts = new int[4];
            int matched = 0;
            for (int b = 0; b < 40; b++) {
                int k = PatternSource.patternOf(samples, b * 16);
                if (k >= 0) {
                    counts[k]++;
                    matched++;
                }
            }
            LOG.info("samples per pattern {}, matched {} of 40", Arrays.toString(counts), matched);
            assertThat(matched).isGreaterThanOrEqualTo(36);
            assertThat(Arrays.stream(counts).min().getAsInt()).isGreaterThanOrEqualTo(4);

            NDArray images = PatternSource.batchOf(manager, ALL, false).x();
            float[] completed = model.complete(images, 2, 1.0, manager, new Rng(8)).toFloatArray();
            int restored = 0;
            for (int b = 0; b < ALL.length; b++) {
                restored += PatternSource.patternOf(completed, b * 16) == ALL[b] ? 1 : 0;
            }
            assertThat(restored).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void conditionalGatedPixelCnnDrawsThePatternOfTheLabel() {
        PixelCnnConfig config = PixelCnnFixtures.config(PixelCnnVariant.GATED, 4, 4, 1, 16, 2, 4, 2);
        try (NDManager manager = NDManager.newBaseManager();
             ConditionalPixelCnn model = (ConditionalPixelCnn) PixelCnnFixtures.create(config, manager, 2)) {
            double before = meanBits(model, manager, true);
            train(model, true, 2);
            double after = meanBits(model, manager, true);
            LOG.info("conditional gated PixelCNN on 4 patterns: {} -> {} bits/dim (entropy given the label 0)",
                    before, after);
            assertThat(before).isGreaterThan(0.5);
            assertThat(after).isLessThan(0.05);

            float[] samples = model.generate(manager.create(new long[] {0, 1, 2, 3, 0, 1, 2, 3}), manager, new Rng(9))
                    .toFloatArray();
            int right = 0;
            for (int b = 0; b < ALL.length; b++) {
                right += PatternSource.patternOf(samples, b * 16) == ALL[b] ? 1 : 0;
            }
            assertThat(right).isGreaterThanOrEqualTo(7);
        }
    }

    private static void train(BasePixelCnn model, boolean labelled, long seed) {
        TrainerConfig trainer = TrainerConfig.builder().epochs(1).maxSteps(250).batchSize(32).seed(seed)
                .optimizer(OptimizerConfig.adam(1e-2)).validateEvery(0).logEvery(1000).build();
        long start = System.nanoTime();
        new Trainer(trainer).fit(model, new PatternSource(32, 250, seed, labelled), null);
        LOG.info("250 steps took {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static double meanBits(BasePixelCnn model, NDManager manager, boolean labelled) {
        try (NDManager scope = manager.newSubManager()) {
            Batch batch = PatternSource.batchOf(scope, new int[] {0, 1, 2, 3}, labelled);
            return model.bitsPerDim(batch, scope, new Rng(0)).mean().getFloat();
        }
    }
}
