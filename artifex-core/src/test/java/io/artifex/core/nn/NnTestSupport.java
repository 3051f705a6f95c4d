package io.artifex.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;

/** Shared helpers for the layer tests: seeded host arrays, parameter setting, comparisons. */
final class NnTestSupport {

    private NnTestSupport() {}

    /** Normal(0, scale) floats from a seeded Java generator (Box-Muller). */
    static float[] randn(SplittableRandom random, int size, double scale) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            out[i] = (float) (scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return out;
    }

    /** Overwrites a parameter's values with seeded normal draws and returns them. */
    static float[] randomize(Block block, String name, SplittableRandom random, double scale) {
        Parameter p = block.getParameters().get(name);
        assertThat(p).as("parameter " + name).isNotNull();
        NDArray a = p.getArray();
        float[] values = randn(random, Math.toIntExact(a.size()), scale);
        a.set(values);
        return values;
    }

    /** The current values of a parameter. */
    static float[] values(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }

    /** Element-wise |a - b| <= tol, with the first offending index in the message. */
    static void assertClose(float[] actual, float[] expected, double tol, String what) {
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                throw new AssertionError(what + " differs at flat index " + i + ": actual "
                        + actual[i] + " expected " + expected[i] + " (tol " + tol + ")");
            }
        }
    }

    static void assertClose(float[] actual, double[] expected, double tol, String what) {
        float[] e = new float[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) expected[i];
        }
        assertClose(actual, e, tol, what);
    }
}
