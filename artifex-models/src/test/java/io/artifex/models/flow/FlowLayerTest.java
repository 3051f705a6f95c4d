package io.artifex.models.flow;

import static io.artifex.models.flow.FlowTestSupport.bruteForceLogDet;
import static io.artifex.models.flow.FlowTestSupport.jacobian;
import static io.artifex.models.flow.FlowTestSupport.maxAbsDiff;
import static io.artifex.models.flow.FlowTestSupport.randomizeParameters;
import static io.artifex.models.flow.FlowTestSupport.reportedLogDet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.random.Rng;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flow layer: inverse(forward(x)) = x within 1e-4, and the reported log-determinant
 * equals log |det J| of the Jacobian computed by autograd and a host-side LU, on small inputs.
 */
class FlowLayerTest {

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        FlowTestSupport.useOneEngineThread();
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                layer("logit transform", () -> new LogitTransform(0.05), new Shape(1, 6), true),
                layer("affine coupling (even mask)", () -> new AffineCoupling(AffineCoupling.alternatingMask(6, 0),
                        List.of(8, 8), ActivationType.RELU), new Shape(1, 6), false),
                layer("affine coupling (odd mask)", () -> new AffineCoupling(AffineCoupling.alternatingMask(5, 1),
                        List.of(8), ActivationType.RELU), new Shape(1, 5), false),
                layer("reverse permutation", ReversePermutation::new, new Shape(1, 5), false),
                layer("MAF layer", () -> new MafLayer(5, List.of(8, 8), ActivationType.RELU), new Shape(1, 5), false),
                layer("squeeze", Squeeze::new, new Shape(1, 2, 4, 4), false),
                layer("actnorm", () -> new ActNorm(2), new Shape(1, 2, 4, 4), false),
                layer("invertible 1x1 convolution", () -> new InvertibleConv1x1(4, new Rng(3)), new Shape(1, 4, 2, 2), false),
                layer("checkerboard coupling (even)", () -> new ConvCoupling(1, CouplingMask.CHECKERBOARD_EVEN, 4),
                        new Shape(1, 1, 4, 4), false),
                layer("checkerboard coupling (odd)", () -> new ConvCoupling(2, CouplingMask.CHECKERBOARD_ODD, 4),
                        new Shape(1, 2, 4, 4), false),
                layer("channel coupling (first half kept)", () -> new ConvCoupling(2, CouplingMask.CHANNEL_FIRST, 4),
                        new Shape(1, 2, 4, 4), false),
                layer("channel coupling (second half kept)", () -> new ConvCoupling(4, CouplingMask.CHANNEL_SECOND, 4),
                        new Shape(1, 4, 2, 2), false),
                layer("multi-scale flow (2 scales)", () -> new MultiScaleFlow(new Shape(1, 4, 4), 2, 1, 1, 4, 0.05,
                        new Rng(5)), new Shape(1, 1, 4, 4), true));
    }

    private static Arguments layer(String name, Supplier<FlowLayer> factory, Shape shape, boolean unitInterval) {
        return Arguments.of(name, factory, shape, unitInterval);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void inverseUndoesForwardAndLogDetMatchesTheJacobian(String name, Supplier<FlowLayer> factory, Shape shape,
                                                         boolean unitInterval) {
        try (NDManager manager = NDManager.newBaseManager()) {
            FlowLayer layer = factory.get();
            new Rng(1).seedEngine(manager);
            layer.initialize(manager, DataType.FLOAT32, shape);
            randomizeParameters(layer, new Rng(2), 0.3f);
            Rng rng = new Rng(7);
            Shape batch = new Shape(3).addAll(shape.slice(1));
            NDArray x = unitInterval ? rng.uniform(manager, 0.02f, 0.98f, batch) : rng.normal(manager, batch);

            ParameterStore store = new ParameterStore(manager, false);
            FlowResult forward = layer.transform(store, x, false);
            assertThat(forward.logDet().getShape()).isEqualTo(new Shape(3));
            assertThat(maxAbsDiff(layer.inverse(store, forward.y()), x)).as(name + " round trip").isLessThan(1e-4);

            for (int i = 0; i < 2; i++) {
                NDArray one = x.get(i).expandDims(0);
                double brute = bruteForceLogDet(layer, one, manager);
                double reported = reportedLogDet(layer, one, manager);
                assertThat(reported).as(name + " log-det, example " + i).isCloseTo(brute, within(2e-3 * (1 + Math.abs(brute))));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void layersThatChangeVolumeReportANonZeroLogDet(String name, Supplier<FlowLayer> factory, Shape shape,
                                                    boolean unitInterval) {
        boolean permutation = name.equals("squeeze") || name.equals("reverse permutation");
        try (NDManager manager = NDManager.newBaseManager()) {
            FlowLayer layer = factory.get();
            layer.initialize(manager, DataType.FLOAT32, shape);
            randomizeParameters(layer, new Rng(2), 0.3f);
            NDArray x = unitInterval ? new Rng(4).uniform(manager, 0.02f, 0.98f, shape) : new Rng(4).normal(manager, shape);
            double logDet = reportedLogDet(layer, x, manager);
            if (permutation) {
                assertThat(logDet).isZero();
            } else {
                assertThat(Math.abs(logDet)).as(name + " is not trivially volume-preserving").isGreaterThan(1e-3);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theInverseOfA1x1ConvolutionLeavesNothingOnTheParametersManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            InvertibleConv1x1 layer = new InvertibleConv1x1(4, new Rng(3));
            NDManager parameters = manager.newSubManager();
            layer.initialize(parameters, DataType.FLOAT32, new Shape(1, 4, 2, 2));
            int before = parameters.getManagedArrays().size();
            try (NDManager step = manager.newSubManager()) {
                NDArray y = new Rng(4).normal(step, new Shape(2, 4, 2, 2));
                for (int i = 0; i < 3; i++) {
                    layer.inverse(new ParameterStore(step, false), y);
                }
            }
            assertThat(parameters.getManagedArrays()).hasSize(before);
        }
    }

    @org.junit.jupiter.api.Test
    void madeIsAutoregressiveSoTheMafJacobianIsLowerTriangular() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MafLayer layer = new MafLayer(5, List.of(8, 8), ActivationType.RELU);
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
            randomizeParameters(layer, new Rng(2), 0.5f);
            double[] jac = jacobian(layer, new Rng(3).normal(manager, new Shape(1, 5)), manager);
            int below = 0;
            for (int i = 0; i < 5; i++) {
                assertThat(Math.abs(jac[i * 5 + i])).as("dz_%d/dx_%d", i, i).isGreaterThan(0);
                for (int j = 0; j < 5; j++) {
                    if (j > i) {
                        assertThat(jac[i * 5 + j]).as("dz_%d/dx_%d", i, j).isZero();
                    } else if (j < i && jac[i * 5 + j] != 0) {
                        below++;
                    }
                }
            }
            // ReLU units can be inactive at one point, but most lower entries depend on x
            assertThat(below).isGreaterThanOrEqualTo(6);
        }
    }
}
