package io.artifex.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.training.EpochMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.CheckpointCallback;
import io.artifex.training.ema.ExponentialMovingAverage;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.ToySource;
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
 * Retention and selection of checkpoints, beyond {@code TrainerSettingsTest} (whose validation
 * loss falls every epoch, so "best" is always the first or the last epoch): best-of-N over a
 * hand-written sequence that rises and falls and has ties, checked by the weights in
 * {@code best}; and a resume from the newest checkpoint that pruning kept. Planted bugs these
 * catch: an inverted or non-strict "best" comparison, "best" following the latest epoch, pruning
 * that keeps the oldest folders or one too many or too few, and pruning the checkpoint a resume
 * needs.
 */
class CheckpointRetentionTest {

    @TempDir
    Path dir;

    /**
     * A session around a real model: each epoch the test sets the model's weights to
     * {@code 100 + epoch}, and {@code writeCheckpoint} writes them through CheckpointIO.
     */
    private static final class EpochWeights implements TrainingSession {
        private final RegressionModel model = new RegressionModel(1);
        private final TrainerConfig config;
        private long step;
        private long epoch;

        EpochWeights(TrainerConfig config) {
            this.config = config;
        }

        void startEpoch(long e) {
            epoch = e;
            step = 4 * (e + 1);
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                NDArray a = p.getValue().getArray();
                a.set(new ai.djl.ndarray.index.NDIndex("..."), 100f + e);
            }
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
            return epoch;
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
            throw new AssertionError("the checkpoint callback never stops a run, asked with: " + reason);
        }

        @Override
        public Path writeCheckpoint(Path directory) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                params.put(p.getKey(), p.getValue().getArray());
            }
            return CheckpointIO.write(new Checkpoint(step, epoch + 1, 0, 1, params, Map.of(), Map.of(), "{}", "{}"),
                    directory);
        }
    }

    /** Runs the callback over {@code values} (one per epoch) and returns the epoch whose weights are in best/. */
    private long bestEpochOf(MonitorMode mode, double... values) {
        CheckpointConfig checkpoints = CheckpointConfig.builder().enabled(true).directory(dir.resolve(mode.name()).toString())
                .everyEpochs(0).saveBest(true).monitor("validation_loss").mode(mode).build();
        TrainerConfig config = TrainerConfig.builder().optimizer(OptimizerConfig.sgd(0.1, 0)).checkpoint(checkpoints)
                .build();
        CheckpointCallback callback = new CheckpointCallback(checkpoints);
        EpochWeights session = new EpochWeights(config);
        try {
            for (int e = 0; e < values.length; e++) {
                session.startEpoch(e);
                callback.onEpochEnd(session, new EpochMetrics(e, session.step(), Map.of("validation_loss", values[e])));
            }
            try (NDManager m = NDManager.newBaseManager()) {
                Checkpoint best = CheckpointIO.read(callback.bestPath(), m);
                float weight = best.parameters().values().iterator().next().toFloatArray()[0];
                assertThat(best.epoch()).as("the counters travel with the weights").isEqualTo((long) weight - 100 + 1);
                return (long) weight - 100;
            }
        } finally {
            session.model.close();
        }
    }

    @Test
    void bestHoldsTheWeightsOfTheLowestEpochInModeMinAndTheEarliestOfATie() {
        // worked by hand: the lowest is 1.0, first at epoch 2 (epoch 1 measured nothing), again at epoch 4
        assertThat(bestEpochOf(MonitorMode.MIN, 2.0, Double.NaN, 1.0, 5.0, 1.0, 4.0)).isEqualTo(2);
    }

    @Test
    void bestHoldsTheWeightsOfTheHighestEpochInModeMaxAndTheEarliestOfATie() {
        // worked by hand: the highest is 5.0, first at epoch 1, again at epoch 3
        assertThat(bestEpochOf(MonitorMode.MAX, 2.0, 5.0, 1.0, 5.0, 3.0)).isEqualTo(1);
    }

    private static TrainerConfig.Builder regression() {
        return TrainerConfig.builder().epochs(3).batchSize(16).seed(4).optimizer(OptimizerConfig.adam(0.05));
    }

    private static List<String> folders(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Float> weights(GenerativeModel model) {
        List<Float> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void aRunCutOffAfterPruningResumesFromTheNewestKeptCheckpointToTheSameWeights() throws Exception {
        // 64 rows in batches of 16: four steps per epoch, twelve in all
        List<Float> uninterrupted;
        try (RegressionModel model = new RegressionModel(3)) {
            new Trainer(regression().build()).fit(model, new ToySource(64, 16, 9), null);
            uninterrupted = weights(model);
        }
        CheckpointConfig checkpoints = CheckpointConfig.builder().enabled(true).directory(dir.resolve("ck").toString())
                .everySteps(2).everyEpochs(0).keepLast(2).saveBest(false).build();
        try (RegressionModel model = new RegressionModel(3)) {
            new Trainer(regression().maxSteps(7).checkpoint(checkpoints).build())
                    .fit(model, new ToySource(64, 16, 9), null);
        }
        // steps 2, 4 and 6 by the interval and 7 at the end: exactly the newest two remain
        assertThat(folders(dir.resolve("ck"))).containsExactly("step-000000006", "step-000000007");
        Path newest = dir.resolve("ck").resolve(folders(dir.resolve("ck")).get(1));
        try (RegressionModel fresh = new RegressionModel(77)) { // other initial weights: all must come from newest
            new Trainer(regression().checkpoint(checkpoints).build()).resume(newest, fresh, new ToySource(64, 16, 9),
                    null);
            assertThat(weights(fresh)).containsExactlyElementsOf(uninterrupted);
        }
        // the resumed run goes on writing and pruning in the same folder: 8, 10, 12
        assertThat(folders(dir.resolve("ck"))).containsExactly("step-000000010", "step-000000012");
    }
}
