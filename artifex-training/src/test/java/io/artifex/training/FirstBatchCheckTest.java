package io.artifex.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.DataContractException;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.ToySource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer refuses data that break the model's contract before any optimizer step: the
 * weights stay exactly as they were and no callback runs.
 */
class FirstBatchCheckTest {

    private static final TrainerConfig CONFIG = TrainerConfig.of(2, 16, 5L, OptimizerConfig.of(OptimizerType.ADAM, 0.05));

    /** The regression fixture (rows of 5 values, standard normal inputs) with a declared contract. */
    private static final class Declaring implements GenerativeModel {
        private final RegressionModel inner = new RegressionModel(1);
        private final DataContract contract;

        Declaring(DataContract contract) {
            this.contract = contract;
        }

        @Override
        public DataContract dataContract() {
            return contract;
        }

        @Override
        public ModelConfig config() {
            return inner.config();
        }

        @Override
        public NDManager manager() {
            return inner.manager();
        }

        @Override
        public ai.djl.ndarray.types.Shape exampleShape() {
            return inner.exampleShape();
        }

        @Override
        public Block network() {
            return inner.network();
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
        public NDArray generate(int n, NDManager manager, Rng rng) {
            return inner.generate(n, manager, rng);
        }

        @Override
        public void close() {
            inner.close();
        }

        float[] weights() {
            return network().getParameters().get("weight").getArray().toFloatArray();
        }
    }

    /** One batch of {@code rows x width} zeros. */
    private static BatchSource zeros(int rows, int width) {
        return new BatchSource() {
            @Override
            public int size() {
                return rows;
            }

            @Override
            public int batchSize() {
                return rows;
            }

            @Override
            public int batchesPerEpoch() {
                return 1;
            }

            @Override
            public Shape exampleShape() {
                return new Shape(width);
            }

            @Override
            public EpochIterator epoch(long epoch) {
                return new EpochIterator() {
                    private boolean done;

                    @Override
                    public boolean hasNext() {
                        return !done;
                    }

                    @Override
                    public Batch next(NDManager manager) {
                        done = true;
                        return Batch.of(manager.zeros(new Shape(rows, width)));
                    }
                };
            }
        };
    }

    private static Callback counting(AtomicInteger starts) {
        return new Callback() {
            @Override
            public void onTrainStart(TrainingSession session) {
                starts.incrementAndGet();
            }
        };
    }

    @Test
    void outOfRangeTrainingDataIsRefusedBeforeTheFirstStepWithTheWeightsUnchanged() {
        try (Declaring model = new Declaring(DataContract.bounded(-1, 1, new Shape(5)))) {
            float[] before = model.weights();
            AtomicInteger starts = new AtomicInteger();
            assertThatThrownBy(() -> new Trainer(CONFIG, List.of(counting(starts)))
                    .fit(model, new ToySource(64, 16, 9), null))
                    .isInstanceOf(DataContractException.class)
                    .hasMessageContaining("Declaring 'regression' expects values in [-1, 1]")
                    .hasMessageContaining("the first training batch has values in [")
                    .hasMessageContaining("outside [-1, 1]");
            assertThat(model.weights()).containsExactly(before);
            assertThat(starts).hasValue(0);
        }
    }

    @Test
    void wrongShapeIsRefusedAndTheMessageNamesBothShapes() {
        try (Declaring model = new Declaring(DataContract.real(new Shape(4)))) {
            float[] before = model.weights();
            assertThatThrownBy(() -> new Trainer(CONFIG, List.of()).fit(model, new ToySource(64, 16, 9), null))
                    .isInstanceOf(DataContractException.class)
                    .hasMessageContaining("examples of shape (4)")
                    .hasMessageContaining("has shape (16, 5) (5 values per example, not 4)");
            assertThat(model.weights()).containsExactly(before);
        }
    }

    @Test
    void aBadFirstValidationBatchIsRefusedBeforeTrainingToo() {
        try (Declaring model = new Declaring(DataContract.real(new Shape(5)))) {
            float[] before = model.weights();
            assertThatThrownBy(() -> new Trainer(CONFIG, List.of()).fit(model, new ToySource(64, 16, 9), zeros(8, 6)))
                    .isInstanceOf(DataContractException.class)
                    .hasMessageContaining("the first validation batch has shape (8, 6)");
            assertThat(model.weights()).containsExactly(before);
        }
    }

    @Test
    void resumeChecksTheDataBeforeReadingTheCheckpoint(@TempDir Path dir) {
        try (Declaring model = new Declaring(DataContract.real(new Shape(4)))) {
            assertThatThrownBy(() -> new Trainer(CONFIG, List.of())
                    .resume(dir.resolve("no-checkpoint"), model, new ToySource(64, 16, 9), null))
                    .isInstanceOf(DataContractException.class)
                    .hasMessageContaining("the first training batch");
        }
    }

    @Test
    void matchingDataTrainsAsBefore() {
        try (Declaring model = new Declaring(DataContract.real(new Shape(5)))) {
            float[] before = model.weights();
            TrainingResult r = new Trainer(CONFIG, List.of()).fit(model, new ToySource(64, 16, 9), zeros(8, 5));
            assertThat(r.steps()).isEqualTo(8);
            assertThat(model.weights()).isNotEqualTo(before);
        }
    }
}
