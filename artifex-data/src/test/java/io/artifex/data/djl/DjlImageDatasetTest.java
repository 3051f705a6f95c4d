package io.artifex.data.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import io.artifex.data.EmbeddedMnist;
import io.artifex.data.ImageDataset;
import io.artifex.data.ImageLayout;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DjlImageDatasetTest {

    @Test
    void djlGetDataIteratesEveryImageOnceWithMatchingLabels() throws Exception {
        ImageDataset data = EmbeddedMnist.test().subset(0, 50);
        DjlImageDataset ds = DjlImageDataset.builder().data(data).setSampling(16, true).build();
        assertThat(ds.size()).isEqualTo(50);
        Set<Long> seenSums = new HashSet<>();
        int count = 0;
        int batches = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (Batch batch : ds.getData(m)) {
                try (batch) {
                    batches++;
                    Shape s = batch.getData().head().getShape();
                    assertThat(s.get(1)).isEqualTo(1);
                    assertThat(s.get(2)).isEqualTo(28);
                    assertThat(s.get(3)).isEqualTo(28);
                    float[] x = batch.getData().head().toFloatArray();
                    long[] y = batch.getLabels().head().toLongArray();
                    assertThat(batch.getLabels().head().getDataType()).isEqualTo(DataType.INT64);
                    assertThat(y).hasSize((int) s.get(0));
                    for (int i = 0; i < y.length; i++) {
                        // identify the image by its pixel sum and check its label against the source
                        long sum = 0;
                        for (int k = 0; k < 784; k++) {
                            float v = x[i * 784 + k];
                            assertThat(v).isBetween(0f, 1f);
                            sum += Math.round(v * 255);
                        }
                        int source = indexOf(data, sum);
                        assertThat(y[i]).isEqualTo(data.label(source));
                        seenSums.add(sum * 100 + source);
                        count++;
                    }
                }
            }
        }
        assertThat(batches).isEqualTo(4);
        assertThat(count).isEqualTo(50);
        assertThat(seenSums).hasSize(50);
    }

    private static int indexOf(ImageDataset data, long sum) {
        for (int i = 0; i < data.size(); i++) {
            long s = 0;
            for (int k = 0; k < 784; k++) {
                s += data.pixel(i, k);
            }
            if (s == sum) {
                return i;
            }
        }
        throw new AssertionError("no image with pixel sum " + sum);
    }

    @Test
    void flatSymmetricRecordsAndBuilderChecks() throws Exception {
        ImageDataset data = ImageDataset.of("t", 1, 1, 2, new byte[] {0, (byte) 255, 51, 102}, new byte[] {1, 0}, 2);
        DjlImageDataset ds = DjlImageDataset.builder().data(data).layout(ImageLayout.FLAT)
                .scaling(DjlImageDataset.Scaling.SYMMETRIC).setSampling(2, false).build();
        try (NDManager m = NDManager.newBaseManager()) {
            Batch batch = ds.getData(m).iterator().next();
            assertThat(batch.getData().head().getShape()).isEqualTo(new Shape(2, 2));
            assertThat(batch.getData().head().toFloatArray())
                    .containsExactly(new float[] {-1f, 1f, -0.6f, -0.2f}, org.assertj.core.api.Assertions.within(1e-6f));
            assertThat(batch.getLabels().head().toLongArray()).containsExactly(1L, 0L);
            batch.close();
        }
        assertThatThrownBy(() -> DjlImageDataset.builder().setSampling(2, false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs data");
    }
}
