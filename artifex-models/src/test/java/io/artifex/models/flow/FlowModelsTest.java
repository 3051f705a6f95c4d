package io.artifex.models.flow;

import static io.artifex.models.flow.FlowTestSupport.bruteForceLogDet;
import static io.artifex.models.flow.FlowTestSupport.maxAbsDiff;
import static io.artifex.models.flow.FlowTestSupport.randomizeParameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.ModelRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three flow models: reference network #4, exact round trips, exact log-likelihoods, configs. */
class FlowModelsTest {

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        FlowTestSupport.useOneEngineThread();
    }

    static RealNvpConfig seedRealNvp() {
        return new RealNvpConfig("realnvp", 784, 8, new CouplingNetworkConfig("coupling", List.of(256, 256),
                ActivationType.RELU));
    }

    private static FlowModel create(Object config, NDManager manager) {
        return (FlowModel) ModelRegistry.defaultRegistry().create((io.artifex.core.config.ModelConfig) config,
                manager.newSubManager(), new Rng(0));
    }

    @Test
    void seedConfigBuildsReferenceNetworkFourAndItsBitsPerDimCountBothJacobians() {
        try (NDManager manager = NDManager.newBaseManager(); FlowModel model = create(seedRealNvp(), manager)) {
            assertThat(model).isInstanceOf(RealNvp.class).isInstanceOf(LikelihoodModel.class);
            assertThat(model.parameterCount()).isEqualTo(5_357_824L);
            assertThat(model.isExact()).isTrue();
            // away from the identity it starts as; weights of this size keep float32 round trips within 1e-4
            randomizeParameters(model.network(), new Rng(8), 0.02f);
            try (NDManager scope = manager.newSubManager()) {
                NDArray pixels = new Rng(1).randint(scope, 0, 256, new Shape(3, 1, 28, 28)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                NDArray x = pixels.add(new Rng(2).uniform(scope, 0f, 1f, pixels.getShape())).div(256f);
                NDArray z = model.encode(x, scope);
                assertThat(maxAbsDiff(model.decode(z, scope), x.reshape(3, 784))).isLessThan(1e-4);

                Batch batch = Batch.of(x);
                float[] logProb = model.logProb(batch, scope, new Rng(3)).toFloatArray();
                float[] bpd = model.bitsPerDim(batch, scope, new Rng(3)).toFloatArray();
                // independent reference: log|det J| of the whole flow (logit included) from its
                // Jacobian, taken row by row with autograd and reduced by an LU decomposition in
                // plain Java; one example, as the 784 x 784 Jacobian costs a batch of 784 passes
                float[] zs = z.toFloatArray();
                double logDet = bruteForceLogDet(model.flow(), x.get(0).reshape(1, 784), scope);
                double squares = 0;
                for (int d = 0; d < 784; d++) {
                    squares += zs[d] * (double) zs[d];
                }
                double expected = -0.5 * squares - 392 * Math.log(2 * Math.PI) + logDet;
                assertThat((double) logProb[0]).isCloseTo(expected, within(0.05));
                for (int n = 0; n < 3; n++) {
                    double bits = (-logProb[n] + 784 * Math.log(256)) / (784 * Math.log(2));
                    assertThat((double) bpd[n]).isCloseTo(bits, within(1e-4));
                }
                assertThat(model.generate(4, scope, new Rng(4)).getShape()).isEqualTo(new Shape(4, 784));
                assertThatThrownBy(() -> model.logProb(Batch.of(pixels), scope, new Rng(0)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dequantize")
                        .hasMessageContaining("[0, 1)");
            }
        }
    }

    @Test
    void wholeRealNvpLogDetEqualsTheBruteForceJacobian() {
        CouplingNetworkConfig coupling = CouplingNetworkConfig.builder().name("c").hiddenDims(8).build();
        RealNvpConfig config = new RealNvpConfig("small", 6, 4, coupling, true, 0.05);
        try (NDManager manager = NDManager.newBaseManager(); FlowModel model = create(config, manager)) {
            randomizeParameters(model.network(), new Rng(9), 0.3f);
            checkWholeModel(model, new Rng(5).uniform(manager, 0.02f, 0.98f, new Shape(2, 6)), manager);
        }
    }

    @Test
    void wholeGlowLogDetEqualsTheBruteForceJacobianOnTinyImages() {
        for (List<Integer> hwc : List.of(List.of(4, 4, 1), List.of(4, 4, 2))) {
            GlowConfig config = new GlowConfig("tiny", hwc, 2, 2, 1, 4, true, 0.05);
            try (NDManager manager = NDManager.newBaseManager(); FlowModel model = create(config, manager)) {
                assertThat(model).isInstanceOf(Glow.class);
                randomizeParameters(model.network(), new Rng(9), 0.2f);
                checkWholeModel(model, new Rng(5).uniform(manager, 0.02f, 0.98f,
                        new Shape(2, hwc.get(2), 4, 4)), manager);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray samples = model.generate(3, scope, new Rng(1));
                    assertThat(samples.getShape()).isEqualTo(new Shape(3, hwc.get(2), 4, 4));
                    NDArray again = model.decode(model.encode(samples, scope), scope);
                    assertThat(maxAbsDiff(again, samples)).isLessThan(1e-4);
                }
            }
        }
    }

    @Test
    void wholeMafLogDetEqualsTheBruteForceJacobianAndSamplingInvertsIt() {
        try (NDManager manager = NDManager.newBaseManager();
             FlowModel model = create(new MafConfig("maf", 5, 3, List.of(16, 16)), manager)) {
            assertThat(model).isInstanceOf(Maf.class);
            randomizeParameters(model.network(), new Rng(9), 0.3f);
            checkWholeModel(model, new Rng(5).normal(manager, new Shape(2, 5)), manager);
            try (NDManager scope = manager.newSubManager()) {
                NDArray samples = model.generate(4, scope, new Rng(1));
                NDArray z = model.encode(samples, scope);
                assertThat(maxAbsDiff(model.decode(z, scope), samples)).isLessThan(1e-4);
                // generate(n) is f^-1 of the same standard normal draws that encode recovers
                assertThat(maxAbsDiff(z, new Rng(1).normal(scope, new Shape(4, 5)))).isLessThan(1e-4);
            }
        }
    }

    /** Round trip, and logProb = log N(f(x)) + log |det J_f| with the Jacobian by brute force. */
    private static void checkWholeModel(FlowModel model, NDArray x, NDManager manager) {
        NDArray z = model.encode(x, manager);
        assertThat(maxAbsDiff(model.decode(z, manager), x)).isLessThan(1e-4);
        float[] logProb = model.logProb(Batch.of(x), manager, new Rng(0)).toFloatArray();
        for (int i = 0; i < x.getShape().get(0); i++) {
            NDArray one = x.get(i).expandDims(0);
            double logDet = bruteForceLogDet(model.flow(), one, manager);
            float[] zi = z.get(i).toFloatArray();
            double base = -0.5 * zi.length * Math.log(2 * Math.PI);
            for (float v : zi) {
                base -= 0.5 * v * v;
            }
            assertThat((double) logProb[i]).isCloseTo(base + logDet, within(2e-3 * (1 + Math.abs(logDet))));
        }
    }

    @Test
    void glowDataDependentInitialisationNormalisesTheFirstBatchAndSurvivesSaveAndLoad(@TempDir Path dir) {
        GlowConfig config = new GlowConfig("tiny", List.of(8, 8, 1), 2, 1, 1, 8, true, 0.05);
        try (NDManager manager = NDManager.newBaseManager(); Glow model = (Glow) create(config, manager)) {
            NDArray x = new Rng(1).uniform(manager, 0.1f, 0.4f, new Shape(16, 1, 8, 8));
            ActNorm first = ((MultiScaleFlow) model.flow()).actNorms().get(0);
            assertThat(first.isDataInitialized()).isFalse();
            ParameterStore store = new ParameterStore(manager, false);
            model.initializeActNorms(Batch.of(x), store);
            assertThat(((MultiScaleFlow) model.flow()).actNorms()).allMatch(ActNorm::isDataInitialized);
            NDArray logits = new LogitTransform(0.05).transform(store, x, false).y();
            NDArray normalised = first.transform(store, logits, false).y();
            assertThat(normalised.mean().getFloat()).isCloseTo(0f, within(1e-4f));
            assertThat(normalised.square().mean().getFloat()).isCloseTo(1f, within(1e-3f));

            float[] before = model.logProb(Batch.of(x), manager, new Rng(0)).toFloatArray();
            ModelArchive.save(model, dir);
            try (NDManager other = NDManager.newBaseManager();
                 GenerativeModel loaded = ModelArchive.load(dir, other, 99)) {
                Glow glow = (Glow) loaded;
                glow.initializeActNorms(Batch.of(x.mul(3f)), new ParameterStore(other, false));
                float[] after = glow.logProb(Batch.of(x.toDevice(x.getDevice(), true)), other, new Rng(0)).toFloatArray();
                assertThat(after).containsExactly(before, within(1e-3f));
            }
        }
    }

    @Test
    void configsRejectImpossibleShapesNamingTheField() {
        assertThatThrownBy(() -> ConfigValidator.requireValid(new GlowConfig("g", List.of(28, 28, 1), 3, 2, 16)))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("inputShape")
                .hasMessageContaining("divisible by 8");
        assertThatThrownBy(() -> ConfigValidator.requireValid(new MafConfig("m", 10, 2, List.of(4))))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("hiddenDims[0]");
        assertThat(ConfigValidator.violations(new GlowConfig("g", List.of(28, 28, 1), 2, 4, 64))).isEmpty();
    }
}
