package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import io.artifex.data.EmbeddedMnist;
import io.artifex.data.ImageBatchSource;
import io.artifex.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SampleMetrics#measureConditional}: a "model" that returns real test digits of the
 * class it is asked for agrees with its labels and is balanced; one that returns the next
 * class's digits is just as confident and balanced but never agrees; the labels asked for run
 * through the digits in turn across chunks.
 */
class ConditionalSampleMetricsTest {

    private static final ImageDataset DIGITS = EmbeddedMnist.test().subset(0, 1000);

    /** Real digits of class {@code (label + shift) % 10}, in [0, 1], shape (n, 1, 28, 28). */
    private static LabelledImageSampler realDigits(int shift, List<Long> asked) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < DIGITS.size(); i++) {
            byClass.get(DIGITS.label(i)).add(i);
        }
        int[] used = new int[10];
        return (labels, manager, rng) -> {
            long[] y = labels.toLongArray();
            float[] images = new float[y.length * 784];
            for (int i = 0; i < y.length; i++) {
                asked.add(y[i]);
                int c = (int) ((y[i] + shift) % 10);
                List<Integer> pool = byClass.get(c);
                DIGITS.copyExample(pool.get(used[c]++ % pool.size()), images, i * 784);
            }
            for (int k = 0; k < images.length; k++) {
                images[k] /= 255f;
            }
            return manager.create(images, new Shape(y.length, 1, 28, 28));
        };
    }

    private static QualityContext context() {
        return new QualityContext(ImageBatchSource.builder(DIGITS).shuffle(false).build(), DIGITS, 1, 600, 3L);
    }

    @Test
    void samplesOfTheAskedClassAgreeAndSamplesOfAnotherDoNot() {
        List<Long> asked = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Double> right = SampleMetrics.measureConditional("real", "sample", 600, 10, realDigits(0, asked),
                    context(), manager, new Rng(1));
            Map<String, Double> wrong = SampleMetrics.measureConditional("shifted", "sample", 600, 10,
                    realDigits(1, new ArrayList<>()), context(), manager, new Rng(1));

            // the shipped classifier is ~99 % accurate on test digits
            assertThat(right.get("sample_label_agreement")).isGreaterThan(0.95);
            assertThat(right.get("sample_class_min_fraction")).isGreaterThan(0.08);
            assertThat(right.get("sample_class_max_fraction")).isLessThan(0.12);
            assertThat(wrong.get("sample_label_agreement")).isLessThan(0.05);
            assertThat(wrong.get("sample_confident_fraction")).isGreaterThan(0.9);
            assertThat(wrong.get("sample_class_max_fraction")).isLessThan(0.12);
        }
        // 600 samples in chunks of 500 and 100: labels 0..9 in turn across the chunk boundary
        assertThat(asked).hasSize(600);
        for (int j = 0; j < asked.size(); j++) {
            assertThat(asked.get(j)).isEqualTo(j % 10L);
        }
    }

    @Test
    void labelAgreementCountsArgmaxMatches() {
        float[][] p = {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.6f, 0.4f}, {0.3f, 0.7f}};
        assertThat(SampleMetrics.labelAgreement(p, new int[] {0, 1, 1, 1})).isEqualTo(0.75);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> SampleMetrics.measureConditional("m", "sample", 10, 0,
                    (NDArray labels, NDManager m, Rng r) -> labels, context(), manager, new Rng(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one class");
        }
    }
}
