package io.artifex.core.nn;

import static io.artifex.core.nn.NnTestSupport.randn;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.nn.MaskedConv2d.MaskType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * For every block with parameters: each parameter receives a finite, non-zero gradient, and
 * DJL's saveParameters/loadParameters round-trips the block (same outputs in a fresh instance).
 */
class GradientFlowAndPersistenceTest {

    /** A block factory and the shapes of its inputs. */
    record Subject(String name, Supplier<Block> factory, Shape... inputs) {}

    private static List<Subject> subjects() {
        return List.of(
                new Subject("ConvTranspose2d", () -> new ConvTranspose2d(3, 2, 4, 2, 1), new Shape(2, 3, 3, 3)),
                new Subject("GroupNorm", () -> new GroupNorm(2, 4), new Shape(2, 4, 3, 3)),
                new Subject("MaskedConv2d", () -> new MaskedConv2d(MaskType.B, 2, 3, 3), new Shape(2, 2, 4, 4)),
                new Subject("SelfAttention2d", () -> new SelfAttention2d(4, 2, 2), new Shape(2, 4, 3, 3)),
                new Subject("TimeResBlock", () -> new TimeResBlock(4, 6, 5, 2),
                        new Shape(2, 4, 3, 3), new Shape(2, 5)));
    }

    private static NDList inputs(NDManager manager, Subject s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NDList list = new NDList();
        for (Shape shape : s.inputs()) {
            list.add(manager.create(randn(random, (int) shape.size(), 1.0), shape));
        }
        return list;
    }

    @Test
    void everyParameterReceivesANonZeroFiniteGradient() {
        for (Subject s : subjects()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(17);
                Block block = s.factory().get();
                block.initialize(manager, DataType.FLOAT32, s.inputs());
                NDList in = inputs(manager, s, 3);
                try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                    NDArray y = block.forward(new ParameterStore(manager, false), in, true)
                            .singletonOrThrow();
                    // a random weighting: a plain sum would give GroupNorm's gamma a zero gradient
                    NDArray w = manager.create(randn(new SplittableRandom(9), (int) y.size(), 1.0),
                            y.getShape());
                    gc.backward(y.mul(w).sum());
                }
                assertThat(block.getParameters().size()).as(s.name()).isGreaterThan(0);
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray g = p.getValue().getArray().getGradient();
                    String what = s.name() + " " + p.getKey();
                    assertThat(g.getShape()).as(what).isEqualTo(p.getValue().getArray().getShape());
                    assertThat(g.isInfinite().any().getBoolean() || g.isNaN().any().getBoolean())
                            .as(what + " finite").isFalse();
                    assertThat(g.abs().max().getFloat()).as(what + " non-zero").isGreaterThan(0f);
                }
            }
        }
    }

    @Test
    void saveAndLoadParametersRoundTrip() throws IOException, MalformedModelException {
        for (Subject s : subjects()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(23);
                Block original = s.factory().get();
                original.initialize(manager, DataType.FLOAT32, s.inputs());
                // make every parameter non-default so that a skipped one would show
                for (Pair<String, Parameter> p : original.getParameters()) {
                    NDArray a = p.getValue().getArray();
                    a.set(randn(new SplittableRandom(p.getKey().hashCode()), (int) a.size(), 0.5));
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                original.saveParameters(new DataOutputStream(bytes));

                Block copy = s.factory().get();
                copy.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                NDList in = inputs(manager, s, 4);
                float[] expected = original.forward(new ParameterStore(manager, false), in, false)
                        .singletonOrThrow().toFloatArray();
                float[] actual = copy.forward(new ParameterStore(manager, false), in, false)
                        .singletonOrThrow().toFloatArray();
                assertThat(actual).as(s.name()).containsExactly(expected);
                assertThat(Blocks.countParameters(copy)).isEqualTo(Blocks.countParameters(original));
            }
        }
    }
}
