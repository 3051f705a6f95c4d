package io.artifex.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.PhaseObjective;
import io.artifex.core.model.PhaseValidation;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.ToySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The trainer validates the phases active at the last step run, knowing nothing of the model:
 * a regression model whose phase "first" runs at steps [0, 3) without measures of its own and
 * whose phase "second" runs from step 3 with a validation that counts the examples it is fed and
 * reports a fixed loss of 42.
 */
class PhaseValidationTest {

    /**
     * Epoch 0 ends after step 2 ("first" only): validation_loss is the model's loss over the 20
     * validation examples, computed here at that moment, and nothing is named after "second".
     * Epoch 1 ends in the window of "second": validation_loss is its 42, and it was fed all 20
     * examples. Planted bugs caught: the phase picked at the next step (epoch 0 reports 42), the
     * phase's own validation ignored (epoch 1 reports the model loss), a batch left unfed.
     */
    @Test
    void validationFollowsThePhaseWindows() {
        ToySource validation = new ToySource(20, 8, 5);
        List<Double> modelLoss = new ArrayList<>();
        Callback reference = new Callback() {
            @Override
            public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
                double sum = 0;
                int n = 0;
                try (NDManager m = session.model().manager().newSubManager()) {
                    EpochIterator it = validation.epoch(0);
                    while (it.hasNext()) {
                        Batch b = it.next(m);
                        StepContext ctx = StepContext.inference(m, new Rng(0));
                        sum += session.model().loss(b, session.model().forward(b, ctx), ctx).total().getFloat()
                                * b.size();
                        n += b.size();
                    }
                }
                modelLoss.add(sum / n);
            }
        };
        TrainerConfig config = TrainerConfig.builder().epochs(2).batchSize(16).seed(2)
                .optimizer(OptimizerConfig.adam(1e-2)).validateEvery(1).build();
        List<EpochMetrics> epochs;
        try (Staged model = new Staged(new RegressionModel(3))) {
            epochs = new Trainer(config, List.of(reference)).fit(model, new ToySource(48, 16, 1), validation)
                    .epochHistory();
        }
        assertThat(epochs).hasSize(2);
        Map<String, Double> first = epochs.get(0).values();
        assertThat(first.get("validation_loss")).isCloseTo(modelLoss.get(0), within(1e-6)).isNotEqualTo(42.0);
        assertThat(first.keySet()).noneMatch(k -> k.startsWith("validation/"));
        Map<String, Double> second = epochs.get(1).values();
        assertThat(second.get("validation_loss")).isEqualTo(42.0);
        assertThat(second.get("validation/second/loss")).isEqualTo(42.0);
        assertThat(second.get("validation/second/examples")).isEqualTo(20.0);
    }

    /** The regression model with two phases over the same weights: "first" at [0, 3), "second" from 3. */
    private record Staged(RegressionModel inner) implements GenerativeModel {

        @Override
        public List<TrainingPhase> trainingPhases() {
            PhaseObjective plain = (batch, ctx) -> loss(batch, forward(batch, ctx), ctx);
            PhaseObjective measured = new PhaseObjective() {
                @Override
                public LossResult loss(Batch batch, StepContext ctx) {
                    return Staged.this.loss(batch, forward(batch, ctx), ctx);
                }

                @Override
                public Optional<PhaseValidation> newValidation() {
                    return Optional.of(new PhaseValidation() {
                        private int examples;

                        @Override
                        public void add(Batch batch, StepContext context) {
                            examples += batch.size();
                        }

                        @Override
                        public Map<String, Double> result() {
                            return Map.of("loss", 42.0, "examples", (double) examples);
                        }
                    });
                }
            };
            ParameterGroup all = ParameterGroup.of("all", network());
            return List.of(new TrainingPhase("first", all, TrainingPhase.DEFAULT_OPTIMIZER, 1, plain, 0, 3),
                    new TrainingPhase("second", all, TrainingPhase.DEFAULT_OPTIMIZER, 1, measured, 3, Long.MAX_VALUE));
        }

        @Override
        public ModelConfig config() {
            return inner.config();
        }

        @Override
        public Block network() {
            return inner.network();
        }

        @Override
        public NDManager manager() {
            return inner.manager();
        }

        @Override
        public Shape exampleShape() {
            return inner.exampleShape();
        }

        @Override
        public ModelOutputs forward(Batch batch, StepContext context) {
            return inner.forward(batch, context);
        }

        @Override
        public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
            return inner.loss(batch, outputs, context);
        }

        @Override
        public ai.djl.ndarray.NDArray generate(int n, NDManager manager, Rng rng) {
            return inner.generate(n, manager, rng);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
