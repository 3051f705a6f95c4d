package io.artifex.examples.cli;

import static io.artifex.examples.TinyConfigs.TINY_VAE;
import static io.artifex.examples.cli.CliHarness.cli;
import static io.artifex.examples.cli.CliHarness.csvRows;
import static io.artifex.examples.cli.CliHarness.jsonStepLines;
import static io.artifex.examples.cli.CliHarness.ok;
import static io.artifex.examples.cli.CliHarness.onlyRun;
import static io.artifex.examples.cli.CliHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.registry.ModelArchive;
import io.artifex.examples.cli.CliHarness.Result;
import io.artifex.models.vae.VaeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code artifex train}: every override kind, {@code --device}, and {@code --resume}.
 * Planted bugs these catch (each planted once and reverted): an override that is parsed but not
 * applied (the experiment.yaml check), {@code 1e-3} read as text, an unknown key accepted
 * silently; resuming with {@code fit} instead of {@code Trainer.resume} (losses differ after the
 * resume point), and metrics files replaced instead of continued on resume (rows 1-3 missing).
 */
class TrainCommandTest {

    @Test
    void everyOverrideKindReachesTheRunAndIsRecorded(@TempDir Path dir) throws Exception {
        Path config = write(dir, "in.yaml", TINY_VAE);
        Result r = ok("train", "--config", config.toString(), "--runs", dir.resolve("runs").toString(), "--quiet",
                "--device", "cpu", "--max-steps", "2", "--seed", "5",
                "--set", "model.encoder.hiddenDims=[16, 8]",
                "--set", "training.optimizers.default.learningRate=2e-3",
                "--set", "training.optimizers.default.beta1=0.5",
                "--set", "evaluationSamples=2",
                "--set", "name=tiny-vae-b");
        assertThat(r.out()).contains("Trained tiny-vae-b for 2 steps", "test_negative_iwae_k2");
        Path run = onlyRun(dir.resolve("runs"));
        ExperimentConfig recorded = ConfigIO.read(run.resolve("experiment.yaml"), ExperimentConfig.class);
        VaeConfig vae = (VaeConfig) recorded.model();
        assertThat(vae.encoder().hiddenDims()).containsExactly(16, 8);
        assertThat(recorded.training().optimizers().get("default").learningRate()).isEqualTo(2e-3);
        assertThat(recorded.training().optimizers().get("default").beta1()).isEqualTo(0.5);
        assertThat(recorded.training().seed()).isEqualTo(5L);
        assertThat(recorded.training().maxSteps()).isEqualTo(2L);
        assertThat(recorded.evaluationSamples()).isEqualTo(2);
        // the learning rate the trainer used is the overridden one
        assertThat(Files.readAllLines(run.resolve("metrics.csv")).get(1)).contains("0.00200000");
    }

    @Test
    void aBadOverrideIsRefusedLikeTheSameValueInTheFile(@TempDir Path dir) throws Exception {
        String config = write(dir, "in.yaml", TINY_VAE).toString();

        Result unknown = cli("train", "--config", config, "--set", "model.encodr.hiddenDims=[8]");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown field 'encodr'", "known fields of VaeConfig", "encoder", "decoder")
                .doesNotContain("\tat ");

        Result top = cli("train", "--config", config, "--set", "trainer.optimizer.learningRate=1e-3");
        assertThat(top.err()).contains("unknown field 'trainer'", "training");

        Result kind = cli("train", "--config", config, "--set", "training.batchSize=many");
        assertThat(kind.status()).isEqualTo(2);
        assertThat(kind.err()).contains("training.batchSize");

        Result limit = cli("train", "--config", config, "--set", "training.batchSize=0");
        assertThat(limit.status()).isEqualTo(2);
        assertThat(limit.err()).contains("training.batchSize", "must be greater than 0");

        Result cross = cli("train", "--config", config, "--set", "model.decoder.latentDim=5");
        assertThat(cross.err()).contains("model.decoder.latentDim");

        Result intoList = cli("train", "--config", config, "--set", "model.encoder.hiddenDims.first=8");
        assertThat(intoList.err()).contains("model.encoder.hiddenDims is a list");

        Result tag = cli("train", "--config", config, "--set", "name=!!java.lang.ProcessBuilder x");
        assertThat(tag.err()).contains("explicit YAML tags are not allowed");

        Result noEquals = cli("train", "--config", config, "--set", "training.epochs");
        assertThat(noEquals.err()).contains("expected key.path=value");

        Result device = cli("train", "--config", config, "--device", "gpu:7");
        assertThat(device.status()).isEqualTo(2);
        assertThat(device.err().strip()).startsWith("artifex train: --device gpu:7").contains("valid here")
                .doesNotContain("\n", "Exception");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void halfTheStepsThenResumeEqualsTheWholeRun(@TempDir Path dir) throws Exception {
        Path config = write(dir, "in.yaml", TINY_VAE);
        ok("train", "--config", config.toString(), "--runs", dir.resolve("whole").toString(), "--quiet",
                "--max-steps", "6");
        ok("train", "--config", config.toString(), "--runs", dir.resolve("halves").toString(), "--quiet",
                "--max-steps", "3");
        Path whole = onlyRun(dir.resolve("whole"));
        Path halves = onlyRun(dir.resolve("halves"));
        // three step rows, then the validation of step 3's weights (maxSteps ends the first half inside epoch 0)
        List<Map<String, String>> first = csvRows(halves);
        assertThat(first).hasSize(4);
        assertThat(first.get(3)).containsEntry("split", "validation").containsEntry("step", "3");

        Result resumed = ok("train", "--resume", halves.toString(), "--max-steps", "6", "--quiet");
        assertThat(resumed.out()).contains("for 6 steps");

        List<Map<String, String>> rows = csvRows(whole);
        assertThat(rows).hasSize(7); // six steps and the validation at step 6
        // resuming cuts the first half's validation at step 3 (ResumePoint keeps a validation at the
        // checkpoint's step only at an epoch's end), so the halves hold exactly the whole run's rows
        assertThat(csvRows(halves)).isEqualTo(rows);
        assertThat(jsonStepLines(halves)).isEqualTo(jsonStepLines(whole)).hasSize(6);
        assertThat(Files.readAllBytes(halves.resolve("checkpoints/step-000000006/parameters.bin")))
                .isEqualTo(Files.readAllBytes(whole.resolve("checkpoints/step-000000006/parameters.bin")));
        assertThat(Files.readAllBytes(halves.resolve("model").resolve(ModelArchive.PARAMETERS_FILE)))
                .isEqualTo(Files.readAllBytes(whole.resolve("model").resolve(ModelArchive.PARAMETERS_FILE)));
        assertThat(ConfigIO.read(halves.resolve("experiment.yaml"), ExperimentConfig.class).training().maxSteps())
                .isEqualTo(6L);
    }

    @Test
    void resumingARunWithoutACheckpointOrNotARunSaysSo(@TempDir Path dir) throws Exception {
        Path config = write(dir, "in.yaml", TINY_VAE);
        ok("train", "--config", config.toString(), "--runs", dir.resolve("runs").toString(), "--quiet", "--max-steps", "1");
        Path run = onlyRun(dir.resolve("runs"));
        io.artifex.training.checkpoint.CheckpointIO.deleteTree(run.resolve("checkpoints"));

        Result none = cli("train", "--resume", run.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("cannot resume", "checkpoints", "does not exist").doesNotContain("\tat ");

        Files.createDirectories(run.resolve("checkpoints/.step-000000001-x.tmp"));
        Result empty = cli("train", "--resume", run.toString());
        assertThat(empty.err()).contains("holds no checkpoint");

        Result notARun = cli("train", "--resume", dir.toString());
        assertThat(notARun.err()).contains("not a run folder");

        Result mixed = cli("train", "--resume", run.toString(), "--set", "training.seed=3");
        assertThat(mixed.err()).contains("cannot be given with it");
    }
}
