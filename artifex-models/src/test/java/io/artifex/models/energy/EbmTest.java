package io.artifex.models.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EbmTest {

    /** The seed's example: benchmark network 5. */
    static EbmConfig seedConfig() {
        return new EbmConfig("ebm", 784, new EnergyNetworkConfig("energy", List.of(256, 256), ActivationType.fromId("swish")),
                new McmcConfig("mcmc", 60, 0.01), new SampleBufferConfig("buffer", 10_000));
    }

    static EbmConfig tiny(int inputDim, int capacity, double reinit, int steps) {
        return new EbmConfig("tiny", inputDim, new EnergyNetworkConfig("e", List.of(4, 5), ActivationType.SILU),
                McmcConfig.builder().name("m").nSteps(steps).stepSize(0.05).noiseScale(0.01).gradClip(0.0)
                        .domainMin(-2.0).domainMax(2.0).build(),
                new SampleBufferConfig("b", capacity, reinit), 0.1);
    }

    @Test
    void seedConfigBuildsReferenceNetworkFiveWithAFrozenBufferThatIsNotCounted() {
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(seedConfig(), manager.newSubManager(), new Rng(0))) {
            assertThat(model).isInstanceOf(Ebm.class);
            assertThat(model.parameterCount()).isEqualTo(267_009L);
            List<Shape> shapes = new ArrayList<>();
            Parameter buffer = null;
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                if (p.getKey().endsWith(EbmNetwork.BUFFER)) {
                    buffer = p.getValue();
                } else {
                    shapes.add(p.getValue().getArray().getShape());
                }
            }
            assertThat(shapes).containsExactly(new Shape(256, 784), new Shape(256), new Shape(256, 256), new Shape(256),
                    new Shape(1, 256), new Shape(1));
            assertThat(buffer).isNotNull();
            assertThat(buffer.getType()).isEqualTo(Parameter.Type.OTHER);
            assertThat(buffer.requiresGradient()).isFalse();
            NDArray stored = buffer.getArray();
            assertThat(stored.getShape()).isEqualTo(new Shape(10_000, 784));
            assertThat(stored.min().getFloat()).isGreaterThanOrEqualTo(-1f);
            assertThat(stored.max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(stored.mean().getFloat()).isCloseTo(0f, within(0.01f));
            try (NDManager scope = manager.newSubManager()) {
                NDArray samples = model.generate(3, scope, new Rng(1));
                assertThat(samples.getShape()).isEqualTo(new Shape(3, 784));
                assertThat(samples.abs().max().getFloat()).isLessThanOrEqualTo(1f);
            }
        }
    }

    @Test
    void denseEnergyIsTheMlpComputedByHandAndLogDensityIsItsNegative() {
        try (NDManager manager = NDManager.newBaseManager();
             Ebm model = (Ebm) new EbmFamily().create(tiny(3, 8, 0.05, 2), manager.newSubManager(), new Rng(4))) {
            assertThat(model.parameterCount()).isEqualTo(3 * 4 + 4 + 4 * 5 + 5 + 5 + 1);
            List<float[]> w = new ArrayList<>();
            for (Parameter p : model.energyNetwork().getParameters().values()) {
                w.add(p.getArray().toFloatArray());
            }
            float[] x = {0.3f, -1.2f, 0.7f, 1.5f, 0.1f, -0.4f};
            NDArray input = manager.create(x, new Shape(2, 3));
            float[] energy = model.energy(input).toFloatArray();
            float[] logDensity = model.unnormalizedLogDensity(input).toFloatArray();
            for (int n = 0; n < 2; n++) {
                double[] h1 = dense(w.get(0), w.get(1), new double[] {x[3 * n], x[3 * n + 1], x[3 * n + 2]}, 4, true);
                double[] h2 = dense(w.get(2), w.get(3), h1, 5, true);
                double e = dense(w.get(4), w.get(5), h2, 1, false)[0];
                assertThat((double) energy[n]).isCloseTo(e, within(1e-5));
                assertThat(logDensity[n]).isEqualTo(-energy[n]);
            }
            assertThatThrownBy(() -> model.energy(manager.zeros(new Shape(2, 4)))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(N, 3)");
        }
    }

    private static double[] dense(float[] weight, float[] bias, double[] in, int out, boolean silu) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = bias[o];
            for (int i = 0; i < in.length; i++) {
                s += weight[o * in.length + i] * in[i];
            }
            y[o] = silu ? s / (1 + Math.exp(-s)) : s;
        }
        return y;
    }

    @Test
    void convolutionalEnergyNetworkReadsImages() {
        EbmConfig config = new EbmConfig("conv", 784,
                new EnergyNetworkConfig("e", List.of(8, 16), ActivationType.SILU, EnergyNetworkType.CONV),
                new McmcConfig("m", 3, 0.01), new SampleBufferConfig("b", 32), 0.1);
        try (NDManager manager = NDManager.newBaseManager();
             Ebm model = (Ebm) new EbmFamily().create(config, manager.newSubManager(), new Rng(0))) {
            assertThat(model.exampleShape()).isEqualTo(new Shape(1, 28, 28));
            // conv 1->8 (3x3), 8->16 (3x3), 28 -> 14 -> 7, Lin(16*7*7 -> 16), Lin(16 -> 1)
            assertThat(model.parameterCount()).isEqualTo(8 * 9 + 8 + 16 * 8 * 9 + 16 + 784 * 16 + 16 + 16 + 1);
            NDArray flat = new Rng(1).uniform(manager, -1f, 1f, new Shape(3, 784));
            float[] fromFlat = model.energy(flat).toFloatArray();
            assertThat(model.energy(flat.reshape(3, 1, 28, 28)).toFloatArray()).containsExactly(fromFlat);
            NDArray samples = model.generate(2, manager, new Rng(2), true);
            assertThat(samples.getShape()).isEqualTo(new Shape(2, 1, 28, 28));
            assertThat(model.replayBuffer().contents(manager).getShape()).isEqualTo(new Shape(32, 1, 28, 28));
        }
        assertThat(EbmFamily.imageShape(3 * 32 * 32)).isEqualTo(new Shape(3, 32, 32));
        assertThatThrownBy(() -> EbmFamily.imageShape(10)).hasMessageContaining("inputDim");
    }

    @Test
    void samplingLeavesParametersUntouchedWithoutGradientsAndRefusesAnOpenCollector() {
        try (NDManager manager = NDManager.newBaseManager();
             Ebm model = (Ebm) new EbmFamily().create(tiny(2, 16, 0.05, 5), manager.newSubManager(), new Rng(0))) {
            List<Parameter> weights = new ArrayList<>(model.energyNetwork().getParameters().values());
            List<float[]> before = new ArrayList<>();
            // give every weight a defined zero gradient, as the trainer does
            try (NDManager scope = manager.newSubManager(); GradientCollector c = manager.getEngine().newGradientCollector()) {
                NDArray total = scope.zeros(new Shape());
                for (Parameter p : weights) {
                    before.add(p.getArray().toFloatArray());
                    total = total.add(p.getArray().sum().mul(0f));
                }
                c.backward(total);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray start = new Rng(1).uniform(scope, -2f, 2f, new Shape(16, 2));
                ChainResult r = model.runChain(start, new Rng(2));
                assertThat(r.samples().getShape()).isEqualTo(new Shape(16, 2));
                assertThat(r.samples().sub(start).abs().max().getFloat()).isGreaterThan(0f);
                // the energy's gradient w.r.t. its input is not zero, so unfrozen weights would have gathered some
                assertThat(InputGradientsProbe.inputGradientNorm(model, start)).isGreaterThan(0.0);
            }
            for (int i = 0; i < weights.size(); i++) {
                Parameter p = weights.get(i);
                assertThat(p.requiresGradient()).as(p.getName() + " unfrozen again").isTrue();
                assertThat(p.getArray().toFloatArray()).containsExactly(before.get(i));
                assertThat(p.getArray().getGradient().abs().sum().getFloat()).as(p.getName() + " gradient").isZero();
            }
            try (NDManager scope = manager.newSubManager(); GradientCollector ignored = manager.getEngine().newGradientCollector()) {
                NDArray start = scope.zeros(new Shape(2, 2));
                assertThatThrownBy(() -> model.runChain(start, new Rng(3))).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("already open");
            }
            assertThat(weights.stream().allMatch(Parameter::requiresGradient)).isTrue();
        }
    }

    /**
     * The regularisation weight alpha scales only the regulariser: for energies (1, 2) real and
     * (3, -1) fake the mean squared energies sum to 2.5 + 5 = 7.5, so the total is
     * 0.5 + 7.5 alpha for every alpha (catches alpha dropped, squared, or applied to the
     * contrastive term).
     */
    @Test
    void changingAlphaMovesTheLossByTheChangeTimesTheMeanSquaredEnergies() {
        for (double alpha : new double[] {0.0, 0.1, 2.0}) {
            EbmConfig config = tiny(2, 16, 0.05, 2).toBuilder().alpha(alpha).build();
            try (NDManager manager = NDManager.newBaseManager();
                 Ebm model = (Ebm) new EbmFamily().create(config, manager.newSubManager(), new Rng(0))) {
                LossResult r = model.contrastiveLoss(manager.create(new float[] {1f, 2f}),
                        manager.create(new float[] {3f, -1f}));
                assertThat((double) r.total().getFloat()).as("alpha %s", alpha).isCloseTo(0.5 + 7.5 * alpha, within(1e-5));
                assertThat((double) r.terms().get("contrastive").getFloat()).isCloseTo(0.5, within(1e-6));
            }
        }
    }

    @Test
    void lossIsContrastivePlusAlphaTimesMeanSquaredEnergies() {
        try (NDManager manager = NDManager.newBaseManager();
             Ebm model = (Ebm) new EbmFamily().create(tiny(2, 16, 0.05, 2), manager.newSubManager(), new Rng(0))) {
            LossResult r = model.contrastiveLoss(manager.create(new float[] {1f, 2f}), manager.create(new float[] {3f, -1f}));
            // (1.5 - 1) + 0.1 * ((1 + 4) / 2 + (9 + 1) / 2)
            assertThat(r.total().getFloat()).isCloseTo(1.25f, within(1e-6f));
            assertThat(r.terms().get("contrastive").getFloat()).isCloseTo(0.5f, within(1e-6f));
            assertThat(r.terms().get("regularizer").getFloat()).isCloseTo(0.75f, within(1e-6f));
            NDArray x = new Rng(1).uniform(manager, -2f, 2f, new Shape(5, 2));
            StepContext ctx = StepContext.inference(manager, new Rng(2));
            var out = model.forward(Batch.of(x), ctx);
            assertThat(out.get("energyReal").toFloatArray()).containsExactly(model.energy(x).toFloatArray());
            assertThat(out.get("energyFake").toFloatArray()).containsExactly(model.energy(out.get("negatives")).toFloatArray());
        }
    }

    @Test
    void trainingPhasePreparesChainsWithoutTouchingTheBufferAndWritesThemBackAfterTheUpdate() {
        try (NDManager manager = NDManager.newBaseManager();
             Ebm model = (Ebm) new EbmFamily().create(tiny(2, 8, 0.0, 3), manager.newSubManager(), new Rng(0))) {
            var phases = model.trainingPhases();
            assertThat(phases).hasSize(1);
            assertThat(phases.get(0).parameters().parameters()).hasSize(6);
            float[] before = model.replayBuffer().contents(manager).toFloatArray();
            try (NDManager step = manager.newSubManager()) {
                StepContext ctx = new StepContext(step, new ParameterStore(step, false), new Rng(5), true, 0);
                Batch batch = Batch.of(new Rng(1).uniform(step, -1f, 1f, new Shape(3, 2)));
                Batch prepared = phases.get(0).objective().prepare(batch, ctx);
                assertThat(model.replayBuffer().contents(step).toFloatArray()).containsExactly(before);
                LossResult loss = phases.get(0).objective().loss(prepared, ctx);
                assertThat(loss.terms()).containsKeys("contrastive", "regularizer", "energyReal", "energyFake");
                phases.get(0).objective().afterUpdate(prepared, ctx);
            }
            float[] after = model.replayBuffer().contents(manager).toFloatArray();
            int changed = 0;
            for (int row = 0; row < 8; row++) {
                boolean same = after[2 * row] == before[2 * row] && after[2 * row + 1] == before[2 * row + 1];
                changed += same ? 0 : 1;
            }
            assertThat(changed).as("rows written back").isEqualTo(3);
        }
    }

    @Test
    void bufferDrawsDistinctSlotsAndRestartsFromNoiseWithTheReinitProbability() {
        try (NDManager manager = NDManager.newBaseManager();
             Ebm keep = (Ebm) new EbmFamily().create(tiny(2, 400, 0.0, 1), manager.newSubManager(), new Rng(0));
             Ebm fresh = (Ebm) new EbmFamily().create(tiny(2, 400, 1.0, 1), manager.newSubManager(), new Rng(0));
             Ebm mixed = (Ebm) new EbmFamily().create(tiny(2, 400, 0.25, 1), manager.newSubManager(), new Rng(0))) {
            int[] fromBuffer = new int[3];
            Ebm[] models = {keep, fresh, mixed};
            for (int k = 0; k < 3; k++) {
                ReplayBuffer.Draw d = models[k].replayBuffer().draw(400, manager, new Rng(9));
                long[] slots = d.slots().toLongArray();
                assertThat(java.util.Arrays.stream(slots).distinct().count()).isEqualTo(400);
                float[] all = models[k].replayBuffer().contents(manager).toFloatArray();
                float[] starts = d.starts().toFloatArray();
                for (int i = 0; i < 400; i++) {
                    int s = (int) slots[i];
                    fromBuffer[k] += starts[2 * i] == all[2 * s] && starts[2 * i + 1] == all[2 * s + 1] ? 1 : 0;
                }
                assertThat(d.starts().abs().max().getFloat()).isLessThanOrEqualTo(2f);
            }
            assertThat(fromBuffer[0]).isEqualTo(400);
            assertThat(fromBuffer[1]).isZero();
            assertThat(fromBuffer[2] / 400.0).isCloseTo(0.75, within(0.07));
            assertThatThrownBy(() -> keep.replayBuffer().draw(401, manager, new Rng(1))).hasMessageContaining("capacity");
        }
    }
}
