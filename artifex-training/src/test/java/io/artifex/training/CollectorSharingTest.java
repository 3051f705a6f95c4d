package io.artifex.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.autograd.InputGradients;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.ToySource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A training run on one thread and input gradients (an energy-based model's Langevin steps) on
 * another share the engine's single gradient collector by taking turns
 * ({@code io.artifex.core.autograd.GradientCollectors}): both finish, the input gradients are exact
 * (d sum(x^2) / dx = 2x), and the trained weights equal those of the same run alone. Planted bug
 * this catches: the trainer opening its collector straight from the engine (the concurrent calls
 * then fail with "only one GradientCollector may be open at a time").
 */
class CollectorSharingTest {

    private static float[] train() {
        try (RegressionModel model = new RegressionModel(1)) {
            TrainerConfig config = TrainerConfig.of(25, 8, 5L, OptimizerConfig.of(OptimizerType.ADAM, 0.05));
            new Trainer(config, List.of()).fit(model, new ToySource(64, 8, 9), new ToySource(16, 8, 10));
            return model.network().getParameters().get("weight").getArray().toFloatArray();
        }
    }

    @Test
    void trainingAndInputGradientsOnTwoThreadsTakeTurns() throws Exception {
        float[] alone = train();
        AtomicBoolean trainingDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[]> trained = pool.submit(() -> {
                try {
                    return train();
                } finally {
                    trainingDone.set(true);
                }
            });
            Future<Integer> gradients = pool.submit(() -> {
                int calls = 0;
                try (NDManager m = NDManager.newBaseManager()) {
                    while (!trainingDone.get() || calls < 20) {
                        try (NDManager call = m.newSubManager()) {
                            NDArray x = call.create(new float[] {1f, -2f, 3f});
                            float[] g = InputGradients.of(v -> v.mul(v), x).toFloatArray();
                            assertThat(g).containsExactly(2f, -4f, 6f);
                        }
                        calls++;
                    }
                }
                return calls;
            });
            assertThat(trained.get(120, TimeUnit.SECONDS)).containsExactly(alone);
            assertThat(gradients.get(120, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }
}
