package io.artifex.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.Batch;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.TinyGan;
import io.artifex.training.fixtures.ToySource;
import io.artifex.training.optim.Adam;
import io.artifex.training.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {

    static TrainerConfig ganConfig(int epochs) {
        return TrainerConfig.builder().epochs(epochs).batchSize(16).seed(3)
                .optimizer(OptimizerConfig.of(OptimizerType.SGD, 0.01))
                .optimizer("generator", OptimizerConfig.adam(0.01, 0.5, 0.999))
                .optimizer("discriminator", OptimizerConfig.adam(0.02, 0.5, 0.999))
                .emaDecay(0.9).validateEvery(1).build();
    }

    @Test
    void onePhaseRegressionConvergesAndReportsHistory() {
        try (RegressionModel model = new RegressionModel(1)) {
            TrainerConfig config = TrainerConfig.of(30, 16, 5L, OptimizerConfig.of(OptimizerType.ADAM, 0.05));
            TrainingResult r = new Trainer(config, List.of()).fit(model, new ToySource(64, 16, 9), new ToySource(32, 16, 10));
            assertThat(r.steps()).isEqualTo(120);
            assertThat(r.stepHistory()).hasSize(120);
            assertThat(r.epochHistory()).hasSize(30);
            StepMetrics first = r.stepHistory().get(0);
            assertThat(first.values()).containsKeys("loss", "main/loss", "main/mse", "lr/default");
            double lastValidation = r.epochHistory().get(29).values().get("validation_loss");
            assertThat(r.epochHistory().get(0).values().get("validation_loss")).isGreaterThan(1.0);
            assertThat(lastValidation).isLessThan(0.01);
            float[] w = model.network().getParameters().get("weight").getArray().toFloatArray();
            assertThat(w[1]).isBetween(-2.1f, -1.9f);
        }
    }

    @Test
    void twoPhaseGanUpdatesOnlyEachPhasesGroupAndFrozenGradientsStayZero() {
        try (TinyGan gan = new TinyGan(2); NDManager m = NDManager.newBaseManager()) {
            List<Parameter> all = new ArrayList<>();
            gan.network().getParameters().forEach(p -> all.add(p.getValue()));
            PhaseExecutor executor = new PhaseExecutor(all);
            executor.primeGradients(m);
            List<TrainingPhase> phases = gan.trainingPhases();
            Batch batch = new ToySource(16, 16, 1).epoch(0).next(m);
            StepContext ctx = new StepContext(m, new ParameterStore(m, false), new Rng(1), true, 0);
            for (TrainingPhase phase : phases) {
                List<Parameter> mine = phase.parameters().parameters();
                List<Parameter> others = all.stream().filter(p -> !phase.parameters().contains(p)).toList();
                // gradients: only the phase's group gets any
                executor.computeGradients(phase, phase.objective().prepare(batch, ctx), ctx);
                for (Parameter p : others) {
                    try (NDArray g = p.getArray().getGradient()) {
                        assertThat(g.abs().sum().getFloat()).as("frozen " + p.getName()).isZero();
                    }
                }
                assertThat(mine.stream().mapToDouble(p -> {
                    try (NDArray g = p.getArray().getGradient()) {
                        return g.abs().sum().getFloat();
                    }
                }).sum()).isGreaterThan(0);
                assertThat(others).allMatch(Parameter::requiresGradient); // unfrozen again
                executor.zeroAll();
                // a full run changes only the phase's group
                List<float[]> before = all.stream().map(p -> p.getArray().toFloatArray()).toList();
                try (Optimizer opt = new Adam(0.5, 0.999, 1e-8, 0)) {
                    executor.run(phase, batch, ctx, opt, 0.1f, 0);
                }
                for (int i = 0; i < all.size(); i++) {
                    float[] now = all.get(i).getArray().toFloatArray();
                    if (phase.parameters().contains(all.get(i))) {
                        assertThat(now).as(phase.name() + " updates " + all.get(i).getName()).isNotEqualTo(before.get(i));
                    } else {
                        assertThat(now).as(phase.name() + " leaves " + all.get(i).getName()).containsExactly(before.get(i));
                    }
                }
            }
        }
    }

    @Test
    void ganTrainsWithBothOptimizerKeysAndEma() {
        try (TinyGan gan = new TinyGan(4)) {
            TrainingResult r = new Trainer(ganConfig(3), List.of()).fit(gan, new ToySource(64, 16, 1), null);
            assertThat(r.stepHistory()).hasSize(12);
            assertThat(r.stepHistory().get(0).values()).containsKeys("discriminator/loss", "discriminator/real",
                    "discriminator/fake", "generator/loss", "lr/generator", "lr/discriminator");
            assertThat(r.stepHistory().get(0).values().get("lr/discriminator")).isEqualTo(0.02, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(r.stepHistory()).allMatch(s -> Double.isFinite(s.values().get("generator/loss")));
        }
    }

    @Test
    void badArgumentsAreRejectedClearly() {
        TrainerConfig noDefault = TrainerConfig.builder().epochs(1).batchSize(16)
                .optimizer("generator", OptimizerConfig.adam(1e-3)).build();
        assertThatThrownBy(() -> new Trainer(noDefault, List.of()))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("\"default\"");
        try (RegressionModel model = new RegressionModel(1)) {
            Trainer t = new Trainer(TrainerConfig.of(1, 32, 0, OptimizerConfig.of(OptimizerType.SGD, 0.1)), List.of());
            assertThatThrownBy(() -> t.fit(model, new ToySource(64, 16, 1), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size 16");
        }
    }

    @Test
    void liveArrayCountDoesNotGrowOverTwoThousandSteps() {
        try (TinyGan gan = new TinyGan(3)) {
            NDManager parameterManager = gan.network().getParameters().get(0).getValue().getArray().getManager();
            long[] counts = new long[2];
            io.artifex.training.callbacks.Callback counter = new io.artifex.training.callbacks.Callback() {
                @Override
                public void onStepEnd(TrainingSession s, StepMetrics m) {
                    if (s.step() == 100) {
                        counts[0] = parameterManager.getManagedArrays().size();
                    } else if (s.step() == 2000) {
                        counts[1] = parameterManager.getManagedArrays().size();
                    }
                }
            };
            // the GAN: three phase runs per step, two optimizers, EMA, validation every 100 epochs
            TrainerConfig config = ganConfig(1000).toBuilder().maxSteps(2000).validateEvery(100).build();
            new Trainer(config, List.of(counter)).fit(gan, new ToySource(32, 16, 1), new ToySource(16, 16, 2));
            assertThat(counts[0]).isPositive();
            assertThat(counts[1]).isEqualTo(counts[0]);
        }
    }

    static List<Double> losses(TrainingResult r) {
        return r.stepHistory().stream().map(StepMetrics::loss).toList();
    }

    static Map<String, float[]> weights(Iterable<Pair<String, Parameter>> params) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        params.forEach(p -> out.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        return out;
    }
}
