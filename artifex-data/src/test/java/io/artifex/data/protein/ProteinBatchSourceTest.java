package io.artifex.data.protein;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProteinBatchSourceTest {

    private final List<ProteinChain> chains = List.of(HelixFixture.helix("A", 5, 1), HelixFixture.helix("B", 9, 101),
            HelixFixture.helix("C", 3, 11));

    @Test
    void padsMasksCentresAndScalesEveryChain() {
        ProteinBatchSource src = ProteinBatchSource.builder(chains).batchSize(3).shuffle(false).scale(0.1).build();
        assertThat(src.length()).isEqualTo(9);
        assertThat(src.exampleShape()).isEqualTo(new Shape(9, 4, 3));
        try (NDManager m = NDManager.newBaseManager()) {
            ProteinBatch b = src.batch(0, 0, m);
            assertThat(b.coords().getShape()).isEqualTo(new Shape(3, 9, 4, 3));
            assertThat(b.lengths()).containsExactly(5, 9, 3);
            float[] res = b.residueMask().toFloatArray();
            float[] xyz = b.coords().toFloatArray();
            long[] idx = b.residueIndex().toLongArray();
            for (int c = 0; c < 3; c++) {
                double[] centroid = new double[3];
                for (int i = 0; i < 9; i++) {
                    boolean real = i < b.lengths()[c];
                    assertThat(res[c * 9 + i]).isEqualTo(real ? 1f : 0f);
                    for (int k = 0; k < 3; k++) {
                        float v = xyz[((c * 9 + i) * 4 + 1) * 3 + k];
                        centroid[k] += v;
                        if (!real) {
                            assertThat(v).isZero();
                        }
                    }
                }
                for (double v : centroid) {
                    assertThat(v).isCloseTo(0, within(1e-5));
                }
            }
            assertThat(idx[9]).isEqualTo(101);
            assertThat(b.atomMask().sum().getFloat()).isEqualTo(4 * 17f);
            // scale 0.1: N-CA becomes 0.1458 (nm)
            float[] n = {xyz[0], xyz[1], xyz[2]};
            float[] ca = {xyz[3], xyz[4], xyz[5]};
            double d = Math.sqrt(Math.pow(n[0] - ca[0], 2) + Math.pow(n[1] - ca[1], 2) + Math.pow(n[2] - ca[2], 2));
            assertThat(d).isCloseTo(0.1458, within(1e-5));
        }
    }

    @Test
    void longChainsAreCroppedContiguouslyReproduciblyAndFixedStartTakesTheHead() {
        ProteinBatchSource random = ProteinBatchSource.builder(chains).batchSize(2).maxLength(4).seed(3).build();
        ProteinBatchSource fixed = ProteinBatchSource.builder(chains).batchSize(3).maxLength(4).shuffle(false)
                .crop(ProteinBatchSource.Crop.FIXED_START).build();
        try (NDManager m = NDManager.newBaseManager()) {
            long[] head = fixed.batch(0, 0, m).residueIndex().toLongArray();
            assertThat(head).containsExactly(1, 2, 3, 4, 101, 102, 103, 104, 11, 12, 13, 0);
            java.util.Set<Long> starts = new java.util.HashSet<>();
            for (long epoch = 0; epoch < 12; epoch++) {
                for (int b = 0; b < random.batchesPerEpoch(); b++) {
                    ProteinBatch pb = random.batch(epoch, b, m);
                    long[] ix = pb.residueIndex().toLongArray();
                    for (int c = 0; c < pb.chains().length; c++) {
                        if (pb.chains()[c] == 1) {
                            for (int i = 1; i < 4; i++) {
                                assertThat(ix[c * 4 + i]).isEqualTo(ix[c * 4] + i);
                            }
                            starts.add(ix[c * 4]);
                        }
                    }
                    assertThat(random.batch(epoch, b, m).residueIndex().toLongArray()).containsExactly(ix);
                }
            }
            assertThat(starts).hasSizeGreaterThan(2).allSatisfy(s -> assertThat(s).isBetween(101L, 106L));
            // the generic iterator serves the same arrays, and skip() resumes without drift
            EpochIterator it = random.epoch(4);
            it.skip(1);
            Batch second = it.next(m);
            assertThat(second.x().toFloatArray()).containsExactly(random.batch(4, 1, m).coords().toFloatArray());
            Batch withMask = ProteinBatchSource.builder(chains).batchSize(3).maskChannel(true).build().epoch(0).next(m);
            assertThat(withMask.x().getShape()).isEqualTo(new Shape(3, 9, 4, 4));
        }
    }
}
