package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.random.Rng;
import io.artifex.training.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sampling and training leave no arrays behind in the model's or the caller's manager. */
@ExtendWith(SingleThreadedEngine.class)
class PixelCnnMemoryTest {

    @Test
    void samplingAndTrainingDoNotGrowTheManagers() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            try (NDManager manager = NDManager.newBaseManager();
                 BasePixelCnn model = PixelCnnFixtures.create(
                         PixelCnnFixtures.config(variant, 4, 4, 1, 8, 2, 0, 2), manager, 1)) {
                int modelArrays = model.manager().getManagedArrays().size();
                try (NDManager target = manager.newSubManager()) {
                    ((PixelCnn) model).generate(2, target, new Rng(1));
                    assertThat(target.getManagedArrays()).as("%s: only the samples are left", variant).hasSize(1);
                }
                assertThat(model.manager().getManagedArrays()).as("%s after sampling", variant).hasSize(modelArrays);
                TrainerConfig trainer = TrainerConfig.builder().epochs(1).maxSteps(5).batchSize(8)
                        .optimizer(OptimizerConfig.adam(1e-3)).validateEvery(0).logEvery(1000).build();
                new Trainer(trainer).fit(model, new PatternSource(8, 5, 0, false), null);
                int afterFive = model.manager().getManagedArrays().size();
                new Trainer(trainer).fit(model, new PatternSource(8, 5, 1, false), null);
                assertThat(model.manager().getManagedArrays()).as("%s: five more steps", variant).hasSize(afterFive);
            }
        }
    }
}
