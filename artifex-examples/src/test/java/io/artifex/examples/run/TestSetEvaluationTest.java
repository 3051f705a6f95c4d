package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.models.vae.vq.VqVae;
import io.artifex.models.vae.vq.VqVaeConfig;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A model with {@code HeldOutMeasures} (a tiny VQ-VAE, which has no likelihood) gets its own
 * measures in the test evaluation that {@code artifex evaluate} and a run's summary print, as
 * {@code test_<name>}, with the values of one pass of {@code measure} over the same data.
 * Planted bugs caught: the measures dropped for a model without a likelihood (the early return
 * this replaced), the prefix left off.
 */
class TestSetEvaluationTest {

    @Test
    void aModelsOwnMeasuresAreReportedWithTheTestPrefix() {
        VqVaeConfig config = VqVaeConfig.builder().name("tiny").inputShape(List.of(8, 8, 1)).hiddenChannels(8)
                .residualChannels(4).numResidualBlocks(1).numEmbeddings(4).embeddingDim(2).build();
        BatchSource data = new BinaryImages();
        try (VqVae model = (VqVae) Models.create(config, 2)) {
            Map<String, Double> reported = TestSetEvaluation.evaluate(model, data, 0, 5);
            Map<String, Double> direct = model.measure(data, new Rng(5));
            assertThat(reported).hasSize(direct.size()).containsKeys("test_reconstruction_mse", "test_codes_used",
                    "test_codebook_perplexity", "test_code_bits_per_dim");
            direct.forEach((k, v) -> assertThat(reported.get("test_" + k)).as(k).isEqualTo(v));
            assertThat(reported.get("test_code_bits_per_dim")).isCloseTo(2.0, within(1e-6));
        }
    }

    /** Two batches of 6 random binary 8x8 images, the same every pass. */
    private static final class BinaryImages implements BatchSource {
        @Override
        public int size() {
            return 12;
        }

        @Override
        public int batchSize() {
            return 6;
        }

        @Override
        public int batchesPerEpoch() {
            return 2;
        }

        @Override
        public Shape exampleShape() {
            return new Shape(1, 8, 8);
        }

        @Override
        public EpochIterator epoch(long epoch) {
            return new EpochIterator() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < 2;
                }

                @Override
                public Batch next(NDManager manager) {
                    SplittableRandom r = new SplittableRandom(next++);
                    float[] x = new float[6 * 64];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = r.nextInt(3) == 0 ? 1f : 0f;
                    }
                    return Batch.of(manager.create(x, new Shape(6, 1, 8, 8)));
                }
            };
        }
    }
}
