package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingDivergedException;
import org.junit.jupiter.api.Test;

/** A GAN whose losses explode is stopped by the trainer's NaN guard, naming the phase. */
class DivergenceTest {

    @Test
    void hugeLearningRateStopsWithThePhaseNamed() {
        // the largest rate the config allows (learningRate < 10): the least-squares losses blow up within a few steps
        OptimizerConfig sgd = OptimizerConfig.of(OptimizerType.SGD, 9.9);
        TrainerConfig config = TrainerConfig.builder().epochs(100).maxSteps(200).batchSize(64).seed(1)
                .optimizer(sgd).optimizer("generator", sgd).optimizer("discriminator", sgd).validateEvery(0)
                .logEvery(1000).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan gan = (Gan) GanFixtures.create(GanFixtures.mlp(GanLoss.LEAST_SQUARES, ActivationType.RELU, 1, 0, false),
                    manager, 2);
            TrainingDivergedException e = catchThrowableOfType(() -> new Trainer(config)
                    .fit(gan, new EightGaussiansSource(64, 10, 0.05, 1, false), null), TrainingDivergedException.class);
            assertThat(e).isNotNull();
            assertThat(e.phase()).isIn("discriminator", "generator");
            assertThat(e.getMessage()).contains("phase '" + e.phase() + "'");
            assertThat(e.step()).isLessThan(200);
        }
    }
}
