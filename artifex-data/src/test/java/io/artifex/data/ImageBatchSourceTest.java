package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.data.transform.Transforms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageBatchSourceTest {

    /** 10 images of 2x2: image i has pixels 10i, 10i+1, 10i+2, 10i+3 and label i. */
    private static ImageDataset tiny() {
        byte[] px = new byte[40];
        byte[] labels = new byte[10];
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < 4; k++) {
                px[4 * i + k] = (byte) (10 * i + k);
            }
            labels[i] = (byte) i;
        }
        return ImageDataset.of("tiny", 1, 2, 2, px, labels, 10);
    }

    private static List<float[]> epoch(ImageBatchSource src, long epoch, int skip) {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            EpochIterator it = src.epoch(epoch);
            it.skip(skip);
            while (it.hasNext()) {
                try (NDManager step = m.newSubManager()) {
                    out.add(it.next(step).x().toFloatArray());
                }
            }
        }
        return out;
    }

    @Test
    void batchesHaveNchwFloatImagesAndInt64LabelsMatchingTheOrder() {
        ImageBatchSource src = ImageBatchSource.builder(tiny()).batchSize(4).seed(7)
                .transform(Transforms.identity()).build();
        assertThat(src.batchesPerEpoch()).isEqualTo(3);
        assertThat(src.exampleShape()).isEqualTo(new Shape(1, 2, 2));
        int[] order = src.order(0);
        assertThat(order).isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(Arrays.stream(order).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        try (NDManager m = NDManager.newBaseManager()) {
            EpochIterator it = src.epoch(0);
            Batch b = it.next(m);
            assertThat(b.x().getShape()).isEqualTo(new Shape(4, 1, 2, 2));
            assertThat(b.x().getDataType()).isEqualTo(DataType.FLOAT32);
            NDManager owner = b.x().getManager();
            assertThat(owner).isSameAs(m);
            long[] labels = b.labels().orElseThrow().toLongArray();
            assertThat(b.labels().get().getDataType()).isEqualTo(DataType.INT64);
            float[] x = b.x().toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertThat(labels[i]).isEqualTo(order[i]);
                assertThat(x[4 * i + 3]).isEqualTo(10f * order[i] + 3);
            }
            it.next(m);
            assertThat(it.next(m).size()).isEqualTo(2);
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        ImageBatchSource a = ImageBatchSource.builder(tiny()).seed(1).build();
        ImageBatchSource b = ImageBatchSource.builder(tiny()).seed(1).batchSize(3).build();
        assertThat(a.order(5)).containsExactly(b.order(5));
        assertThat(a.order(5)).isNotEqualTo(a.order(6));
        assertThat(ImageBatchSource.builder(tiny()).seed(2).build().order(5)).isNotEqualTo(a.order(5));
        assertThat(ImageBatchSource.builder(tiny()).shuffle(false).build().order(3))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void dropLastAndFlatLayout() {
        ImageBatchSource src = ImageBatchSource.builder(tiny()).batchSize(4).dropLast(true)
                .layout(ImageLayout.FLAT).build();
        assertThat(src.batchesPerEpoch()).isEqualTo(2);
        assertThat(src.exampleShape()).isEqualTo(new Shape(4));
        List<float[]> batches = epoch(src, 0, 0);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(16);
        assertThatThrownBy(() -> ImageBatchSource.builder(tiny()).batchSize(11).dropLast(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize 11");
    }

    @Test
    void exampleShapeFollowsTheTransform() {
        ImageBatchSource src = ImageBatchSource.builder(tiny()).transform(Transforms.flatten()).build();
        assertThat(src.exampleShape()).isEqualTo(new Shape(4));
    }

    @Test
    void resumedEpochWithSkipReproducesRandomTransformsExactly() {
        ImageBatchSource src = ImageBatchSource.builder(tiny()).batchSize(3).seed(11)
                .transform(Transforms.dequantise()).build();
        List<float[]> full = epoch(src, 2, 0);
        List<float[]> resumed = epoch(src, 2, 2);
        assertThat(resumed).hasSize(2);
        assertThat(resumed.get(0)).containsExactly(full.get(2));
        assertThat(resumed.get(1)).containsExactly(full.get(3));
        // a fresh source with the same seed gives the same epoch; another epoch draws new noise
        List<float[]> again = epoch(ImageBatchSource.builder(tiny()).batchSize(3).seed(11)
                .transform(Transforms.dequantise()).build(), 2, 0);
        for (int i = 0; i < full.size(); i++) {
            assertThat(again.get(i)).containsExactly(full.get(i));
        }
        float[] e3 = epoch(src, 3, 0).get(0);
        assertThat(e3).isNotEqualTo(full.get(0));
    }

    @Test
    void binarisedBatchesChangeBetweenEpochsForTheSameImages() {
        ImageBatchSource src = ImageBatchSource.builder(EmbeddedMnist.test().subset(0, 32)).batchSize(32)
                .shuffle(false).transform(Transforms.binarise()).build();
        float[] e0 = epoch(src, 0, 0).get(0);
        float[] e1 = epoch(src, 1, 0).get(0);
        assertThat(e0).isNotEqualTo(e1);
        double m0 = 0;
        for (float v : e0) {
            assertThat(v).isIn(0f, 1f);
            m0 += v;
        }
        // the binarised mean tracks the mean intensity / 255 of these 32 digits
        double expected = EmbeddedMnist.test().subset(0, 32).meanPixel() / 255.0;
        assertThat(m0 / e0.length).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void unlabelledOrLabelsOffGiveBatchesWithoutLabels() {
        ImageDataset unlabelled = ImageDataset.of("u", 1, 1, 2, new byte[] {1, 2, 3, 4}, null, 0);
        ImageBatchSource src = ImageBatchSource.builder(unlabelled).batchSize(2).build();
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(src.epoch(0).next(m).labels()).isEmpty();
            assertThat(ImageBatchSource.builder(tiny()).labels(false).build().epoch(0).next(m).labels()).isEmpty();
        }
    }
}
