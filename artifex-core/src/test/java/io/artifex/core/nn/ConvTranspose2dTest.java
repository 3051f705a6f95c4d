package io.artifex.core.nn;

import static io.artifex.core.nn.NnTestSupport.assertClose;
import static io.artifex.core.nn.NnTestSupport.randn;
import static io.artifex.core.nn.NnTestSupport.randomize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ConvTranspose2dTest {

    /** One configuration: channels, kernel, stride, padding, outputPadding, input size, expected out. */
    record Case(String name, int cin, int cout, int kh, int kw, int sh, int sw, int ph, int pw,
            int oph, int opw, int n, int h, int w, int expectH, int expectW) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("k3 s2 p0 3x3->7x7", 3, 2, 3, 3, 2, 2, 0, 0, 0, 0, 2, 3, 3, 7, 7),
                new Case("k4 s2 p1 7x7->14x14", 2, 3, 4, 4, 2, 2, 1, 1, 0, 0, 2, 7, 7, 14, 14),
                new Case("k3 s1 p1 5x4", 3, 2, 3, 3, 1, 1, 1, 1, 0, 0, 2, 5, 4, 5, 4),
                new Case("k4 s2 p1 op1 odd 5x6", 2, 2, 4, 4, 2, 2, 1, 1, 1, 1, 1, 5, 6, 11, 13),
                new Case("k5 s3 p2 4x3", 2, 3, 5, 5, 3, 3, 2, 2, 0, 0, 2, 4, 3, 10, 7),
                new Case("k1 s1 p0 3x4", 3, 2, 1, 1, 1, 1, 0, 0, 0, 0, 2, 3, 4, 3, 4),
                new Case("k2 s2 p2 padding>=kernel", 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 1, 4, 5, 4, 6),
                new Case("k(3,2) s(2,3) p(1,0) op(1,2)", 2, 3, 3, 2, 2, 3, 1, 0, 1, 2, 1, 4, 3, 8, 10))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndGradientsMatchTheScatterDefinition(Case c) {
        SplittableRandom random = new SplittableRandom(c.name().hashCode());
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvTranspose2d block = new ConvTranspose2d(c.cin(), c.cout(), new Shape(c.kh(), c.kw()),
                    new Shape(c.sh(), c.sw()), new Shape(c.ph(), c.pw()), new Shape(c.oph(), c.opw()),
                    true);
            Shape inShape = new Shape(c.n(), c.cin(), c.h(), c.w());
            block.initialize(manager, DataType.FLOAT32, inShape);
            Shape declared = block.getOutputShapes(new Shape[] {inShape})[0];
            assertThat(declared).isEqualTo(new Shape(c.n(), c.cout(), c.expectH(), c.expectW()));
            assertThat(c.expectH()).isEqualTo((c.h() - 1) * c.sh() - 2 * c.ph() + c.kh() + c.oph());
            assertThat(c.expectW()).isEqualTo((c.w() - 1) * c.sw() - 2 * c.pw() + c.kw() + c.opw());

            float[] w = randomize(block, "weight", random, 0.5);
            float[] b = randomize(block, "bias", random, 0.5);
            float[] x = randn(random, (int) inShape.size(), 1.0);
            int outSize = c.n() * c.cout() * c.expectH() * c.expectW();
            float[] g = randn(random, outSize, 1.0);
            Reference ref = new Reference(c, x, w, b, g);

            NDArray xa = manager.create(x, inShape);
            xa.setRequiresGradient(true);
            NDArray ga = manager.create(g, declared);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(manager, false), new NDList(xa), true)
                        .singletonOrThrow();
                assertThat(out.getShape()).isEqualTo(declared);
                assertClose(out.toFloatArray(), ref.out, 1e-5, "forward");
                collector.backward(out.mul(ga).sum());
            }
            assertClose(xa.getGradient().toFloatArray(), ref.dx, 1e-5, "input gradient");
            assertClose(block.getParameters().get("weight").getArray().getGradient().toFloatArray(),
                    ref.dw, 1e-5, "weight gradient");
            assertClose(block.getParameters().get("bias").getArray().getGradient().toFloatArray(),
                    ref.db, 1e-5, "bias gradient");
        }
    }

    @Test
    void weightLayoutIsInOutKernelAndArgumentsAreChecked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvTranspose2d block = new ConvTranspose2d(5, 7, 4, 2, 1);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 3, 3));
            assertThat(block.getParameters().get("weight").getArray().getShape())
                    .isEqualTo(new Shape(5, 7, 4, 4));
            assertThat(Blocks.countParameters(block)).isEqualTo(5 * 7 * 16 + 7);
            ConvTranspose2d other = new ConvTranspose2d(5, 7, 4, 2, 1);
            assertThatThrownBy(() -> other.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 3, 3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 channels");
        }
        assertThatThrownBy(() -> new ConvTranspose2d(2, 2, new Shape(3, 3), new Shape(2, 2),
                new Shape(0, 0), new Shape(2, 0), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputPadding");
        assertThatThrownBy(() -> new ConvTranspose2d(0, 2, 3, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inChannels");
    }

    /** The textbook scatter loop and its adjoint, in double precision. */
    static final class Reference {
        final double[] out;
        final double[] dx;
        final double[] dw;
        final double[] db;

        Reference(Case c, float[] x, float[] w, float[] b, float[] g) {
            int oh = c.expectH();
            int ow = c.expectW();
            out = new double[c.n() * c.cout() * oh * ow];
            dx = new double[x.length];
            dw = new double[w.length];
            db = new double[c.cout()];
            for (int n = 0; n < c.n(); n++) {
                for (int o = 0; o < c.cout(); o++) {
                    for (int y = 0; y < oh; y++) {
                        for (int xx = 0; xx < ow; xx++) {
                            int oi = ((n * c.cout() + o) * oh + y) * ow + xx;
                            out[oi] += b[o];
                            db[o] += g[oi];
                        }
                    }
                }
                for (int ci = 0; ci < c.cin(); ci++) {
                    for (int i = 0; i < c.h(); i++) {
                        for (int j = 0; j < c.w(); j++) {
                            int xi = ((n * c.cin() + ci) * c.h() + i) * c.w() + j;
                            for (int o = 0; o < c.cout(); o++) {
                                for (int a = 0; a < c.kh(); a++) {
                                    int y = i * c.sh() - c.ph() + a;
                                    if (y < 0 || y >= oh) {
                                        continue;
                                    }
                                    for (int bb = 0; bb < c.kw(); bb++) {
                                        int xx = j * c.sw() - c.pw() + bb;
                                        if (xx < 0 || xx >= ow) {
                                            continue;
                                        }
                                        int wi = ((ci * c.cout() + o) * c.kh() + a) * c.kw() + bb;
                                        int oi = ((n * c.cout() + o) * oh + y) * ow + xx;
                                        out[oi] += (double) x[xi] * w[wi];
                                        dx[xi] += (double) g[oi] * w[wi];
                                        dw[wi] += (double) g[oi] * x[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
