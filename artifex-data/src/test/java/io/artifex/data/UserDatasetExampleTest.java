package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How to plug in your own data: implement {@link BatchSource} (here directly, with no help from
 * this module) and hand it to the {@link Trainer}. The data are points {@code (x, 3x + 1)} on a
 * grid; a one-weight model fits the line, which it can only do if the batches arrive as promised.
 */
class UserDatasetExampleTest {

    /** A user's data set: {@code size} pairs (x, 3x + 1), x evenly spaced in [-1, 1], shuffled per epoch. */
    static final class LinePairs implements BatchSource {
        private final int size;
        private final int batchSize;
        private final long seed;

        LinePairs(int size, int batchSize, long seed) {
            this.size = size;
            this.batchSize = batchSize;
            this.seed = seed;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int batchSize() {
            return batchSize;
        }

        @Override
        public int batchesPerEpoch() {
            return (size + batchSize - 1) / batchSize;
        }

        @Override
        public Shape exampleShape() {
            return new Shape(2);
        }

        @Override
        public EpochIterator epoch(long epoch) {
            int[] order = EpochOrder.permutation(size, seed, epoch); // depends only on (seed, epoch)
            return new EpochIterator() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < batchesPerEpoch();
                }

                @Override
                public Batch next(NDManager manager) {
                    int from = next++ * batchSize;
                    int n = Math.min(batchSize, size - from);
                    float[] xy = new float[2 * n];
                    for (int i = 0; i < n; i++) {
                        float x = -1f + 2f * order[from + i] / (size - 1);
                        xy[2 * i] = x;
                        xy[2 * i + 1] = 3f * x + 1f;
                    }
                    return Batch.of(manager.create(xy, new Shape(n, 2))); // on the caller's manager
                }
            };
        }
    }

    record LineConfig(String name) implements ModelConfig {
    }

    /** Least squares of y on x with one Linear unit; examples are (x, y) pairs. */
    static final class LineModel extends AbstractGenerativeModel<LineConfig> {
        private final Linear linear;

        LineModel() {
            this(NDManager.newBaseManager(), Linear.builder().setUnits(1).build());
        }

        private LineModel(NDManager manager, Linear linear) {
            super(new LineConfig("line"), linear, manager, new Shape(2));
            this.linear = linear;
            Engine.getInstance().setRandomSeed(7);
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        }

        @Override
        public ModelOutputs forward(Batch batch, StepContext ctx) {
            NDArray x = batch.x().get(new NDIndex(":, 0:1"));
            return ModelOutputs.of(Map.of("y", linear.forward(ctx.parameterStore(), new NDList(x), ctx.training())
                    .singletonOrThrow()));
        }

        @Override
        public LossResult loss(Batch batch, ModelOutputs outputs, StepContext ctx) {
            return LossResult.of(outputs.get("y").sub(batch.x().get(new NDIndex(":, 1:2"))).square().mean());
        }

        @Override
        public NDArray generate(int n, NDManager m, Rng rng) {
            NDArray x = rng.uniform(m, -1f, 1f, new Shape(n, 1));
            NDArray y = linear.forward(new ai.djl.training.ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            return x.concat(y, 1);
        }
    }

    @Test
    void aCustomBatchSourceTrainsThroughTheGenericTrainer() {
        try (LineModel model = new LineModel()) {
            TrainerConfig config = TrainerConfig.of(40, 16, 1L, OptimizerConfig.of(OptimizerType.ADAM, 0.1));
            TrainingResult r = new Trainer(config, List.of()).fit(model, new LinePairs(64, 16, 3), new LinePairs(32, 16, 4));
            assertThat(r.steps()).isEqualTo(40 * 4);
            assertThat(r.epochHistory().get(39).values().get("validation_loss")).isLessThan(1e-3);
            float w = model.network().getParameters().get("weight").getArray().getFloat();
            float b = model.network().getParameters().get("bias").getArray().getFloat();
            assertThat((double) w).isCloseTo(3.0, within(0.05));
            assertThat((double) b).isCloseTo(1.0, within(0.05));
        }
    }
}
