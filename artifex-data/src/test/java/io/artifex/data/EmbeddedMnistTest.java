package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedMnistTest {

    @Test
    void trainAndTestHaveTheDocumentedCountsAndShapes() {
        ImageDataset train = EmbeddedMnist.train();
        ImageDataset test = EmbeddedMnist.test();
        assertThat(train.size()).isEqualTo(8000);
        assertThat(test.size()).isEqualTo(2000);
        assertThat(train.height()).isEqualTo(28);
        assertThat(train.width()).isEqualTo(28);
        assertThat(train.numClasses()).isEqualTo(10);
    }

    @Test
    void labelsAreRoughlyBalanced() {
        int[] train = EmbeddedMnist.train().labelCounts();
        int[] test = EmbeddedMnist.test().labelCounts();
        for (int c = 0; c < 10; c++) {
            assertThat(train[c]).as("train class %d", c).isBetween(689, 913);
            assertThat(test[c]).as("test class %d", c).isBetween(120, 280);
        }
        assertThat(java.util.Arrays.stream(train).sum()).isEqualTo(8000);
    }

    @Test
    void pixelStatisticsLookLikeMnist() {
        // MNIST's mean pixel is about 33.3 (0.1307 * 255); a byte-order or offset error would move it far.
        double mean = EmbeddedMnist.train().meanPixel();
        assertThat(mean).isBetween(30.0, 37.0);
        ImageDataset train = EmbeddedMnist.train();
        // corners of MNIST digits are background
        assertThat(train.pixel(0, 0)).isZero();
        assertThat(train.pixel(0, 27 * 28 + 27)).isZero();
        int max = 0;
        for (int k = 0; k < 784; k++) {
            max = Math.max(max, train.pixel(0, k));
        }
        assertThat(max).isGreaterThan(200);
    }

    @Test
    void contentMatchesValuesReadIndependentlyFromTheFiles() {
        // reference values computed with Python's gzip module from the same files
        ImageDataset train = EmbeddedMnist.train();
        int[] firstLabels = new int[10];
        for (int i = 0; i < 10; i++) {
            firstLabels[i] = train.label(i);
        }
        assertThat(firstLabels).containsExactly(6, 6, 8, 1, 7, 1, 4, 6, 1, 2);
        long sum = 0;
        for (int k = 0; k < 784; k++) {
            sum += train.pixel(0, k);
        }
        assertThat(sum).isEqualTo(30378);
        assertThat(train.labelCounts()).containsExactly(799, 913, 801, 813, 781, 689, 809, 865, 747, 783);
        assertThat(EmbeddedMnist.test().labelCounts()).containsExactly(202, 214, 190, 219, 199, 174, 205, 205, 197, 195);
        assertThat(train.meanPixel()).isCloseTo(33.452, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void loadingIsCachedAndTheSplitAccessorAgrees() {
        assertThat(EmbeddedMnist.train()).isSameAs(EmbeddedMnist.train());
        assertThat(EmbeddedMnist.split(Split.TEST)).isSameAs(EmbeddedMnist.test());
        assertThat(EmbeddedMnist.split(Split.TRAIN)).isSameAs(EmbeddedMnist.train());
    }
}
