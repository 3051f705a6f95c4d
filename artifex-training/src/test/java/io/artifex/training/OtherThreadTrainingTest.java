package io.artifex.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.ToySource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A model trained in a thread other than the one that loaded the engine (a server's worker pool,
 * a Spark task) ends with exactly the weights of the same run in the loading thread. PyTorch's
 * grad mode is per thread and DJL switches it off only in the loading thread, so this pins that
 * nothing in a step depends on the thread's mode (the Spark workers switch it off themselves, see
 * artifex-spark's EngineThreads). Planted bugs this catches: a step whose in-place update runs under
 * the thread's grad mode (the pooled run throws "a leaf Variable that requires grad"), and any
 * thread-dependent seed.
 */
class OtherThreadTrainingTest {

    private static float[] train() {
        try (RegressionModel model = new RegressionModel(1)) {
            TrainerConfig config = TrainerConfig.of(3, 16, 5L, OptimizerConfig.of(OptimizerType.ADAM, 0.05));
            new Trainer(config, List.of()).fit(model, new ToySource(64, 16, 9), new ToySource(32, 16, 10));
            return model.network().getParameters().get("weight").getArray().toFloatArray();
        }
    }

    @Test
    void aPooledThreadTrainsLikeTheLoadingThread() throws Exception {
        float[] here = train();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<float[]> there = pool.submit(OtherThreadTrainingTest::train);
            assertThat(there.get()).containsExactly(here);
        } finally {
            pool.shutdownNow();
        }
    }
}
