package io.artifex.models.autoregressive.wavenet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training steps on the embedded audio and cached or naive generation leave no arrays behind on the
 * manager that holds the parameters (results of an operation live on its first operand's manager:
 * a weight slice or a class bias computed from a parameter would pile up there every step). Planted
 * once: the class bias computed with the class table first ({@code table^T x oneHot^T}) -> the
 * parameters' manager grew at every step. Found by it: the int64 copy of the labels was left on the
 * caller's manager by every labelled call.
 */
class WaveNetMemoryTest {

    private static int own(NDManager manager) {
        int n = 0;
        for (NDArray array : manager.getManagedArrays()) {
            n += array.getManager() == manager ? 1 : 0;
        }
        return n;
    }

    @Test
    void stepsAndGenerationLeaveNoArraysOnTheParametersManager() {
        WaveNetConfig config = WaveNetConfig.builder().name("tiny").residualChannels(4).dilationChannels(4)
                .skipChannels(8).numLayers(3).dilationCycle(2).numClasses(3).build();
        DataConfig data = DataConfig.builder().dataset("audio").audio(AudioConfig.builder().sampleRate(8000)
                .resample(true).clipLength(100).muLaw(true).build()).build();
        BatchSource train = DataSources.train(data, 4, 0);
        List<Integer> counts = new ArrayList<>();
        try (WaveNet model = (WaveNet) Models.create(config, 0)) {
            NDManager parameters = model.network().getParameters().valueAt(0).getArray().getManager();
            Callback counter = new Callback() {
                @Override
                public void onStepEnd(TrainingSession session, StepMetrics metrics) {
                    counts.add(own(parameters));
                }
            };
            TrainerConfig training = TrainerConfig.builder().epochs(5).batchSize(4).seed(0)
                    .optimizer(OptimizerConfig.adam(1e-3)).build();
            new Trainer(training, List.of(counter)).fit(model, train, null);
            assertThat(counts).hasSize(5);
            assertThat(counts.subList(1, 5)).as("arrays on the parameters' manager after steps 2-5").containsOnly(counts.get(1));

            int before = own(parameters);
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray labels = scope.create(new long[] {0, 2});
                int scopeBefore = own(scope);
                model.generate(labels, 20, 1.0, true, scope, new Rng(1));
                int afterCached = own(scope);
                model.generate(labels, 20, 1.0, false, scope, new Rng(1));
                // each call leaves exactly its result (the codes) on the scope
                assertThat(afterCached).isEqualTo(scopeBefore + 1);
                assertThat(own(scope)).isEqualTo(scopeBefore + 2);
            }
            assertThat(own(parameters)).isEqualTo(before);
        }
    }
}
