package io.artifex.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow layers' argument checks at the edges of their ranges: the smallest valid value is
 * accepted and the first invalid one is refused with a message naming what was expected, and
 * a batch of the wrong rank or width is refused before any arithmetic. Planted bugs this
 * catches: a boundary moved by one ({@code <} for {@code <=}) or a dropped check in any
 * constructor or input check, and {@code Squeeze.outputShape} or {@code isCheckerboard}
 * returning a wrong value.
 */
class FlowLayerArgumentsTest {

    private static void refused(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void constructorsAcceptTheSmallestValidValueAndRefuseTheFirstInvalidOne() {
        List<Integer> hidden = List.of(3);
        assertThatCode(() -> new Made(2, hidden, ActivationType.RELU)).doesNotThrowAnyException();
        refused(() -> new Made(1, hidden, ActivationType.RELU), "at least 2 variables, got 1");
        refused(() -> new Made(3, List.of(), ActivationType.RELU), "at least one hidden layer");
        refused(() -> new Made(3, null, ActivationType.RELU), "at least one hidden layer");

        assertThatCode(() -> new MaskedLinear(new float[] {1f}, 1, 1)).doesNotThrowAnyException();
        refused(() -> new MaskedLinear(new float[0], 0, 1), "0x1 mask");
        refused(() -> new MaskedLinear(new float[0], 1, 0), "1x0 mask");
        refused(() -> new MaskedLinear(new float[] {1f, 1f}, 1, 1), "1x1 mask");
        refused(() -> new MaskedLinear(null, 1, 1), "1x1 mask");

        assertThatCode(() -> new LogitTransform(0)).doesNotThrowAnyException();
        assertThatCode(() -> new LogitTransform(0.4999)).doesNotThrowAnyException();
        refused(() -> new LogitTransform(0.5), "[0, 0.5)");
        refused(() -> new LogitTransform(-1e-9), "[0, 0.5)");
        refused(() -> new LogitTransform(Double.NaN), "[0, 0.5)");

        assertThatCode(() -> new AffineCoupling(new float[] {1f, 0f}, hidden, ActivationType.RELU)).doesNotThrowAnyException();
        refused(() -> new AffineCoupling(new float[] {1f}, hidden, ActivationType.RELU), "at least 2 coordinates");
        refused(() -> new AffineCoupling(null, hidden, ActivationType.RELU), "at least 2 coordinates");

        assertThatCode(() -> new ActNorm(1)).doesNotThrowAnyException();
        refused(() -> new ActNorm(0), "positive, got 0");
        assertThatCode(() -> new InvertibleConv1x1(1, new Rng(0))).doesNotThrowAnyException();
        refused(() -> new InvertibleConv1x1(0, new Rng(0)), "positive, got 0");

        assertThatCode(() -> new ConvCoupling(1, CouplingMask.CHECKERBOARD_EVEN, 1)).doesNotThrowAnyException();
        refused(() -> new ConvCoupling(0, CouplingMask.CHECKERBOARD_EVEN, 4), "must be positive");
        refused(() -> new ConvCoupling(2, CouplingMask.CHECKERBOARD_EVEN, 0), "must be positive");
        refused(() -> new ConvCoupling(3, CouplingMask.CHANNEL_FIRST, 4), "even channel count, got 3");
        refused(() -> new ConvCoupling(3, CouplingMask.CHANNEL_SECOND, 4), "even channel count, got 3");
        assertThatCode(() -> new ConvCoupling(3, CouplingMask.CHECKERBOARD_ODD, 4)).doesNotThrowAnyException();
    }

    @Test
    void checkerboardMasksAreExactlyTheTwoSpatialOnes() {
        assertThat(CouplingMask.CHECKERBOARD_EVEN.isCheckerboard()).isTrue();
        assertThat(CouplingMask.CHECKERBOARD_ODD.isCheckerboard()).isTrue();
        assertThat(CouplingMask.CHANNEL_FIRST.isCheckerboard()).isFalse();
        assertThat(CouplingMask.CHANNEL_SECOND.isCheckerboard()).isFalse();
    }

    @Test
    void squeezeShapesAndItsChecksOnEachAxis() {
        Squeeze squeeze = new Squeeze();
        assertThat(squeeze.outputShape(new Shape(2, 3, 4, 6))).isEqualTo(new Shape(2, 12, 2, 3));
        refused(() -> squeeze.outputShape(new Shape(2, 3, 3, 6)), "even H and W");
        refused(() -> squeeze.outputShape(new Shape(2, 3, 4, 5)), "even H and W");
        refused(() -> squeeze.outputShape(new Shape(3, 4, 6)), "even H and W");
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(m, false);
            refused(() -> squeeze.inverse(store, m.zeros(new Shape(1, 6, 2, 2))), "(N, 4C, H, W)");
            refused(() -> squeeze.inverse(store, m.zeros(new Shape(4, 2, 2))), "(N, 4C, H, W)");
            refused(() -> squeeze.transform(store, m.zeros(new Shape(1, 1, 2, 3)), false), "even H and W");
        }
    }

    /** Every layer refuses a batch of the wrong rank or width, in both directions where it checks. */
    @Test
    void layersRefuseBatchesOfTheWrongRankOrWidth() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(m, false);
            MaskedLinear masked = new MaskedLinear(new float[] {1f, 1f, 1f, 1f, 1f, 1f}, 2, 3);
            masked.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
            assertThat(masked.forward(store, new ai.djl.ndarray.NDList(m.zeros(new Shape(5, 3))), false)
                    .singletonOrThrow().getShape()).isEqualTo(new Shape(5, 2));
            refused(() -> masked.forward(store, new ai.djl.ndarray.NDList(m.zeros(new Shape(5, 4))), false), "(N, 3)");
            refused(() -> masked.forward(store, new ai.djl.ndarray.NDList(m.zeros(new Shape(5, 3, 1))), false), "(N, 3)");

            AffineCoupling coupling = new AffineCoupling(AffineCoupling.alternatingMask(3, 0), List.of(4), ActivationType.RELU);
            coupling.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
            refused(() -> coupling.transform(store, m.zeros(new Shape(2, 4)), false), "(N, 3)");
            refused(() -> coupling.inverse(store, m.zeros(new Shape(2, 3, 1))), "(N, 3)");

            MafLayer maf = new MafLayer(3, List.of(6), ActivationType.RELU);
            maf.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
            refused(() -> maf.transform(store, m.zeros(new Shape(2, 2)), false), "(N, 3)");
            refused(() -> maf.inverse(store, m.zeros(new Shape(2, 3, 1))), "(N, 3)");

            ActNorm actNorm = new ActNorm(2);
            actNorm.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2, 2, 2));
            refused(() -> actNorm.transform(store, m.zeros(new Shape(1, 3, 2, 2)), false), "(N, 2, H, W)");
            refused(() -> actNorm.inverse(store, m.zeros(new Shape(1, 2, 4))), "(N, 2, H, W)");

            InvertibleConv1x1 conv = new InvertibleConv1x1(2, new Rng(1));
            conv.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2, 2, 2));
            refused(() -> conv.transform(store, m.zeros(new Shape(1, 3, 2, 2)), false), "(N, 2, H, W)");
            refused(() -> conv.inverse(store, m.zeros(new Shape(1, 2, 4))), "(N, 2, H, W)");

            ConvCoupling conv2 = new ConvCoupling(2, CouplingMask.CHANNEL_FIRST, 4);
            conv2.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2, 2, 2));
            refused(() -> conv2.transform(store, m.zeros(new Shape(1, 4, 2, 2)), false), "(N, 2, H, W)");
            refused(() -> conv2.inverse(store, m.zeros(new Shape(2, 2, 2))), "(N, 2, H, W)");
            NDArray ok = m.zeros(new Shape(1, 2, 2, 2));
            assertThat(conv2.transform(store, ok, false).y().getShape()).isEqualTo(new Shape(1, 2, 2, 2));
        }
    }
    @Test
    void alternatingMasksKeepEveryOtherCoordinateStartingAtTheParity() {
        assertThat(AffineCoupling.alternatingMask(5, 0)).containsExactly(1f, 0f, 1f, 0f, 1f);
        assertThat(AffineCoupling.alternatingMask(5, 1)).containsExactly(0f, 1f, 0f, 1f, 0f);
        assertThat(new LogitTransform(0.05).alpha()).isEqualTo(0.05f);
    }

    /**
     * A new affine coupling and a new MAF layer are the identity (their output layers start at
     * zero), while their networks are not trivial: MADE has one masked layer per hidden width
     * plus the output, and its ReLU sits between layers, not after the output (outputs go
     * negative once the weights are random).
     */
    @Test
    void newCouplingAndMafLayersStartAsTheIdentityAroundANonTrivialNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = new Rng(1).normal(m, new Shape(3, 4));
            AffineCoupling coupling = new AffineCoupling(AffineCoupling.alternatingMask(4, 0), List.of(6), ActivationType.TANH);
            coupling.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4));
            MafLayer maf = new MafLayer(4, List.of(6), ActivationType.TANH);
            maf.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4));
            for (FlowLayer layer : new FlowLayer[] {coupling, maf}) {
                FlowResult r = layer.transform(store, x, false);
                assertThat(r.y().toFloatArray()).as(layer.getClass().getSimpleName()).containsExactly(x.toFloatArray());
                assertThat(r.logDet().abs().max().getFloat()).as("largest |log det|").isEqualTo(0f);
            }

            Made made = new Made(3, List.of(5, 6), ActivationType.RELU);
            made.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
            assertThat(made.getChildren().size()).isEqualTo(3);
            assertThat(made.getOutputShapes(new Shape[] {new Shape(7, 3)})[0]).isEqualTo(new Shape(7, 6));
            FlowTestSupport.randomizeParameters(made, new Rng(2), 1f);
            float[] out = made.forward(store, new ai.djl.ndarray.NDList(new Rng(3).normal(m, new Shape(20, 3))), false)
                    .singletonOrThrow().toFloatArray();
            float min = Float.MAX_VALUE;
            for (float v : out) {
                min = Math.min(min, v);
            }
            assertThat(min).as("smallest MADE output").isLessThan(0f);
        }
    }

    @Test
    void actNormDataInitialisationChecksItsInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            ActNorm actNorm = new ActNorm(2);
            actNorm.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2, 2, 2));
            refused(() -> actNorm.initializeFromData(m.zeros(new Shape(4, 3, 2, 2))), "(N, 2, H, W)");
            assertThat(actNorm.isDataInitialized()).isFalse();
        }
    }
    /**
     * A new convolutional coupling is the identity; with random weights it leaves exactly the
     * positions its mask keeps unchanged: (h + w) even or odd for the checkerboards (on a 3 x 4
     * image, so a wrong row stride shows), the first or second half of the channels otherwise.
     */
    @Test
    void convCouplingsKeepExactlyTheirMaskedHalfAndStartAsTheIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = new Rng(5).normal(m, new Shape(2, 2, 3, 4));
            float[] in = x.toFloatArray();
            for (CouplingMask mask : CouplingMask.values()) {
                ConvCoupling layer = new ConvCoupling(2, mask, 4);
                layer.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2, 3, 4));
                assertThat(layer.transform(store, x, false).y().toFloatArray()).as("%s at init", mask).containsExactly(in);
                FlowTestSupport.randomizeParameters(layer, new Rng(6), 0.5f);
                float[] out = layer.transform(store, x, false).y().toFloatArray();
                for (int i = 0; i < in.length; i++) {
                    int c = (i / 12) % 2;
                    int h = (i % 12) / 4;
                    int w = i % 4;
                    boolean kept = switch (mask) {
                        case CHECKERBOARD_EVEN -> (h + w) % 2 == 0;
                        case CHECKERBOARD_ODD -> (h + w) % 2 == 1;
                        case CHANNEL_FIRST -> c == 0;
                        case CHANNEL_SECOND -> c == 1;
                    };
                    if (kept) {
                        assertThat(out[i]).as("%s keeps element %d", mask, i).isEqualTo(in[i]);
                    } else {
                        assertThat(out[i]).as("%s changes element %d", mask, i).isNotEqualTo(in[i]);
                    }
                }
            }
        }
    }
}
