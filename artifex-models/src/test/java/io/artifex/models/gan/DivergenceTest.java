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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A GAN whose losses explode is stopped by the trainer's NaN guard, naming the phase. */
class DivergenceTest {

    @Test
    void hugeLearningRateStopsWithThePhaseNamed() {
        OptimizerConfig sgd = OptimizerConfig.of(OptimizerType.SGD, 1e12);
        TrainerConfig config = new TrainerConfig(100, 200L, 64, 1L,
                Map.of("default", sgd, "generator", sgd, "discriminator", sgd), null, null, 0, null, null, 1000);
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan gan = (Gan) GanFixtures.create(GanFixtures.mlp(GanLoss.LEAST_SQUARES, ActivationType.RELU, 1, 0, false),
                    manager, 2);
            TrainingDivergedException e = catchThrowableOfType(() -> new Trainer(config, List.of())
                    .fit(gan, new EightGaussiansSource(64, 10, 0.05, 1, false), null), TrainingDivergedException.class);
            assertThat(e).isNotNull();
            assertThat(e.phase()).isIn("discriminator", "generator");
            assertThat(e.getMessage()).contains("phase '" + e.phase() + "'");
            assertThat(e.step()).isLessThan(200);
        }
    }
}
