package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelArchive;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model config that asks for sampling from a weight average (the DDPM's {@code emaDecay})
 * gets one from the experiment runner, and the saved model holds that average.
 */
class WeightAverageRunTest {

    private static final String TINY_DDPM = """
            schemaVersion: 2
            name: tiny-ddpm
            model:
              type: ddpm
              name: tiny
              inputShape: [28, 28, 1]
              backbone: { name: backbone, inChannels: 1, outChannels: 1, hiddenDims: [8, 16], channelMult: [1, 2],
                          activation: silu, numResBlocks: 1, attentionResolutions: [], numHeads: 1,
                          groupNormGroups: 4, timeEmbeddingDim: 16 }
              noiseSchedule: { name: schedule, scheduleType: cosine, numTimesteps: 20 }
              emaDecay: 0.5
            data: { dataset: mnist, preprocessing: scale11 }
            training:
              epochs: 1
              maxSteps: 2
              batchSize: 8
              optimizers: { default: { type: adam, learningRate: 0.01 } }
            """;

    @Test
    void theModelsDecayIsUsedOnlyWhenTheTrainerSetsNone() {
        ExperimentConfig ddpm = ConfigIO.fromYaml(TINY_DDPM, ExperimentConfig.class);
        TrainerConfig none = ddpm.training();
        assertThat(ExperimentRunner.withModelsWeightAverage(none, ddpm.model()).emaDecay()).isEqualTo(0.5);
        TrainerConfig own = none.toBuilder().emaDecay(0.9).build();
        assertThat(ExperimentRunner.withModelsWeightAverage(own, ddpm.model()).emaDecay()).isEqualTo(0.9);

        TrainerConfig plain = TrainerConfig.of(1, 8, 0, OptimizerConfig.adam(1e-3));
        ExperimentConfig noAverage = ConfigIO.fromYaml(TINY_DDPM.replace("emaDecay: 0.5", "emaDecay: 0.0"),
                ExperimentConfig.class);
        assertThat(ExperimentRunner.withModelsWeightAverage(plain, noAverage.model()).emaDecay()).isZero();
    }

    @Test
    void theSavedModelHoldsTheAverageAndTheCheckpointTheTrainedWeights(@TempDir Path dir) throws Exception {
        ExperimentRunner.Outcome outcome = new ExperimentRunner(null)
                .run(ConfigIO.fromYaml(TINY_DDPM, ExperimentConfig.class), dir);
        Path run = outcome.run().root();
        assertThat(Files.readString(run.resolve("experiment.yaml"))).contains("emaDecay: 0.5");
        assertThat(run.resolve("samples.png")).isRegularFile();
        // the trainer writes the run's checkpoints from its config, once: the run adds no second writer
        // ("best" comes from the validation of the epoch maxSteps cut at step 2)
        assertThat(outcome.training().checkpoints()).containsExactly(run.resolve("checkpoints/best").toAbsolutePath(),
                run.resolve("checkpoints/step-000000002").toAbsolutePath());

        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpoint last = CheckpointIO.read(run.resolve("checkpoints/step-000000002"), manager);
            assertThat(last.ema()).isNotEmpty();
            int differing = 0;
            try (GenerativeModel saved = ModelArchive.load(run.resolve("model"), manager.newSubManager(), 0)) {
                for (Pair<String, Parameter> p : saved.network().getParameters()) {
                    Map<String, NDArray> source = last.ema().containsKey(p.getKey()) ? last.ema() : last.parameters();
                    float[] expected = source.get(p.getKey()).toFloatArray();
                    assertThat(p.getValue().getArray().toFloatArray()).as(p.getKey()).containsExactly(expected);
                    if (source == last.ema() && !Arrays.equals(expected, last.parameters().get(p.getKey()).toFloatArray())) {
                        differing++;
                    }
                }
            }
            // the average is not the trained weights after two steps at decays 0.1 and 2/11
            assertThat(differing).isPositive();
        }
    }
}
