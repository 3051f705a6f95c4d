package io.artifex.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.LrScheduleConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.callbacks.CheckpointCallback;
import io.artifex.training.callbacks.EarlyStopping;
import io.artifex.training.callbacks.NanGuard;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.TinyGan;
import io.artifex.training.fixtures.ToySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test (or more) per {@link TrainerConfig} setting, each showing that the setting changes
 * the run in the documented way, with assertions a wrong implementation would fail (an
 * off-by-one in an interval, patience or pruning, an inverted "best" comparison, a setting read
 * but not used, or a callback applied twice). The training source has 64 rows in batches of 16:
 * four steps per epoch.
 */
class TrainerSettingsTest {

    private static final int BATCHES_PER_EPOCH = 4;

    @TempDir
    Path dir;

    private static ToySource train() {
        return new ToySource(64, 16, 9);
    }

    private static ToySource validation() {
        return new ToySource(32, 16, 10);
    }

    /** Plain SGD at 0.05: the regression's validation loss falls every epoch. */
    private static TrainerConfig.Builder sgd() {
        return TrainerConfig.builder().batchSize(16).seed(1).optimizer(OptimizerConfig.sgd(0.05, 0));
    }

    /** A learning rate too small to move a float32 weight: every epoch measures the same loss. */
    private static TrainerConfig.Builder frozen() {
        return TrainerConfig.builder().batchSize(16).seed(1).optimizer(OptimizerConfig.sgd(1e-12, 0));
    }

    private static TrainingResult fit(TrainerConfig config, BatchSourcePair data, Callback... callbacks) {
        try (RegressionModel model = new RegressionModel(1)) {
            return new Trainer(config, List.of(callbacks)).fit(model, data.train, data.validation);
        }
    }

    private record BatchSourcePair(ToySource train, ToySource validation) {
    }

    private static BatchSourcePair withValidation() {
        return new BatchSourcePair(train(), validation());
    }

    private static BatchSourcePair withoutValidation() {
        return new BatchSourcePair(train(), null);
    }

    private static float[] weights(GenerativeModel model) {
        List<Float> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                out.add(v);
            }
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private static List<Double> validationLosses(TrainingResult r) {
        return r.epochHistory().stream().map(e -> e.values().get("validation_loss")).toList();
    }

    private List<String> checkpointFolders(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- epochs, maxSteps, batchSize

    @Test
    void epochsSetTheNumberOfPassesOverTheData() {
        for (int epochs : new int[] {1, 3}) {
            TrainingResult r = fit(sgd().epochs(epochs).build(), withoutValidation());
            assertThat(r.steps()).isEqualTo((long) epochs * BATCHES_PER_EPOCH);
            assertThat(r.epochHistory()).extracting(EpochMetrics::epoch)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, epochs).boxed().toList());
            assertThat(r.stoppedEarly()).isFalse();
        }
    }

    @Test
    void maxStepsCapsTheRunEvenInTheMiddleOfAnEpoch() {
        TrainingResult capped = fit(sgd().epochs(3).maxSteps(6).build(), withoutValidation());
        assertThat(capped.steps()).isEqualTo(6);
        assertThat(capped.stepHistory()).hasSize(6);
        // epoch 1 stopped after two of its four batches and still closes, marked incomplete
        assertThat(capped.epochHistory()).extracting(EpochMetrics::epoch, EpochMetrics::step, EpochMetrics::complete)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 4L, true),
                        org.assertj.core.groups.Tuple.tuple(1L, 6L, false));
        TrainingResult uncapped = fit(sgd().epochs(3).maxSteps(0).build(), withoutValidation());
        assertThat(uncapped.steps()).isEqualTo(12);
        TrainingResult beyond = fit(sgd().epochs(1).maxSteps(100).build(), withoutValidation());
        assertThat(beyond.steps()).isEqualTo(4); // the epochs end the run first
    }

    /**
     * maxSteps 6 ends epoch 1 after two of its four batches; validateEvery 2 would validate after
     * epoch 1 only had it completed. The run still validates once, at step 6, on the final weights:
     * the metrics CSV's validation row at step 6 equals a plain-Java mean squared error of the
     * final linear weights over the validation rows, and the final checkpoint (step 6, written
     * once) holds those same weights. Planted bug caught: a run cut by maxSteps mid-epoch leaving
     * without a validation (the last held-out loss would belong to step-0 weights or be missing).
     */
    @Test
    void maxStepsInTheMiddleOfAnEpochStillValidatesAndCheckpointsTheFinalWeights() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        CheckpointConfig checkpoint = CheckpointConfig.builder().enabled(true).directory(dir.resolve("ckpt").toString())
                .everyEpochs(1).keepLast(10).saveBest(false).build();
        TrainerConfig config = sgd().epochs(3).maxSteps(6).validateEvery(2).checkpoint(checkpoint).build();
        ToySource validation = validation();
        try (RegressionModel model = new RegressionModel(1);
             io.artifex.training.callbacks.MetricsLogger logger =
                     new io.artifex.training.callbacks.MetricsLogger(csv, null)) {
            TrainingResult r = new Trainer(config, List.of(logger)).fit(model, train(), validation);
            assertThat(r.steps()).isEqualTo(6);
            float[] w = model.network().getParameters().get("weight").getArray().toFloatArray();
            float b = model.network().getParameters().get("bias").getArray().toFloatArray()[0];
            double sse = 0;
            long rows = 0;
            try (NDManager m = NDManager.newBaseManager()) {
                var it = validation.epoch(0);
                while (it.hasNext()) {
                    float[] x = it.next(m).x().toFloatArray();
                    for (int i = 0; i < x.length; i += 5) {
                        double pred = b;
                        for (int j = 0; j < 4; j++) {
                            pred += (double) w[j] * x[i + j];
                        }
                        sse += (pred - x[i + 4]) * (pred - x[i + 4]);
                        rows++;
                    }
                }
            }
            List<String> validationRows = Files.readAllLines(csv).stream().filter(l -> l.startsWith("validation,")).toList();
            assertThat(validationRows).hasSize(1);
            String[] cells = validationRows.get(0).split(",", -1);
            assertThat(cells[1]).as("step of the validation row").isEqualTo("6");
            assertThat(Double.parseDouble(cells[cells.length - 1])).isCloseTo(sse / rows, within(1e-4 * (1 + sse / rows)));
            assertThat(r.epochHistory().get(r.epochHistory().size() - 1).values().get("validation_loss"))
                    .isCloseTo(sse / rows, within(1e-4 * (1 + sse / rows)));
            // epoch 0's checkpoint (step 4) and the final one (step 6), each once; the cut epoch adds no epoch checkpoint
            assertThat(r.checkpoints()).containsExactly(CheckpointCallback.pathFor(checkpoint, 4),
                    CheckpointCallback.pathFor(checkpoint, 6));
            try (NDManager m = NDManager.newBaseManager()) {
                Checkpoint last = CheckpointIO.read(CheckpointCallback.pathFor(checkpoint, 6), m);
                assertThat(last.step()).isEqualTo(6);
                assertThat(last.parameters().get("weight").toFloatArray()).containsExactly(w);
            }
        }
    }

    @Test
    void batchSizeMustMatchTheTrainingSource() {
        try (RegressionModel model = new RegressionModel(1)) {
            Trainer trainer = new Trainer(sgd().batchSize(32).build());
            assertThatThrownBy(() -> trainer.fit(model, train(), null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batch size 16").hasMessageContaining("batchSize 32");
        }
    }

    // ---------------------------------------------------------------- seed

    @Test
    void theSeedDecidesEveryRandomDrawOfTheRun() {
        TrainerConfig config = TrainerConfig.builder().epochs(1).batchSize(16).seed(5)
                .optimizer(OptimizerConfig.adam(0.01)).build();
        List<Double> first = ganLosses(config);
        List<Double> again = ganLosses(config);
        List<Double> otherSeed = ganLosses(config.toBuilder().seed(6).build());
        assertThat(again).containsExactlyElementsOf(first);
        // the first discriminator step sees the same weights and data: only the noise differs
        assertThat(otherSeed.get(0)).isNotEqualTo(first.get(0));
        assertThat(otherSeed).isNotEqualTo(first);
    }

    private static List<Double> ganLosses(TrainerConfig config) {
        try (TinyGan gan = new TinyGan(3)) {
            return new Trainer(config).fit(gan, train(), null).stepHistory().stream()
                    .flatMap(s -> Stream.of(s.values().get("discriminator/loss"), s.values().get("generator/loss")))
                    .toList();
        }
    }

    // ---------------------------------------------------------------- optimizers and schedules

    /** The change of every weight in the first step of a run with {@code config}. */
    private static float[] firstStepChange(TrainerConfig config) {
        try (RegressionModel model = new RegressionModel(1)) {
            float[] before = weights(model);
            new Trainer(config.toBuilder().epochs(1).maxSteps(1).build()).fit(model, train(), null);
            float[] after = weights(model);
            float[] delta = new float[before.length];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = after[i] - before[i];
            }
            return delta;
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void theConfiguredOptimizerAndLearningRateAreTheOnesUsed() {
        // Adam's first step moves every weight by the learning rate (m / sqrt(v) = g / |g|)
        float[] adam = firstStepChange(sgd().optimizer(OptimizerConfig.adam(0.01)).build());
        assertThat(adam).hasSize(5);
        for (float d : adam) {
            assertThat((double) Math.abs(d)).isCloseTo(0.01, within(1e-5));
        }
        // SGD moves them by lr * gradient: twice the rate, twice the change
        float[] sgdSmall = firstStepChange(sgd().optimizer(OptimizerConfig.sgd(0.01, 0)).build());
        float[] sgdLarge = firstStepChange(sgd().optimizer(OptimizerConfig.sgd(0.02, 0)).build());
        for (int i = 0; i < sgdSmall.length; i++) {
            assertThat((double) sgdLarge[i]).isCloseTo(2.0 * sgdSmall[i], within(1e-6));
        }
        assertThat(norm(sgdSmall)).isNotCloseTo(norm(adam), within(1e-3)); // SGD did not take Adam's step
    }

    @Test
    void gradientClipNormBoundsTheUpdate() {
        OptimizerConfig plain = OptimizerConfig.sgd(0.1, 0);
        double unclipped = norm(firstStepChange(sgd().optimizer(plain).build()));
        double clipped = norm(firstStepChange(sgd().optimizer(plain.toBuilder().gradientClipNorm(0.01).build()).build()));
        assertThat(unclipped).isGreaterThan(0.1 * 0.01 * 10); // the gradient's norm is well above the clip
        assertThat(clipped).isCloseTo(0.1 * 0.01, within(1e-6)); // lr * clip norm
    }

    @Test
    void theScheduleScalesTheLearningRateOfItsOptimizer() {
        // warm-up over 4 steps: step 0 runs at a quarter of the base rate
        TrainerConfig warm = sgd().optimizer(OptimizerConfig.sgd(0.4, 0))
                .schedule("default", LrScheduleConfig.warmupCosine(4, 100, 0)).build();
        float[] scheduled = firstStepChange(warm);
        float[] quarterRate = firstStepChange(sgd().optimizer(OptimizerConfig.sgd(0.1, 0)).build());
        for (int i = 0; i < scheduled.length; i++) {
            assertThat((double) scheduled[i]).isCloseTo(quarterRate[i], within(1e-7));
        }
        TrainingResult r = fit(sgd().epochs(1).schedule("default", LrScheduleConfig.step(2, 0.5)).build(),
                withoutValidation());
        assertThat(r.stepHistory()).extracting(s -> s.values().get("lr/default"))
                .containsExactly((double) 0.05f, (double) 0.05f, (double) 0.025f, (double) 0.025f);
    }

    // ---------------------------------------------------------------- emaDecay

    @Test
    void emaDecayLeavesTheClosedFormAverageInTheModelAndTheTrainedWeightsInTheCheckpoint() throws Exception {
        double decay = 0.5;
        CheckpointConfig checkpoints = CheckpointConfig.builder().enabled(true).directory(dir.toString())
                .everyEpochs(0).saveBest(false).build();
        TrainerConfig config = sgd().optimizer(OptimizerConfig.sgd(0.1, 0)).epochs(1).emaDecay(decay)
                .checkpoint(checkpoints).build();
        List<float[]> raw = new ArrayList<>();
        float[] average;
        float[] trained;
        try (RegressionModel model = new RegressionModel(1)) {
            raw.add(weights(model));
            Callback record = new Callback() {
                @Override
                public void onStepEnd(TrainingSession session, StepMetrics metrics) {
                    raw.add(weights(session.model()));
                }

                @Override
                public void onTrainEnd(TrainingSession session, TrainingResult result) {
                    raw.add(weights(session.model())); // callbacks still see the trained weights
                }
            };
            new Trainer(config, List.of(record)).fit(model, train(), null);
            average = weights(model);
            trained = raw.get(raw.size() - 1);
        }
        assertThat(trained).containsExactly(raw.get(BATCHES_PER_EPOCH));
        // the trainer's warm-up: update n uses min(decay, (1 + n) / (10 + n)), starting from the initial weights
        double[] shadow = new double[average.length];
        for (int i = 0; i < shadow.length; i++) {
            shadow[i] = raw.get(0)[i];
        }
        for (int n = 0; n < BATCHES_PER_EPOCH; n++) {
            double d = Math.min(decay, (1.0 + n) / (10.0 + n));
            for (int i = 0; i < shadow.length; i++) {
                shadow[i] = d * shadow[i] + (1 - d) * raw.get(n + 1)[i];
            }
        }
        for (int i = 0; i < average.length; i++) {
            assertThat((double) average[i]).as("weight " + i).isCloseTo(shadow[i], within(1e-6));
            assertThat(average[i]).as("weight " + i).isNotEqualTo(trained[i]);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoint last = CheckpointIO.read(CheckpointCallback.pathFor(checkpoints, BATCHES_PER_EPOCH), m);
            List<Float> saved = new ArrayList<>();
            last.parameters().values().forEach(a -> {
                for (float v : a.toFloatArray()) {
                    saved.add(v);
                }
            });
            assertThat(saved).containsExactly(box(trained));
            assertThat(last.ema()).isNotEmpty();
        }
        // without an average, the model ends with the trained weights
        try (RegressionModel model = new RegressionModel(1)) {
            List<float[]> seen = new ArrayList<>();
            Callback record = new Callback() {
                @Override
                public void onTrainEnd(TrainingSession session, TrainingResult result) {
                    seen.add(weights(session.model()));
                }
            };
            new Trainer(config.toBuilder().emaDecay(0).checkpoint(CheckpointConfig.disabled()).build(),
                    List.of(record)).fit(model, train(), null);
            assertThat(weights(model)).containsExactly(seen.get(0));
        }
    }

    private static Float[] box(float[] values) {
        Float[] out = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    // ---------------------------------------------------------------- validateEvery

    @Test
    void validateEveryValidatesOnTheRightEpochsOnly() {
        TrainingResult everySecond = fit(sgd().epochs(5).validateEvery(2).build(), withValidation());
        assertThat(everySecond.epochHistory()).extracting(e -> e.values().containsKey("validation_loss"))
                .containsExactly(false, true, false, true, false);
        TrainingResult everyEpoch = fit(sgd().epochs(3).validateEvery(1).build(), withValidation());
        assertThat(everyEpoch.epochHistory()).allMatch(e -> e.values().containsKey("validation_loss"));
        TrainingResult never = fit(sgd().epochs(3).validateEvery(0).build(), withValidation());
        assertThat(never.epochHistory()).noneMatch(e -> e.values().containsKey("validation_loss"));
        // the validation loss is the model's loss on the validation source, not the training one
        assertThat(everyEpoch.epochHistory().get(0).values().get("validation_loss"))
                .isNotEqualTo(everyEpoch.epochHistory().get(0).values().get("loss"));
    }

    // ---------------------------------------------------------------- checkpoint

    private CheckpointConfig.Builder checkpointsEvery(int steps) {
        return CheckpointConfig.builder().enabled(true).directory(dir.resolve("ckpt").toString()).everySteps(steps)
                .everyEpochs(0).saveBest(false);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void checkpointsAreWrittenOncePerIntervalAndExactlyKeepLastAreKept(int keepLast) throws Exception {
        CheckpointConfig checkpoint = checkpointsEvery(3).keepLast(keepLast).build();
        TrainingResult r = fit(sgd().epochs(3).maxSteps(10).checkpoint(checkpoint).build(), withoutValidation());
        // steps 3, 6 and 9 by the interval, then the final step 10; each written once
        List<Path> expected = Stream.of(3L, 6L, 9L, 10L).map(s -> CheckpointCallback.pathFor(checkpoint, s)).toList();
        assertThat(r.checkpoints()).containsExactlyElementsOf(expected);
        assertThat(checkpointFolders(dir.resolve("ckpt"))).containsExactlyElementsOf(
                expected.subList(expected.size() - keepLast, expected.size()).stream()
                        .map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void checkpointsByEpochFollowEveryEpochs() {
        CheckpointConfig checkpoint = CheckpointConfig.builder().enabled(true).directory(dir.resolve("ckpt").toString())
                .everyEpochs(2).keepLast(10).saveBest(false).build();
        TrainingResult r = fit(sgd().epochs(5).checkpoint(checkpoint).build(), withoutValidation());
        // after epochs 2 and 4 (steps 8 and 16) and at the end (step 20)
        assertThat(r.checkpoints()).containsExactly(CheckpointCallback.pathFor(checkpoint, 8),
                CheckpointCallback.pathFor(checkpoint, 16), CheckpointCallback.pathFor(checkpoint, 20));
        TrainingResult off = fit(sgd().epochs(2).checkpoint(checkpoint.toBuilder().enabled(false).build()).build(),
                withoutValidation());
        assertThat(off.checkpoints()).isEmpty();
    }

    @Test
    void theBestCheckpointFollowsTheMonitorAndItsMode() {
        CheckpointConfig min = CheckpointConfig.builder().enabled(true).directory(dir.resolve("min").toString())
                .everyEpochs(0).saveBest(true).monitor("validation_loss").mode(MonitorMode.MIN).build();
        TrainingResult r = fit(sgd().epochs(4).checkpoint(min).build(), withValidation());
        List<Double> losses = validationLosses(r);
        for (int i = 1; i < losses.size(); i++) {
            assertThat(losses.get(i)).as("validation loss falls every epoch").isLessThan(losses.get(i - 1));
        }
        Path minBest = dir.resolve("min").resolve("best").toAbsolutePath();
        assertThat(r.checkpoints()).containsExactly(minBest, minBest, minBest, minBest,
                CheckpointCallback.pathFor(min, 16));
        assertThat(bestStep(minBest)).isEqualTo(16); // the lowest: the last epoch

        CheckpointConfig max = min.toBuilder().directory(dir.resolve("max").toString()).mode(MonitorMode.MAX).build();
        TrainingResult m = fit(sgd().epochs(4).checkpoint(max).build(), withValidation());
        Path maxBest = dir.resolve("max").resolve("best").toAbsolutePath();
        assertThat(m.checkpoints()).containsExactly(maxBest, CheckpointCallback.pathFor(max, 16));
        assertThat(bestStep(maxBest)).isEqualTo(4); // the highest: the first epoch
    }

    private static long bestStep(Path best) {
        try (NDManager m = NDManager.newBaseManager()) {
            return CheckpointIO.read(best, m).step();
        }
    }

    @Test
    void aCallersCallbackThatRepeatsABuiltInOneIsRefused() {
        CheckpointConfig checkpoint = checkpointsEvery(2).build();
        TrainerConfig config = sgd().checkpoint(checkpoint)
                .earlyStopping(EarlyStoppingConfig.on("loss", MonitorMode.MIN, 2)).build();
        assertThatThrownBy(() -> new Trainer(config, List.of(new CheckpointCallback(checkpoint))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callbacks[0]")
                .hasMessageContaining("TrainerConfig.checkpoint");
        assertThatThrownBy(() -> new Trainer(config, List.of(new EarlyStopping(config.earlyStopping()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TrainerConfig.earlyStopping");
        // a second folder is the caller's own business, and its checkpoints come on top of the configured ones
        CheckpointConfig other = checkpoint.toBuilder().directory(dir.resolve("other").toString()).everySteps(4).build();
        TrainingResult r = fit(config.toBuilder().epochs(1).build(), withoutValidation(), new CheckpointCallback(other));
        assertThat(r.checkpoints()).containsExactly(CheckpointCallback.pathFor(checkpoint, 2),
                CheckpointCallback.pathFor(checkpoint, 4), CheckpointCallback.pathFor(other, 4));
    }

    // ---------------------------------------------------------------- earlyStopping

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void earlyStoppingStopsAfterExactlyPatienceEpochsWithoutImprovement(int patience) {
        // the loss never changes: epoch 0 sets the reference, epochs 1..patience do not improve on it
        TrainerConfig config = frozen().epochs(10)
                .earlyStopping(EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, patience)).build();
        TrainingResult r = fit(config, withValidation());
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.stopReason()).contains("validation_loss");
        assertThat(r.epochHistory()).hasSize(patience + 1);
        assertThat(r.steps()).isEqualTo((patience + 1L) * BATCHES_PER_EPOCH);
        // one more epoch of patience than the run has left: it runs to its end
        TrainingResult patient = fit(config.toBuilder().epochs(patience + 1)
                .earlyStopping(config.earlyStopping().toBuilder().patience(patience + 1).build()).build(), withValidation());
        assertThat(patient.stoppedEarly()).isFalse();
        assertThat(patient.epochHistory()).hasSize(patience + 1);
        // switched off, the same run goes on
        assertThat(fit(frozen().epochs(10).build(), withValidation()).epochHistory()).hasSize(10);
    }

    @Test
    void theModeDecidesWhatCountsAsAnImprovement() {
        // the validation loss falls every epoch: an improvement for min, never for max
        EarlyStoppingConfig min = EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, 1);
        TrainingResult falling = fit(sgd().epochs(6).earlyStopping(min).build(), withValidation());
        assertThat(falling.stoppedEarly()).isFalse();
        assertThat(falling.epochHistory()).hasSize(6);
        EarlyStoppingConfig max = min.toBuilder().mode(MonitorMode.MAX).build();
        TrainingResult stopped = fit(sgd().epochs(6).earlyStopping(max).build(), withValidation());
        assertThat(stopped.stoppedEarly()).isTrue();
        assertThat(stopped.epochHistory()).hasSize(2);
    }

    @Test
    void minDeltaIsTheSmallestChangeThatCountsAsAnImprovement() {
        List<Double> losses = validationLosses(fit(sgd().epochs(4).build(), withValidation()));
        double smallestGain = Double.MAX_VALUE;
        double largestGain = 0;
        for (int i = 1; i < losses.size(); i++) {
            double gain = losses.get(i - 1) - losses.get(i);
            assertThat(gain).isPositive();
            smallestGain = Math.min(smallestGain, gain);
            largestGain = Math.max(largestGain, gain);
        }
        EarlyStoppingConfig below = EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, 1).toBuilder()
                .minDelta(smallestGain * 0.5).build();
        assertThat(fit(sgd().epochs(4).earlyStopping(below).build(), withValidation()).stoppedEarly()).isFalse();
        EarlyStoppingConfig above = below.toBuilder().minDelta(largestGain * 2).build();
        TrainingResult r = fit(sgd().epochs(4).earlyStopping(above).build(), withValidation());
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.epochHistory()).hasSize(2);
    }

    @Test
    void earlyStoppingOnValidationLossCountsOnlyTheEpochsThatValidate() {
        // validation on epochs 1, 3, 5, ...: epoch 1 sets the reference, 3 and 5 fail to improve
        TrainerConfig config = frozen().epochs(10).validateEvery(2)
                .earlyStopping(EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, 2)).build();
        TrainingResult r = fit(config, withValidation());
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.epochHistory()).hasSize(6);
    }

    @Test
    void earlyStoppingCanWatchATrainingMetricAndRefusesAValidationLossThatNeverComes() {
        TrainerConfig onLoss = frozen().epochs(10).earlyStopping(EarlyStoppingConfig.on("loss", MonitorMode.MIN, 1))
                .build();
        TrainingResult r = fit(onLoss, withoutValidation());
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.epochHistory()).hasSize(2);

        TrainerConfig onValidation = frozen().epochs(10)
                .earlyStopping(EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, 1)).build();
        assertThatThrownBy(() -> fit(onValidation, withoutValidation())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("earlyStopping.monitor").hasMessageContaining("no validation source");
        assertThatThrownBy(() -> fit(onValidation.toBuilder().validateEvery(0).build(), withValidation()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validateEvery is 0");
        TrainerConfig typo = frozen().epochs(10).earlyStopping(EarlyStoppingConfig.on("val_loss", MonitorMode.MIN, 1))
                .build();
        assertThatThrownBy(() -> fit(typo, withValidation())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("earlyStopping.monitor 'val_loss'").hasMessageContaining("validation_loss");
    }

    // ---------------------------------------------------------------- logEvery

    @Test
    void logEverySetsHowOftenTheTrainerChecksEveryParameterIsFinite() {
        assertThat(divergedAt(4)).isEqualTo(3);
        assertThat(divergedAt(2)).isEqualTo(1);
        assertThat(divergedAt(1)).isEqualTo(1);
    }

    /**
     * Poisons a weight the loss never reads after step 0 and returns the step at which the
     * trainer's own guard notices (the loss checks cannot: the loss stays finite).
     */
    private static long divergedAt(int logEvery) {
        try (SpareWeightModel model = new SpareWeightModel()) {
            Callback poison = new Callback() {
                @Override
                public void onStepEnd(TrainingSession session, StepMetrics metrics) {
                    if (metrics.step() == 0) {
                        model.spare.getParameters().valueAt(0).getArray().muli(Float.NaN);
                    }
                }
            };
            TrainerConfig config = TrainerConfig.builder().epochs(2).batchSize(16).optimizer(OptimizerConfig.sgd(0.01, 0))
                    .logEvery(logEvery).build();
            TrainingDivergedException e = catchThrowableOfType(TrainingDivergedException.class,
                    () -> new Trainer(config, List.of(poison)).fit(model, train(), null));
            assertThat(e).as("logEvery " + logEvery).isNotNull();
            assertThat(e.getMessage()).contains("parameter");
            return e.step();
        }
    }

    /** Linear regression plus a second Linear block whose weights no loss reads. */
    private static final class SpareWeightModel implements GenerativeModel {
        private final RegressionModel regression = new RegressionModel(1);
        private final NDManager manager = NDManager.newBaseManager();
        private final Linear spare = Linear.builder().setUnits(1).build();
        private final SequentialBlock network = new SequentialBlock();

        SpareWeightModel() {
            spare.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            network.add(regression.network()).add(spare);
        }

        @Override
        public ModelConfig config() {
            return regression.config();
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public Shape exampleShape() {
            return regression.exampleShape();
        }

        @Override
        public Block network() {
            return network;
        }

        @Override
        public ModelOutputs forward(Batch batch, StepContext ctx) {
            return regression.forward(batch, ctx);
        }

        @Override
        public LossResult loss(Batch batch, ModelOutputs outputs, StepContext ctx) {
            return regression.loss(batch, outputs, ctx);
        }

        @Override
        public NDArray generate(int n, NDManager m, Rng rng) {
            return regression.generate(n, m, rng);
        }

        @Override
        public void close() {
            regression.close();
            manager.close();
        }
    }

    // ---------------------------------------------------------------- the order of the callbacks

    @Test
    void builtInCallbacksRunFirstInTheDocumentedOrderThenTheCallers() {
        Callback mine = new Callback() {
        };
        TrainerConfig everything = sgd().checkpoint(checkpointsEvery(1).build())
                .earlyStopping(EarlyStoppingConfig.on("loss", MonitorMode.MIN, 1)).build();
        assertThat(new Trainer(everything, List.of(mine)).callbacks())
                .extracting(c -> (Object) c.getClass())
                .containsExactly(NanGuard.class, EarlyStopping.class, CheckpointCallback.class, mine.getClass());
        assertThat(new Trainer(sgd().build()).callbacks()).extracting(c -> (Object) c.getClass())
                .containsExactly(NanGuard.class);
        // a recorder (metrics file) goes before the checkpoint, whatever its place in the caller's list
        Callback recorder = new Callback() {
            @Override
            public boolean recordsBeforeCheckpoint() {
                return true;
            }
        };
        assertThat(new Trainer(everything, List.of(mine, recorder)).callbacks())
                .containsSubsequence(recorder, mine)
                .extracting(c -> (Object) c.getClass())
                .containsExactly(NanGuard.class, EarlyStopping.class, recorder.getClass(), CheckpointCallback.class,
                        mine.getClass());
        // each run gets its own built-in callbacks: no "best" or patience carried from an earlier run
        Trainer trainer = new Trainer(everything);
        assertThat(trainer.callbacks().get(1)).isNotSameAs(trainer.callbacks().get(1));

        // a caller's callback sees the step's checkpoint already written
        List<Boolean> onDisk = new ArrayList<>();
        CheckpointConfig checkpoint = checkpointsEvery(1).keepLast(100).build();
        Callback look = new Callback() {
            @Override
            public void onStepEnd(TrainingSession session, StepMetrics metrics) {
                onDisk.add(Files.isDirectory(CheckpointCallback.pathFor(checkpoint, session.step())));
            }
        };
        fit(sgd().epochs(1).checkpoint(checkpoint).build(), withoutValidation(), look);
        assertThat(onDisk).containsExactly(true, true, true, true);
    }

    @Test
    void nullCallbacksAreRefusedByPosition() {
        List<Callback> withNull = new ArrayList<>();
        withNull.add(new Callback() {
        });
        withNull.add(null);
        assertThatThrownBy(() -> new Trainer(sgd().build(), withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callbacks[1]");
    }
}
