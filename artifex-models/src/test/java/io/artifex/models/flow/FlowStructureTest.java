package io.artifex.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the three flow models assemble their layers, checked from the outside: which coordinates
 * each coupling leaves unchanged (consecutive couplings must keep complementary halves), the
 * order of MAF's layers and reversals, the multi-scale flow's masks and activation
 * normalisations per scale, seeding, the model-level argument checks and the accessors.
 *
 * <p>Planted bugs this catches: RealNVP couplings that all keep the same half (the parity
 * {@code i % 2} replaced), a logit layer added or dropped against {@code dequantize}, a reversal
 * before MAF's first layer or a missing one between layers, Glow's checkerboard or channel
 * masks not alternating, one coupling step too many or too few per scale, a logit alpha of 0
 * treated as "no logit", a model whose parameters depend on what else drew from the engine's
 * generator (a dropped {@code seedEngine}), a data-dependent initialisation request left on
 * after {@code initializeActNorms}, and boundaries moved by one in the input and sample checks.
 */
class FlowStructureTest {

    @BeforeAll
    static void oneThread() {
        FlowTestSupport.useOneEngineThread();
    }

    private static CouplingNetworkConfig net() {
        return CouplingNetworkConfig.builder().name("c").hiddenDims(8).activation(ActivationType.TANH).build();
    }

    private static RealNvpConfig realNvp(boolean dequantize) {
        return RealNvpConfig.builder().name("r").inputDim(4).numCouplingLayers(3).couplingNetwork(net())
                .dequantize(dequantize).logitAlpha(0.05).build();
    }

    private static MafConfig maf() {
        return MafConfig.builder().name("m").inputDim(3).numLayers(3).hiddenDims(6).build();
    }

    private static GlowConfig glow() {
        return GlowConfig.builder().name("g").inputShape(4, 4, 1).numScales(2).stepsPerScale(1)
                .checkerboardCouplings(1).hiddenChannels(4).dequantize(true).logitAlpha(0.05).build();
    }

    private static List<Class<?>> layerClasses(FlowModel model) {
        List<Class<?>> classes = new ArrayList<>();
        for (FlowLayer layer : ((FlowSequence) model.flow()).layers()) {
            classes.add(layer.getClass());
        }
        return classes;
    }

    /** The coordinates a coupling layer returns unchanged for a random input. */
    private static List<Integer> unchanged(AffineCoupling layer, NDManager m, int seed) {
        NDArray x = new Rng(seed).normal(m, new Shape(1, 4));
        float[] in = x.toFloatArray();
        float[] out = layer.transform(new ParameterStore(m, false), x, false).y().toFloatArray();
        List<Integer> same = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            if (in[d] == out[d]) {
                same.add(d);
            }
        }
        return same;
    }

    @Test
    void realNvpCouplingsKeepComplementaryHalvesAndTheLogitComesFirstOnlyWhenDequantizing() {
        try (FlowModel model = (FlowModel) Models.create(realNvp(true), 0); NDManager m = NDManager.newBaseManager()) {
            assertThat(layerClasses(model)).containsExactly(LogitTransform.class, AffineCoupling.class,
                    AffineCoupling.class, AffineCoupling.class);
            FlowTestSupport.randomizeParameters(model.network(), new Rng(3), 0.5f);
            List<FlowLayer> layers = ((FlowSequence) model.flow()).layers();
            List<Integer> first = unchanged((AffineCoupling) layers.get(1), m, 1);
            List<Integer> second = unchanged((AffineCoupling) layers.get(2), m, 2);
            List<Integer> third = unchanged((AffineCoupling) layers.get(3), m, 3);
            assertThat(first).hasSize(2);
            assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
            assertThat(third).isEqualTo(first);
            assertThat(model.isEightBit()).isTrue();
            assertThat(model.dimension()).isEqualTo(4);
            assertThat(model.dataContract()).hasToString(DataContract.dequantized(new Shape(4)).toString());
        }
        try (FlowModel model = (FlowModel) Models.create(realNvp(false), 0)) {
            assertThat(layerClasses(model)).containsExactly(AffineCoupling.class, AffineCoupling.class, AffineCoupling.class);
            assertThat(model.isEightBit()).isFalse();
            assertThat(model.dataContract()).hasToString(DataContract.real(new Shape(4)).toString());
        }
    }

    @Test
    void mafReversesTheOrderBetweenLayersOnly() {
        try (FlowModel model = (FlowModel) Models.create(maf(), 0)) {
            assertThat(layerClasses(model)).containsExactly(MafLayer.class, ReversePermutation.class, MafLayer.class,
                    ReversePermutation.class, MafLayer.class);
            assertThat(((Maf) model).config().numLayers()).isEqualTo(3);
        }
    }

    /** Same seed, same parameters, even when other code drew from the engine's generator in between. */
    @Test
    void parametersDependOnlyOnTheSeed() {
        for (Object config : new Object[] {realNvp(true), maf(), glow()}) {
            float[] first = parameters((io.artifex.core.config.ModelConfig) config, 5);
            try (NDManager m = NDManager.newBaseManager()) {
                m.randomNormal(new Shape(1000)).toFloatArray();
            }
            float[] second = parameters((io.artifex.core.config.ModelConfig) config, 5);
            assertThat(second).as(config.getClass().getSimpleName()).containsExactly(first);
            assertThat(parameters((io.artifex.core.config.ModelConfig) config, 6)).isNotEqualTo(first);
        }
    }

    private static float[] parameters(io.artifex.core.config.ModelConfig config, long seed) {
        try (FlowModel model = (FlowModel) Models.create(config, seed)) {
            List<Float> values = new ArrayList<>();
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    values.add(v);
                }
            }
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
    }

    private static List<FlowLayer> scaleLayers(MultiScaleFlow flow, int scale) {
        for (Pair<String, Block> child : flow.getChildren()) {
            if (child.getKey().endsWith("scale" + scale)) {
                return ((FlowSequence) child.getValue()).layers();
            }
        }
        throw new AssertionError("no scale " + scale);
    }

    private static List<CouplingMask> masks(List<FlowLayer> layers) {
        List<CouplingMask> masks = new ArrayList<>();
        for (FlowLayer layer : layers) {
            if (layer instanceof ConvCoupling c) {
                masks.add(c.mask());
            }
        }
        return masks;
    }

    @Test
    void multiScaleFlowAlternatesItsMasksAndCountsItsSteps() {
        MultiScaleFlow flow = new MultiScaleFlow(new Shape(2, 4, 4), 2, 3, 3, 4, 0.0, new Rng(1));
        assertThat(flow.getChildren().keys()).anyMatch(k -> k.endsWith("logit"));
        assertThat(flow.actNorms()).hasSize(2 * (3 + 3));
        for (int s = 0; s < 2; s++) {
            List<FlowLayer> layers = scaleLayers(flow, s);
            assertThat(masks(layers)).as("scale %d", s).containsExactly(CouplingMask.CHECKERBOARD_EVEN,
                    CouplingMask.CHECKERBOARD_ODD, CouplingMask.CHECKERBOARD_EVEN, CouplingMask.CHANNEL_FIRST,
                    CouplingMask.CHANNEL_SECOND, CouplingMask.CHANNEL_FIRST);
            assertThat(layers.stream().filter(l -> l instanceof Squeeze).count()).isEqualTo(1);
            assertThat(layers.stream().filter(l -> l instanceof InvertibleConv1x1).count()).isEqualTo(3);
        }
        MultiScaleFlow plain = new MultiScaleFlow(new Shape(1, 2, 2), 1, 1, 1, 4, -1, new Rng(1));
        assertThat(plain.getChildren().keys()).noneMatch(k -> k.endsWith("logit"));
        assertThat(plain.outputShape(new Shape(3, 1, 2, 2))).isEqualTo(new Shape(3, 4));
        assertThat(flow.outputShape(new Shape(5, 2, 4, 4))).isEqualTo(new Shape(5, 32));
    }

    @Test
    void multiScaleFlowRefusesImagesItCannotSqueezeAndBatchesOfAnotherShape() {
        Rng rng = new Rng(0);
        assertThatThrownBy(() -> new MultiScaleFlow(new Shape(1, 4, 4), 0, 1, 1, 4, -1, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisible by 2^0");
        assertThatThrownBy(() -> new MultiScaleFlow(new Shape(1, 6, 8), 2, 1, 1, 4, -1, rng)).hasMessageContaining("2^2");
        assertThatThrownBy(() -> new MultiScaleFlow(new Shape(1, 8, 6), 2, 1, 1, 4, -1, rng)).hasMessageContaining("2^2");
        assertThatThrownBy(() -> new MultiScaleFlow(new Shape(4, 4), 1, 1, 1, 4, -1, rng)).hasMessageContaining("(C, H, W)");
        MultiScaleFlow flow = new MultiScaleFlow(new Shape(1, 2, 2), 1, 1, 1, 4, -1, rng);
        try (NDManager m = NDManager.newBaseManager()) {
            flow.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            ParameterStore store = new ParameterStore(m, false);
            assertThatThrownBy(() -> flow.transform(store, m.zeros(new Shape(1, 1, 2, 4)), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects (N, 1, 2, 2)");
            assertThatThrownBy(() -> flow.transform(store, m.zeros(new Shape(1, 4)), false))
                    .hasMessageContaining("expects (N, 1, 2, 2)");
        }
    }

    /**
     * After {@code initializeActNorms} no later transform re-initialises a layer, even one whose
     * saved flag says it is not initialised (as after loading weights that predate the flag).
     */
    @Test
    void dataDependentInitialisationIsOffAgainAfterItRan() {
        MultiScaleFlow flow = new MultiScaleFlow(new Shape(1, 4, 4), 2, 1, 1, 4, -1, new Rng(2));
        try (NDManager m = NDManager.newBaseManager()) {
            flow.initialize(m, DataType.FLOAT32, new Shape(1, 1, 4, 4));
            ParameterStore store = new ParameterStore(m, false);
            flow.initializeActNorms(store, new Rng(3).normal(m, new Shape(8, 1, 4, 4)).mul(2f).add(1f));
            assertThat(flow.actNorms()).allMatch(ActNorm::isDataInitialized);
            List<float[]> before = new ArrayList<>();
            for (ActNorm a : flow.actNorms()) {
                for (Pair<String, Parameter> p : a.getParameters()) {
                    if (p.getKey().endsWith("dataInitialized")) {
                        p.getValue().getArray().set(new NDIndex("..."), 0f);
                    } else {
                        before.add(p.getValue().getArray().toFloatArray());
                    }
                }
            }
            flow.transform(store, new Rng(4).normal(m, new Shape(8, 1, 4, 4)).mul(0.5f), false);
            int i = 0;
            for (ActNorm a : flow.actNorms()) {
                assertThat(a.isDataInitialized()).isFalse();
                for (Pair<String, Parameter> p : a.getParameters()) {
                    if (!p.getKey().endsWith("dataInitialized")) {
                        assertThat(p.getValue().getArray().toFloatArray()).containsExactly(before.get(i++));
                    }
                }
            }
        }
    }

    @Test
    void modelChecksAcceptTheEdgesOfTheUnitIntervalAndTheSmallestSampleCount() {
        try (FlowModel model = (FlowModel) Models.create(realNvp(true), 0); NDManager m = NDManager.newBaseManager()) {
            NDArray edges = m.create(new float[] {0f, 1f, 0.5f, 0.25f}, new Shape(1, 4));
            assertThat(model.logProb(Batch.of(edges), m, new Rng(0)).getShape()).isEqualTo(new Shape(1));
            assertThatThrownBy(() -> model.logProb(Batch.of(m.create(new float[] {-1e-3f, 0.5f, 0.5f, 0.5f},
                    new Shape(1, 4))), m, new Rng(0))).hasMessageContaining("[-0.001, 0.5]");
            assertThatThrownBy(() -> model.logProb(Batch.of(m.create(new float[] {0.5f, 1.001f, 0.5f, 0.5f},
                    new Shape(1, 4))), m, new Rng(0))).hasMessageContaining("[0.5, 1.001]");
            assertThat(model.generate(1, m, new Rng(1)).getShape()).isEqualTo(new Shape(1, 4));
            assertThat(model.generate(1, 1e-6, m, new Rng(1)).getShape()).isEqualTo(new Shape(1, 4));
            assertThatThrownBy(() -> model.generate(0, m, new Rng(1))).hasMessageContaining("positive, got 0");
            assertThatThrownBy(() -> model.generate(2, 0.0, m, new Rng(1))).hasMessageContaining("temperature");
        }
    }

    /** Glow's training phase runs the data-dependent initialisation in prepare, then the usual loss. */
    @Test
    void glowTrainingPhaseInitialisesActNormsBeforeTheLoss() {
        try (Glow model = (Glow) Models.create(glow(), 0); NDManager m = NDManager.newBaseManager()) {
            MultiScaleFlow flow = (MultiScaleFlow) model.flow();
            assertThat(flow.actNorms()).noneMatch(ActNorm::isDataInitialized);
            var phases = model.trainingPhases();
            assertThat(phases).hasSize(1);
            var ctx = new io.artifex.core.model.StepContext(m, new ParameterStore(m, false), new Rng(1), true, 0);
            Batch batch = Batch.of(new Rng(2).uniform(m, 0.05f, 0.95f, new Shape(4, 1, 4, 4)));
            Batch prepared = phases.get(0).objective().prepare(batch, ctx);
            assertThat(prepared).isSameAs(batch);
            assertThat(flow.actNorms()).allMatch(ActNorm::isDataInitialized);
            var loss = phases.get(0).objective().loss(prepared, ctx);
            float[] logProb = model.logProb(batch, m, new Rng(1)).toFloatArray();
            double nll = 0;
            for (float v : logProb) {
                nll -= v / logProb.length;
            }
            assertThat((double) loss.total().getFloat()).isCloseTo(nll, org.assertj.core.api.Assertions.within(1e-4 * (1 + Math.abs(nll))));
        }
    }
}
