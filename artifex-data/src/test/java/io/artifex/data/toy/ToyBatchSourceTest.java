package io.artifex.data.toy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ToyBatchSourceTest {

    @Test
    void servesTheFixedPointsInASeededOrder() {
        EightGaussians g = new EightGaussians();
        ToyBatchSource src = new ToyBatchSource(g, 100, 32, 9);
        assertThat(src.batchesPerEpoch()).isEqualTo(4);
        assertThat(src.exampleShape()).isEqualTo(new Shape(2));
        assertThat(src.points()).containsExactly(g.sampleHost(100, new Rng(9).fork("toy-data")));
        int[] order = src.order(1);
        float[] pts = src.points();
        try (NDManager m = NDManager.newBaseManager()) {
            EpochIterator it = src.epoch(1);
            Batch b = it.next(m);
            assertThat(b.labels()).isEmpty();
            assertThat(b.x().getShape()).isEqualTo(new Shape(32, 2));
            float[] x = b.x().toFloatArray();
            for (int i = 0; i < 32; i++) {
                assertThat(x[2 * i]).isEqualTo(pts[2 * order[i]]);
                assertThat(x[2 * i + 1]).isEqualTo(pts[2 * order[i] + 1]);
            }
            it.skip(2);
            assertThat(it.next(m).size()).isEqualTo(4);
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(new ToyBatchSource(g, 100, 32, 9, true).batchesPerEpoch()).isEqualTo(3);
        assertThat(src.order(1)).isNotEqualTo(src.order(2));
        assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 100).toArray());
    }
}
