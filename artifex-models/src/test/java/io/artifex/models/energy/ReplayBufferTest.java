package io.artifex.models.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import io.artifex.core.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The replay buffer on its own, on a small parameter: argument edges, uniform filling against
 * the moments of U(min, max), slot draws against the uniform distribution over subsets, and
 * writes that touch exactly the given rows. Planted bugs this catches: a reinitialisation
 * probability range closed or opened at the wrong end, a fill that leaves the buffer untouched
 * or draws from the wrong interval, a slot shuffle that favours some slots, a draw-size check
 * off by one, and a write that skips its shape check.
 */
class ReplayBufferTest {

    private static Parameter storage(NDManager m, int capacity) {
        Parameter p = Parameter.builder().setName("buffer").setType(Parameter.Type.OTHER)
                .optShape(new Shape(capacity, 2)).optInitializer(Initializer.ZEROS).optRequiresGrad(false).build();
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    @Test
    void reinitProbabilityMustLieInTheClosedUnitIntervalAndTheDomainMustBeBounded() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = storage(m, 4);
            Domain box = new Domain(-1, 1);
            assertThatCode(() -> new ReplayBuffer(p, 0.0, box)).doesNotThrowAnyException();
            assertThat(new ReplayBuffer(p, 1.0, box).reinitProb()).isEqualTo(1.0);
            for (double bad : new double[] {-1e-9, 1 + 1e-9, Double.NaN}) {
                assertThatThrownBy(() -> new ReplayBuffer(p, bad, box)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("reinitProb must be in [0, 1]");
            }
            assertThatThrownBy(() -> new ReplayBuffer(p, 0.5, Domain.unbounded())).hasMessageContaining("bounded domain");
            ReplayBuffer buffer = new ReplayBuffer(p, 0.05, box);
            assertThat(buffer.capacity()).isEqualTo(4);
            assertThat(buffer.sampleShape()).isEqualTo(new Shape(2));
            assertThat(buffer.reinitProb()).isEqualTo(0.05);
        }
    }

    /** 4,000 values of U(-0.5, 1.5): mean 0.5 and variance 1/3 (standard errors 0.009 and 0.004). */
    @Test
    void fillUniformDrawsEverySlotFromTheDomain() {
        try (NDManager m = NDManager.newBaseManager()) {
            ReplayBuffer buffer = new ReplayBuffer(storage(m, 2000), 0.0, new Domain(-0.5, 1.5));
            buffer.fillUniform(new Rng(3));
            float[] v = buffer.contents(m).toFloatArray();
            double mean = 0;
            for (float x : v) {
                assertThat(x).isBetween(-0.5f, 1.5f);
                mean += x / (double) v.length;
            }
            double var = 0;
            for (float x : v) {
                var += (x - mean) * (x - mean) / v.length;
            }
            assertThat(mean).isCloseTo(0.5, within(0.04));
            assertThat(var).isCloseTo(1.0 / 3, within(0.02));
        }
    }

    /**
     * Drawing 2 of 5 slots 1,000 times: each slot is drawn with probability 2/5 and is first
     * with probability 1/5 (standard errors 0.016 and 0.013); a full draw is a permutation.
     */
    @Test
    void drawsAreUniformOverDistinctSlotsAndTheSizeIsChecked() {
        try (NDManager m = NDManager.newBaseManager()) {
            ReplayBuffer buffer = new ReplayBuffer(storage(m, 5), 0.0, new Domain(-1, 1));
            buffer.fillUniform(new Rng(1));
            Rng rng = new Rng(2);
            int[] drawn = new int[5];
            int[] first = new int[5];
            int rounds = 1000;
            for (int r = 0; r < rounds; r++) {
                try (NDManager step = m.newSubManager()) {
                    long[] slots = buffer.draw(2, step, rng).slots().toLongArray();
                    assertThat(slots[0]).isNotEqualTo(slots[1]);
                    drawn[(int) slots[0]]++;
                    drawn[(int) slots[1]]++;
                    first[(int) slots[0]]++;
                }
            }
            for (int s = 0; s < 5; s++) {
                assertThat(drawn[s] / (double) rounds).as("slot %d drawn", s).isCloseTo(0.4, within(0.065));
                assertThat(first[s] / (double) rounds).as("slot %d first", s).isCloseTo(0.2, within(0.055));
            }
            long[] all = buffer.draw(5, m, new Rng(4)).slots().toLongArray();
            Arrays.sort(all);
            assertThat(all).containsExactly(0, 1, 2, 3, 4);
            assertThat(buffer.sample(1, m, new Rng(5)).getShape()).isEqualTo(new Shape(1, 2));
            assertThatThrownBy(() -> buffer.draw(0, m, new Rng(0))).hasMessageContaining("between 1 and 5");
            assertThatThrownBy(() -> buffer.sample(6, m, new Rng(0))).hasMessageContaining("between 1 and 5");
        }
    }

    @Test
    void writeReplacesExactlyTheGivenRowsAndChecksTheShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            ReplayBuffer buffer = new ReplayBuffer(storage(m, 4), 0.0, new Domain(-1, 1));
            buffer.fillUniform(new Rng(7));
            float[] before = buffer.contents(m).toFloatArray();
            NDArray slots = m.create(new long[] {3, 1});
            buffer.write(slots, m.create(new float[] {9f, 8f, 7f, 6f}, new Shape(2, 2)));
            float[] after = buffer.contents(m).toFloatArray();
            assertThat(after).containsExactly(before[0], before[1], 7f, 6f, before[4], before[5], 9f, 8f);
            assertThatThrownBy(() -> buffer.write(slots, m.zeros(new Shape(2, 3)))).hasMessageContaining("shape (2, 2)");
            assertThatThrownBy(() -> buffer.write(slots, m.zeros(new Shape(3, 2)))).hasMessageContaining("shape (2, 2)");
            float[] sampled = buffer.sample(4, m, new Rng(8)).toFloatArray();
            float[] sortedRows = after.clone();
            Arrays.sort(sortedRows);
            Arrays.sort(sampled);
            assertThat(sampled).containsExactly(sortedRows);
        }
    }
}
