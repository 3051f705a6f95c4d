package io.artifex.training.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingDivergedException;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.training.ema.ExponentialMovingAverage;
import io.artifex.training.fixtures.RegressionModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each training callback driven by a scripted session (no trainer, no model training): a fixed
 * sequence of steps and epoch metrics goes in, and the test checks what the callback decided
 * (stop or not, after which epoch), which checkpoint folders exist afterwards, and the exact
 * lines it wrote. The expected values are worked out by hand from the script.
 */
class ScriptedCallbacksTest {

    @TempDir
    Path dir;

    /** A session whose step the test sets; it records stop requests and checkpoint writes. */
    private static final class ScriptedSession implements TrainingSession {
        private final TrainerConfig config;
        private final GenerativeModel model;
        long step;
        final List<String> stops = new ArrayList<>();
        final List<Path> written = new ArrayList<>();

        ScriptedSession(TrainerConfig config, GenerativeModel model) {
            this.config = config;
            this.model = model;
        }

        @Override
        public GenerativeModel model() {
            return model;
        }

        @Override
        public TrainerConfig config() {
            return config;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public long epoch() {
            return 0;
        }

        @Override
        public long totalSteps() {
            return 100;
        }

        @Override
        public Optional<ExponentialMovingAverage> ema() {
            return Optional.empty();
        }

        @Override
        public void requestStop(String reason) {
            stops.add(reason);
        }

        @Override
        public Path writeCheckpoint(Path directory) {
            try {
                Files.createDirectories(directory);
                Files.writeString(directory.resolve("step"), Long.toString(step));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written.add(directory);
            return directory;
        }
    }

    private static TrainerConfig trainer(int validateEvery) {
        return TrainerConfig.builder().epochs(10).batchSize(4).validateEvery(validateEvery).build();
    }

    private static EpochMetrics epoch(long epoch, String key, double value) {
        return new EpochMetrics(epoch, 10 * (epoch + 1), Map.of(key, value));
    }

    /** Feeds the values as epochs 0, 1, ... and returns the epoch after which a stop was first requested (-1: none). */
    private static int stopEpoch(EarlyStopping callback, ScriptedSession session, String key, double... values) {
        for (int e = 0; e < values.length; e++) {
            callback.onEpochEnd(session, epoch(e, key, values[e]));
            if (!session.stops.isEmpty()) {
                return e;
            }
        }
        return -1;
    }

    /**
     * Patience 2, minDelta 0.1, MIN: 1.0 sets the best; 0.95 is not better by more than 0.1
     * (count 1); 0.85 is (count reset, best 0.85); 0.80 and 0.90 are not: the stop comes after
     * epoch 4, not earlier, not later. Catches a dropped minDelta (stop after epoch 5 instead), a
     * count that is not reset on improvement (after epoch 3), patience off by one, and MIN/MAX
     * swapped (the MAX run below stops at a different epoch).
     */
    @Test
    void earlyStoppingStopsExactlyAfterPatienceEpochsWithoutAnImprovementLargerThanMinDelta() {
        EarlyStoppingConfig min = EarlyStoppingConfig.on("loss", MonitorMode.MIN, 2).toBuilder().minDelta(0.1).build();
        ScriptedSession s = new ScriptedSession(trainer(0), null);
        EarlyStopping stopping = new EarlyStopping(min);
        assertThat(stopEpoch(stopping, s, "loss", 1.0, 0.95, 0.85, 0.80, 0.90, 0.1)).isEqualTo(4);
        assertThat(stopping.epochsWithoutImprovement()).isEqualTo(2);
        assertThat(s.stops.get(0)).contains("loss").contains("0.85").contains("2 epochs");

        // without minDelta, 0.80 improves on 0.85: the two epochs without improvement are 0.90 and 0.95
        ScriptedSession plain = new ScriptedSession(trainer(0), null);
        assertThat(stopEpoch(new EarlyStopping(EarlyStoppingConfig.on("loss", MonitorMode.MIN, 2)), plain, "loss",
                1.0, 0.95, 0.85, 0.80, 0.90, 0.95, 0.1)).isEqualTo(5);

        // MAX: an accuracy that rises, then stalls for three epochs with patience 3
        ScriptedSession max = new ScriptedSession(trainer(0), null);
        assertThat(stopEpoch(new EarlyStopping(EarlyStoppingConfig.on("acc", MonitorMode.MAX, 3)), max, "acc",
                0.5, 0.6, 0.7, 0.7, 0.65, 0.69, 0.9)).isEqualTo(5);

        // disabled: never stops
        ScriptedSession off = new ScriptedSession(trainer(0), null);
        assertThat(stopEpoch(new EarlyStopping(EarlyStoppingConfig.disabled()), off, "validation_loss",
                1, 2, 3, 4, 5)).isEqualTo(-1);
    }

    /**
     * With validation every 2 epochs, the epochs without a validation loss neither count nor
     * reset: patience 1 stops after the second measured epoch that does not improve, epoch 3.
     * A monitor that is never measured is an error naming the field.
     */
    @Test
    void earlyStoppingCountsOnlyTheEpochsThatValidate() {
        ScriptedSession s = new ScriptedSession(trainer(2), null);
        EarlyStopping stopping = new EarlyStopping(EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, 1));
        stopping.onEpochEnd(s, new EpochMetrics(0, 10, Map.of("loss", 5.0)));
        stopping.onEpochEnd(s, epoch(1, "validation_loss", 2.0));
        stopping.onEpochEnd(s, new EpochMetrics(2, 30, Map.of("loss", 5.0)));
        assertThat(s.stops).isEmpty();
        stopping.onEpochEnd(s, epoch(3, "validation_loss", 2.5));
        assertThat(s.stops).hasSize(1);

        EarlyStopping unknown = new EarlyStopping(EarlyStoppingConfig.on("accuracy", MonitorMode.MAX, 1));
        assertThatThrownBy(() -> unknown.onEpochEnd(s, epoch(0, "loss", 1.0)))
                .hasMessageContaining("earlyStopping.monitor 'accuracy'");
    }

    private static List<String> children(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static StepMetrics step(long step, double loss) {
        return new StepMetrics(step, 0, (int) step, 4, Map.of("loss", loss));
    }

    /**
     * Every 2 steps, keep the last 3: after steps 1..10 the folders of steps 6, 8 and 10 remain
     * (catches keep-last off by one: 2 or 4 folders), then the run's end at step 11 adds step 11
     * and prunes step 6. Best by MIN validation loss: written on 3.0, 2.0, 1.5, not on 2.5 or a
     * NaN, and holds the step of 1.5 (catches the comparison inverted).
     */
    @Test
    void checkpointCallbackWritesEveryNStepsKeepsTheLastKAndTheBest() throws IOException {
        CheckpointConfig config = CheckpointConfig.builder().enabled(true).directory(dir.resolve("ck").toString())
                .everySteps(2).everyEpochs(0)
                .keepLast(3).saveBest(true).monitor("validation_loss").mode(MonitorMode.MIN).build();
        CheckpointCallback callback = new CheckpointCallback(config);
        ScriptedSession s = new ScriptedSession(trainer(1), null);
        for (long t = 1; t <= 10; t++) {
            s.step = t;
            callback.onStepEnd(s, step(t - 1, 1.0));
        }
        assertThat(children(callback.directory()))
                .containsExactly("step-000000006", "step-000000008", "step-000000010");
        assertThat(s.written).hasSize(5);

        double[] validation = {3.0, 2.0, 2.5, 1.5, Double.NaN, 1.7};
        List<Long> bestAt = new ArrayList<>();
        for (int e = 0; e < validation.length; e++) {
            s.step = 20 + e;
            int before = s.written.size();
            callback.onEpochEnd(s, epoch(e, "validation_loss", validation[e]));
            if (s.written.size() > before) {
                assertThat(s.written.get(s.written.size() - 1)).isEqualTo(callback.bestPath());
                bestAt.add(s.step);
            }
        }
        assertThat(bestAt).containsExactly(20L, 21L, 23L);
        assertThat(Files.readString(callback.bestPath().resolve("step"))).isEqualTo("23");

        s.step = 11;
        callback.onTrainEnd(s, new TrainingResult(11, List.of(), List.of(), null, List.of()));
        assertThat(children(callback.directory()))
                .containsExactly("best", "step-000000008", "step-000000010", "step-000000011");
        // the end of a run whose last step was already saved writes nothing more
        int count = s.written.size();
        callback.onTrainEnd(s, new TrainingResult(11, List.of(), List.of(), null, List.of()));
        assertThat(s.written).hasSize(count);
    }

    /** MAX mode keeps the largest value; every 2 epochs writes after epochs 1 and 3 (0-based). */
    @Test
    void checkpointCallbackSavesEveryNEpochsAndTheLargestValueInMaxMode() throws IOException {
        CheckpointConfig config = CheckpointConfig.builder().enabled(true).directory(dir.resolve("max").toString()).everySteps(0)
                .everyEpochs(2).keepLast(5).saveBest(true).monitor("accuracy").mode(MonitorMode.MAX).build();
        CheckpointCallback callback = new CheckpointCallback(config);
        ScriptedSession s = new ScriptedSession(trainer(0), null);
        double[] accuracy = {0.5, 0.4, 0.8, 0.7};
        for (int e = 0; e < accuracy.length; e++) {
            s.step = 10L * (e + 1);
            callback.onStepEnd(s, step(s.step - 1, 1.0));
            callback.onEpochEnd(s, epoch(e, "accuracy", accuracy[e]));
        }
        assertThat(children(callback.directory())).containsExactly("best", "step-000000020", "step-000000040");
        assertThat(Files.readString(callback.bestPath().resolve("step"))).isEqualTo("30");
    }

    /**
     * The CSV has the columns of the first step, values in %.8g, an empty cell for a value a
     * later step lacks; the JSON lines interleave steps and epochs in call order.
     */
    @Test
    void metricsLoggerWritesTheScriptedValuesExactly() throws IOException {
        Path csv = dir.resolve("out/metrics.csv");
        Path jsonl = dir.resolve("out/metrics.jsonl");
        MetricsLogger logger = new MetricsLogger(csv, jsonl);
        ScriptedSession s = new ScriptedSession(trainer(0), null);
        logger.onTrainStart(s);
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("loss", 0.5);
        first.put("lr/default", 0.001);
        logger.onStepEnd(s, new StepMetrics(0, 0, 0, 4, first));
        logger.onStepEnd(s, new StepMetrics(1, 0, 1, 3, Map.of("loss", 0.25)));
        logger.onEpochEnd(s, new EpochMetrics(0, 2, Map.of("validation_loss", 0.75)));
        logger.onTrainEnd(s, new TrainingResult(2, List.of(), List.of(), null, List.of()));

        assertThat(Files.readAllLines(csv)).containsExactly(
                "split,step,epoch,batch,examples,loss,lr/default,validation_loss",
                "train,0,0,0,4,0.50000000,0.0010000000,",
                "train,1,0,1,3,0.25000000,,",
                "validation,2,0,,,,,0.75000000");
        assertThat(Files.readAllLines(jsonl)).containsExactly(
                "{\"type\":\"step\",\"step\":0,\"epoch\":0,\"batch\":0,\"examples\":4,\"loss\":0.5,\"lr/default\":0.001}",
                "{\"type\":\"step\",\"step\":1,\"epoch\":0,\"batch\":1,\"examples\":3,\"loss\":0.25}",
                "{\"type\":\"epoch\",\"epoch\":0,\"step\":2,\"validation_loss\":0.75}");
        Path noCsvFile = null;
        Path noJsonLinesFile = null;
        assertThatThrownBy(() -> new MetricsLogger(noCsvFile, noJsonLinesFile)).hasMessageContaining("CSV file");
    }

    /**
     * A two-stage run: a value first seen at a later step (the second phase's) widens the header,
     * the earlier rows getting an empty cell in the new column, before {@code validation_loss};
     * a validation's {@code validation/<column>} values fill those columns of its row, and one
     * with no training column widens the header again. Planted bugs caught: a new column appended
     * after validation_loss (header order), old rows not padded (row widths), validation measures
     * left out of the validation row.
     */
    @Test
    void metricsLoggerWidensTheHeaderForValuesFirstSeenLater() throws IOException {
        Path csv = dir.resolve("staged/metrics.csv");
        MetricsLogger logger = new MetricsLogger(csv, null);
        ScriptedSession s = new ScriptedSession(trainer(0), null);
        logger.onTrainStart(s);
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("a/loss", 0.5);
        first.put("loss", 0.5);
        logger.onStepEnd(s, new StepMetrics(0, 0, 0, 4, first));
        Map<String, Double> second = new LinkedHashMap<>();
        second.put("b/loss", 2.0);
        second.put("loss", 2.0);
        logger.onStepEnd(s, new StepMetrics(1, 0, 1, 4, second));
        Map<String, Double> epoch = new LinkedHashMap<>();
        epoch.put("loss", 1.25);
        epoch.put("validation_loss", 1.5);
        epoch.put("validation/b/loss", 1.5);
        epoch.put("validation/b/extra", 3.0);
        logger.onEpochEnd(s, new EpochMetrics(0, 2, epoch));
        logger.onTrainEnd(s, new TrainingResult(2, List.of(), List.of(), null, List.of()));

        assertThat(Files.readAllLines(csv)).containsExactly(
                "split,step,epoch,batch,examples,a/loss,loss,b/loss,b/extra,validation_loss",
                "train,0,0,0,4,0.50000000,0.50000000,,,",
                "train,1,0,1,4,,2.0000000,2.0000000,,",
                "validation,2,0,,,,,1.5000000,3.0000000,1.5000000");
    }

    /**
     * NanGuard(3) checks the parameters after steps 2, 5, 8 (0-based), not in between: a NaN
     * planted in a weight goes unnoticed after step 3 and 4 and is reported after step 5.
     * Its loss check names the first non-finite term.
     */
    @Test
    void nanGuardChecksTheParametersOnItsCadenceAndNamesTheBadValue() {
        try (RegressionModel model = new RegressionModel(1)) {
            ScriptedSession s = new ScriptedSession(trainer(0), model);
            NanGuard guard = new NanGuard(3);
            for (long t = 0; t < 3; t++) {
                guard.onStepEnd(s, step(t, 1.0));
            }
            Pair<String, Parameter> first = model.network().getParameters().get(0);
            first.getValue().getArray().set(new NDIndex("0"), Float.NaN);
            guard.onStepEnd(s, step(3, 1.0));
            guard.onStepEnd(s, step(4, 1.0));
            assertThatThrownBy(() -> guard.onStepEnd(s, step(5, 1.0))).isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining(first.getKey());
        }
        Map<String, Float> values = new LinkedHashMap<>();
        values.put("loss", 1f);
        values.put("kl", Float.POSITIVE_INFINITY);
        assertThatThrownBy(() -> NanGuard.checkLoss("train", 7, values)).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("kl");
        NanGuard.checkLoss("train", 7, Map.of("loss", 1f, "kl", -3f));
        assertThatThrownBy(() -> new NanGuard(0)).hasMessageContaining("everySteps");
    }
}
