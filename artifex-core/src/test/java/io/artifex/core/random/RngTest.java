package io.artifex.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void sameSeedGivesSameArraysEvenAfterOtherCodeReseedsTheEngine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] first = new Rng(7).normal(manager, new Shape(5)).toFloatArray();
            manager.getEngine().setRandomSeed(12345);
            manager.randomNormal(new Shape(100));
            float[] second = new Rng(7).normal(manager, new Shape(5)).toFloatArray();
            assertThat(second).containsExactly(first);
            assertThat(new Rng(8).normal(manager, new Shape(5)).toFloatArray()).isNotEqualTo(first);
        }
    }

    @Test
    void restoredStateContinuesTheSameSequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Rng rng = new Rng(3);
            rng.normal(manager, new Shape(4));
            RngState saved = rng.state();
            float[] next = rng.uniform(manager, 0f, 1f, new Shape(6)).toFloatArray();
            float[] replay = Rng.restore(saved).uniform(manager, 0f, 1f, new Shape(6)).toFloatArray();
            assertThat(replay).containsExactly(next);
            assertThat(saved.counter()).isEqualTo(1);
        }
    }

    @Test
    void forkedStreamsAreIndependentOfTheParentsDrawCount() {
        Rng a = new Rng(11);
        Rng b = new Rng(11);
        b.nextLong();
        b.nextLong();
        assertThat(a.fork("noise").nextLong()).isEqualTo(b.fork("noise").nextLong());
        assertThat(a.fork("noise").nextLong()).isNotEqualTo(a.fork("dropout").nextLong());
    }

    @Test
    void hostSideDrawsHaveTheRightRange() {
        Rng rng = new Rng(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(rng.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            assertThat(rng.nextInt(10)).isBetween(0, 9);
        }
    }
}
