package io.artifex.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Scalars} gives exact gradients even when a garbage collection runs between the
 * forward and the backward pass and the freed memory is reused, which is what breaks DJL's
 * own {@code NDArray.mul(Number)}.
 */
class ScalarsTest {

    private static final Logger LOG = LoggerFactory.getLogger(ScalarsTest.class);
    private static final float[] X = {0.5f, 2f, 3f};

    @Test
    void gradientsStayExactWhenTheCollectorRunsBetweenForwardAndBackward() throws InterruptedException {
        float[] dMul = gradientUnderCollection(x -> Scalars.mul(x, 3));
        float[] dDiv = gradientUnderCollection(x -> Scalars.div(x, 4));
        float[] dPow = gradientUnderCollection(x -> Scalars.pow(x, 2));
        float[] dMax = gradientUnderCollection(x -> Scalars.mul(Scalars.maximum(x, 1), 5));
        float[] dMin = gradientUnderCollection(x -> Scalars.mul(Scalars.minimum(x, 1), 5));
        assertThat(dMul).containsExactly(3f, 3f, 3f);
        assertThat(dDiv).containsExactly(0.25f, 0.25f, 0.25f);
        assertThat(dPow).containsExactly(1f, 4f, 6f);
        assertThat(dMax).containsExactly(0f, 5f, 5f);
        assertThat(dMin).containsExactly(5f, 0f, 0f);
        // the engine's own overload under the same conditions (not asserted: whether its freed
        // buffer is reused in time depends on the allocator; on the development machine it was
        // wrong in every run, e.g. NaN or -5.3e36 where 3 is right)
        LOG.info("DJL's x.mul(3f) under the same conditions gave the gradient {}",
                Arrays.toString(gradientUnderCollection(x -> x.mul(3f))));
    }

    /**
     * Negative control, deterministic: the failure mode behind DJL's {@code mul(Number)} is a
     * constant whose memory the engine does not own and reads again in the backward pass. A 0-d
     * constant over a Java direct buffer (not copied by the engine) is rewritten between forward
     * and backward, which is what a collection followed by reuse of the freed buffer does: the
     * gradient follows the rewritten memory (7 instead of 3). The same rewrite cannot reach a
     * {@link Scalars} constant, whose memory the engine allocated and reference-counts: its handle
     * is already closed when the multiplication returns, fresh engine allocations filled with NaN
     * do not land in it, and the gradient stays 3.
     */
    @Test
    void autogradReadsTheConstantAtBackwardTimeSoItsMemoryMustBeOwnedByTheEngine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 3f);
            NDArray x = manager.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray constant = manager.create(buffer, new ai.djl.ndarray.types.Shape(),
                        ai.djl.ndarray.types.DataType.FLOAT32);
                NDArray y = x.mul(constant).sum();
                assertThat(y.getFloat()).isEqualTo(16.5f);
                buffer.putFloat(0, 7f);
                collector.backward(y);
            }
            assertThat(x.getGradient().toFloatArray()).as("backward read the rewritten constant")
                    .containsExactly(7f, 7f, 7f);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(X);
            x.setRequiresGradient(true);
            List<NDArray> noise = new ArrayList<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.mul(x, 3).sum();
                for (int i = 0; i < 2_000; i++) {
                    noise.add(manager.full(new ai.djl.ndarray.types.Shape(), Float.NaN));
                }
                collector.backward(y);
            }
            assertThat(noise).hasSize(2_000);
            assertThat(x.getGradient().toFloatArray()).containsExactly(3f, 3f, 3f);
        }
    }

    @Test
    void resultsMatchTheEngineOverloadsAndKeepTheInputsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(X);
            assertThat(Scalars.mul(x, 3).toFloatArray()).containsExactly(x.mul(3f).toFloatArray());
            assertThat(Scalars.div(x, 4).toFloatArray()).containsExactly(x.div(4f).toFloatArray());
            assertThat(Scalars.pow(x, 2).toFloatArray()).containsExactly(x.pow(2f).toFloatArray());
            assertThat(Scalars.maximum(x, 1).toFloatArray()).containsExactly(1f, 2f, 3f);
            assertThat(Scalars.minimum(x, 1).toFloatArray()).containsExactly(0.5f, 1f, 1f);
            int before = manager.getManagedArrays().size();
            NDArray y = Scalars.mul(x, 2);
            assertThat(y.getManager()).isSameAs(manager);
            assertThat(manager.getManagedArrays()).as("only the result is added").hasSize(before + 1);
        }
    }

    /**
     * d(sum f(x))/dx at {@link #X}, with a full collection, a pause for the buffer cleaner, and
     * 20,000 fresh 4-byte direct buffers filled with NaN between forward and backward.
     */
    private static float[] gradientUnderCollection(UnaryOperator<NDArray> f) throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(X);
            x.setRequiresGradient(true);
            List<ByteBuffer> reuse = new ArrayList<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                System.gc();
                Thread.sleep(100);
                for (int i = 0; i < 20_000; i++) {
                    reuse.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN));
                }
                collector.backward(y);
            }
            assertThat(reuse).hasSize(20_000);
            return x.getGradient().toFloatArray();
        }
    }
}
