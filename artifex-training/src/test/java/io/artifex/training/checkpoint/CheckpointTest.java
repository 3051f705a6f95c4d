package io.artifex.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingDivergedException;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.callbacks.CheckpointCallback;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.TinyGan;
import io.artifex.training.fixtures.ToySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    /** The test GAN's settings; {@code everySteps} 0 writes no checkpoints. */
    private TrainerConfig ganConfig(long maxSteps, int everySteps) {
        return TrainerConfig.builder().epochs(4).maxSteps(maxSteps).batchSize(16).seed(11)
                .optimizer(OptimizerConfig.of(OptimizerType.SGD, 0.01))
                .optimizer("generator", OptimizerConfig.adam(0.01, 0.5, 0.999))
                .optimizer("discriminator", OptimizerConfig.of(OptimizerType.RMSPROP, 0.005))
                .emaDecay(0.95).validateEvery(1)
                .checkpoint(CheckpointConfig.builder().enabled(everySteps > 0).directory(dir.resolve("ckpt").toString())
                        .everySteps(everySteps).everyEpochs(0).keepLast(2).saveBest(true).monitor("validation_loss")
                        .mode(MonitorMode.MIN).build())
                .build();
    }

    private static List<Double> allValues(TrainingResult r) {
        List<Double> out = new ArrayList<>();
        for (StepMetrics m : r.stepHistory()) {
            out.addAll(m.values().values());
        }
        return out;
    }

    @Test
    void resumedRunReproducesTheUninterruptedOneExactly() {
        // 5 batches per epoch, 14 steps: the break at step 7 falls in the middle of epoch 1
        ToySource data = new ToySource(80, 16, 21);
        TrainingResult whole;
        FinalAverage wholeAverage = new FinalAverage();
        try (TinyGan gan = new TinyGan(5)) {
            whole = new Trainer(ganConfig(14, 0), List.of(wholeAverage)).fit(gan, data, new ToySource(32, 16, 22));
        }
        TrainerConfig firstHalf = ganConfig(7, 7);
        TrainingResult first;
        try (TinyGan gan = new TinyGan(5)) {
            first = new Trainer(firstHalf).fit(gan, data, new ToySource(32, 16, 22));
        }
        Path atSeven = CheckpointCallback.pathFor(firstHalf.checkpoint(), 7);
        // the best after epoch 0 (step 5), the periodic one at step 7, then the best again: maxSteps cut
        // epoch 1 at step 7, whose weights still validate (better than step 5's)
        assertThat(first.checkpoints()).containsExactly(atSeven.resolveSibling("best"), atSeven,
                atSeven.resolveSibling("best"));
        assertThat(first.epochHistory()).extracting(EpochMetrics::step, EpochMetrics::complete)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, true), org.assertj.core.groups.Tuple.tuple(7L, false));
        TrainingResult second;
        FinalAverage resumedAverage = new FinalAverage();
        try (TinyGan fresh = new TinyGan(99)) { // different initial weights: all must come from the checkpoint
            second = new Trainer(ganConfig(14, 0), List.of(resumedAverage)).resume(atSeven, fresh, data,
                    new ToySource(32, 16, 22));
        }
        assertThat(first.stepHistory()).hasSize(7);
        assertThat(second.stepHistory()).hasSize(7);
        assertThat(second.stepHistory().get(0).step()).isEqualTo(7);
        List<Double> expected = allValues(whole);
        List<Double> got = new ArrayList<>(allValues(first));
        got.addAll(allValues(second));
        assertThat(got).containsExactlyElementsOf(expected);
        // the weight average too, warm-up included (its decays depend on the restored step)
        assertThat(resumedAverage.shadows).hasSameSizeAs(wholeAverage.shadows).isNotEmpty();
        for (int i = 0; i < wholeAverage.shadows.size(); i++) {
            assertThat(resumedAverage.shadows.get(i)).containsExactly(wholeAverage.shadows.get(i));
        }
    }

    /** Copies the EMA shadows at the end of a run. */
    private static final class FinalAverage implements Callback {
        private List<float[]> shadows = List.of();

        @Override
        public void onTrainEnd(TrainingSession session, TrainingResult result) {
            session.ema().ifPresent(ema -> shadows = ema.shadows().values().stream().map(a -> a.toFloatArray()).toList());
        }
    }

    private Path writeOne() {
        TrainerConfig config = ganConfig(3, 3);
        try (TinyGan gan = new TinyGan(5)) {
            new Trainer(config).fit(gan, new ToySource(80, 16, 21), null);
        }
        return CheckpointCallback.pathFor(config.checkpoint(), 3);
    }

    @Test
    void checkpointHoldsEveryPieceAndLoads() throws Exception {
        Path ck = writeOne();
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoint c = CheckpointIO.read(ck, m);
            assertThat(c.step()).isEqualTo(3);
            assertThat(c.batchInEpoch()).isEqualTo(3);
            assertThat(c.seed()).isEqualTo(11L);
            assertThat(c.parameters()).hasSize(4);
            assertThat(c.ema()).hasSize(4);
            assertThat(c.optimizers()).containsOnlyKeys("discriminator", "generator");
            assertThat(c.optimizers().get("discriminator").algorithm()).isEqualTo("rmsprop");
            assertThat(c.optimizers().get("discriminator").parameters().values().iterator().next().step()).isEqualTo(6);
            assertThat(c.trainerConfigJson()).contains("\"emaDecay\"");
            assertThat(c.modelConfigJson()).contains("gan");
        }
        try (var files = Files.list(ck.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("step-000000003");
        }
    }

    @Test
    void flippedByteIsRefusedNamingTheFile() throws Exception {
        Path ck = writeOne();
        Path file = ck.resolve("parameters.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> CheckpointIO.read(ck, m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parameters.bin").hasMessageContaining("SHA-256");
        }
    }

    @Test
    void truncatedFileIsRefusedNamingTheFile() throws Exception {
        Path ck = writeOne();
        Path file = ck.resolve("optimizer-0.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> CheckpointIO.read(ck, m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("optimizer-0.bin");
        }
    }

    @Test
    void foreignOrMissingManifestIsRefusedNamingTheFile() throws Exception {
        Path ck = writeOne();
        Path manifest = ck.resolve("manifest.json");
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, text.replace("artifex-checkpoint", "somebody-else"), StandardCharsets.UTF_8);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> CheckpointIO.read(ck, m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("manifest.json").hasMessageContaining("somebody-else");
            Files.writeString(manifest, "{not json", StandardCharsets.UTF_8);
            assertThatThrownBy(() -> CheckpointIO.read(ck, m)).hasMessageContaining("manifest.json");
            Files.delete(manifest);
            assertThatThrownBy(() -> CheckpointIO.read(ck, m)).hasMessageContaining("manifest.json");
        }
        // a valid manifest around a foreign array file: the array file's magic is checked too
        Path other = writeOne();
        Path params = other.resolve("parameters.bin");
        Files.write(params, "NOTARRAYS-and-more-bytes".getBytes(StandardCharsets.US_ASCII));
        String fixed = Files.readString(other.resolve("manifest.json"), StandardCharsets.UTF_8)
                .replaceAll("(\"parameters.bin\" : \")[0-9a-f]+", "$1" + CheckpointIO.sha256(params));
        Files.writeString(other.resolve("manifest.json"), fixed, StandardCharsets.UTF_8);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> CheckpointIO.read(other, m)).hasMessageContaining("parameters.bin")
                    .hasMessageContaining("magic");
        }
    }

    @Test
    void nanAtAStepStopsTheRunAndTheLastGoodCheckpointIsIntact() {
        TrainerConfig config = TrainerConfig.builder().epochs(10).batchSize(16).seed(1)
                .optimizer(OptimizerConfig.adam(0.01))
                .checkpoint(CheckpointConfig.builder().enabled(true).directory(dir.resolve("nan").toString())
                        .everySteps(1).everyEpochs(0).keepLast(3).saveBest(false).monitor("loss").build())
                .build();
        try (RegressionModel model = new RegressionModel(1, 6)) {
            assertThatThrownBy(() -> new Trainer(config).fit(model, new ToySource(64, 16, 3), null))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("step 6").hasMessageContaining("'main'").hasMessageContaining("'loss'");
        }
        assertThat(Files.exists(CheckpointCallback.pathFor(config.checkpoint(), 7))).isFalse();
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoint last = CheckpointIO.read(CheckpointCallback.pathFor(config.checkpoint(), 6), m);
            assertThat(last.step()).isEqualTo(6);
            for (var a : last.parameters().values()) {
                for (float v : a.toFloatArray()) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
            }
            // and they are the weights after step 6 exactly: the same run without a NaN, stopped
            // after 6 steps, ends with them (catches a checkpoint of stale or later weights)
            TrainerConfig sixSteps = config.toBuilder().maxSteps(6L)
                    .checkpoint(CheckpointConfig.builder().enabled(false).build()).build();
            try (RegressionModel reference = new RegressionModel(1)) {
                new Trainer(sixSteps).fit(reference, new ToySource(64, 16, 3), null);
                List<float[]> expected = reference.network().getParameters().values().stream()
                        .map(p -> p.getArray().toFloatArray()).toList();
                List<float[]> saved = last.parameters().values().stream().map(a -> a.toFloatArray()).toList();
                assertThat(saved).usingElementComparator((x, y) -> Arrays.equals(x, y) ? 0 : 1)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }
}
