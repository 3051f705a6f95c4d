package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.examples.TinyConfigs;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.DataContractException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder and the checkpoint folder: a configured {@code checkpoint.directory} is
 * honoured (absolute as it is, relative against the run folder), and a failed run leaves a
 * {@code FAILED.txt} saying why. Planted bugs these catch: replacing the directory with the run
 * folder's {@code checkpoints/} (the old behaviour), resolving a relative one against the working
 * directory, and a failure path that writes nothing.
 */
class RunFolderTest {

    /** The shared tiny VAE, 2 steps, with the preprocessing and the checkpoint directory left to fill in. */
    private static final String TINY_VAE =
            TinyConfigs.TINY_VAE.replace("preprocessing: binarize", "preprocessing: PREPROCESSING")
                    .replace("maxSteps: 3", "maxSteps: 2")
            + "  checkpoint: { directory: DIRECTORY, everyEpochs: 0 }\n";

    private static ExperimentConfig vae(String preprocessing, String directory) {
        return ConfigIO.fromYaml(TINY_VAE.replace("PREPROCESSING", preprocessing).replace("DIRECTORY", directory),
                ExperimentConfig.class);
    }

    private static String directoryFor(String configured, Path runFolder) {
        TrainerConfig c = TrainerConfig.builder().optimizer(OptimizerConfig.adam(1e-3))
                .checkpoint(CheckpointConfig.builder().directory(configured).build()).build();
        TrainerConfig resolved = ExperimentRunner.withCheckpointsIn(c, runFolder);
        assertThat(resolved.checkpoint().enabled()).isTrue();
        return resolved.checkpoint().directory();
    }

    @Test
    void theDefaultIsTheRunsCheckpointsFolderAndAConfiguredOneIsHonoured(@TempDir Path dir) {
        Path run = dir.resolve("run-1");
        assertThat(CheckpointConfig.builder().build().directory()).isEqualTo("checkpoints");
        assertThat(directoryFor("checkpoints", run)).isEqualTo(run.resolve("checkpoints").toString());
        assertThat(directoryFor("ck/a", run)).isEqualTo(run.resolve("ck").resolve("a").toString());
        assertThat(directoryFor("../shared", run)).isEqualTo(dir.resolve("shared").toString());
        Path elsewhere = dir.resolve("elsewhere").toAbsolutePath();
        assertThat(directoryFor(elsewhere.toString(), run)).isEqualTo(elsewhere.toString());
    }

    @Test
    void aRunWritesItsCheckpointsIntoTheConfiguredAbsoluteFolder(@TempDir Path dir) throws Exception {
        Path elsewhere = dir.resolve("elsewhere").toAbsolutePath();
        ExperimentRunner.Outcome outcome = new ExperimentRunner(null).run(vae("auto", elsewhere.toString()),
                dir.resolve("runs"));
        // maxSteps cuts the epoch at step 2, whose validation writes "best" before the final checkpoint
        assertThat(outcome.training().checkpoints()).containsExactly(elsewhere.resolve("best"),
                elsewhere.resolve("step-000000002"));
        assertThat(elsewhere.resolve("step-000000002").resolve("manifest.json")).isRegularFile();
        assertThat(outcome.run().root().resolve("checkpoints")).doesNotExist();
        assertThat(outcome.run().failure()).doesNotExist();
        ExperimentConfig recorded = ConfigIO.read(outcome.run().experimentFile(), ExperimentConfig.class);
        assertThat(recorded.training().checkpoint().directory()).isEqualTo(elsewhere.toString());
    }

    @Test
    void aFailedRunLeavesAFolderThatSaysWhy(@TempDir Path dir) throws Exception {
        Throwable thrown = null;
        try {
            new ExperimentRunner(null).run(vae("scale11", "checkpoints"), dir);
        } catch (DataContractException e) {
            thrown = e;
        }
        assertThat(thrown).as("a Bernoulli VAE refuses [-1, 1] data").isNotNull();
        List<Path> runs;
        try (Stream<Path> files = Files.list(dir)) {
            runs = files.toList();
        }
        assertThat(runs).hasSize(1);
        Path failed = runs.get(0).resolve("FAILED.txt");
        List<String> lines = Files.readAllLines(failed, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("DataContractException: ")
                .contains("Vae 'tiny' expects values in [0, 1]").contains("'binarize' or 'scale01'");
        // the folder's other file is the config as run, so the failure can be reproduced
        assertThat(runs.get(0).resolve("experiment.yaml")).isRegularFile();
    }

    @Test
    void aRunThatFailsBeforeTrainingSaysWhyToo(@TempDir Path dir) throws Exception {
        ExperimentConfig good = vae("auto", "checkpoints");
        TrainerConfig training = good.training().toBuilder()
                .checkpoint(good.training().checkpoint().toBuilder().directory("bad\u0000name").build()).build();
        ExperimentConfig config = new ExperimentConfig(good.name(), good.model(), good.data(), training,
                good.evaluationSamples());
        assertThatThrownBy(() -> new ExperimentRunner(null).run(config, dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("training.checkpoint.directory 'bad");
        try (Stream<Path> files = Files.list(dir)) {
            Path run = files.findFirst().orElseThrow();
            assertThat(Files.readString(run.resolve("FAILED.txt"), StandardCharsets.UTF_8))
                    .startsWith("IllegalArgumentException: training.checkpoint.directory 'bad");
        }
    }
}
