package io.artifex.spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.Models;
import io.artifex.data.EpochOrder;
import io.artifex.spark.train.Snapshots.OptState;
import io.artifex.spark.train.Snapshots.RoundState;
import io.artifex.spark.train.Snapshots.Tensor;
import io.artifex.spark.train.Snapshots.WorkerResult;
import io.artifex.spark.train.Snapshots.WorkerState;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import io.artifex.training.optim.OptimizerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task one worker runs in a round, on an executor: rebuild the model from its config, load
 * the broadcast weights (and its optimizer state), run the library's {@link Trainer} for
 * {@code averagingPeriod} steps on the partition's shard, and send back weights, state and counts.
 *
 * <p><b>One trainer per JVM.</b> DJL's PyTorch engine allows one open gradient collector per JVM
 * (a static flag in {@code PtGradientCollector}; a second one throws, and leaves the thread's grad
 * mode on). Tasks of one executor run in threads of one JVM, so their local training takes
 * {@link #TRAINING} in turn: on one executor with several cores, workers train one after another.
 * Training scales with executors, not with cores per executor (see docs/distributed-training.md).
 *
 * <p>The weights and state enter the trainer as a checkpoint in a temporary folder that
 * {@link Trainer#resume} reads, and leave it as the checkpoint a callback writes after the round's
 * last step: so the worker runs exactly the trainer's loop (phases, clipping, schedules at the
 * global step, per-step random streams) with the trainer's own state handling. Package-private.
 */
final class WorkerRound implements Function2<Integer, Iterator<TrainingExample>, Iterator<WorkerResult>> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRound.class);
    /** Held by a task while it builds and trains its model: one gradient collector per JVM (see the class notes). */
    static final ReentrantLock TRAINING = new ReentrantLock(true);

    private final Broadcast<byte[]> broadcast;
    private final SparkTrainingConfig spark;
    private final WorkerCallbacks callbacks;

    WorkerRound(Broadcast<byte[]> broadcast, SparkTrainingConfig spark, WorkerCallbacks callbacks) {
        this.broadcast = broadcast;
        this.spark = spark;
        this.callbacks = callbacks;
    }

    /** The seed worker {@code worker}'s trainer runs with: its step streams and shard order derive from it. */
    static long workerSeed(long seed, int worker) {
        return EpochOrder.mix(seed, worker);
    }

    @Override
    public Iterator<WorkerResult> call(Integer worker, Iterator<TrainingExample> partition) {
        long taskStart = System.nanoTime();
        List<TrainingExample> shard = new ArrayList<>();
        partition.forEachRemaining(shard::add);
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        RoundState state = Snapshots.decode(broadcast.value(), RoundState.class);
        ModelConfig modelConfig = ConfigIO.fromJson(state.modelConfigJson(), ModelConfig.class);
        TrainerConfig base = ConfigIO.fromJson(state.trainerConfigJson(), TrainerConfig.class);
        long seed = workerSeed(base.seed(), worker);
        long endStep = state.startStep() + spark.averagingPeriod();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("artifex-spark-worker-" + worker + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + worker + " cannot create a temporary folder: " + e.getMessage(), e);
        }
        long waitStart = System.nanoTime();
        TRAINING.lock();
        long waited = System.nanoTime() - waitStart;
        boolean gradMode = EngineThreads.prepareForTraining();
        if (waited > 1_000_000L) {
            LOG.debug("worker {} waited {} ms for another task's training in this JVM", worker, waited / 1_000_000);
        }
        try (GenerativeModel model = Models.create(modelConfig, 0)) {
            ShardSource source = new ShardSource(shard, base.batchSize(),
                    model.dataContract().exampleShape().orElse(null), spark.shuffle(), seed, worker);
            int bpe = source.batchesPerEpoch();
            long epochs = spark.totalSteps() / bpe + 2;
            if (epochs > ConfigLimits.MAX_EPOCHS) {
                throw new IllegalArgumentException("partition " + worker + ": its " + shard.size() + " examples make "
                        + bpe + " batches per epoch, so sparkTraining.rounds * averagingPeriod = " + spark.totalSteps()
                        + " steps would need more than " + ConfigLimits.MAX_EPOCHS + " epochs; give each worker more"
                        + " examples or run fewer steps");
            }
            TrainerConfig local = base.toBuilder().seed(seed).epochs((int) epochs).maxSteps(spark.totalSteps())
                    .validateEvery(0).checkpoint(CheckpointConfig.disabled()).earlyStopping(EarlyStoppingConfig.disabled())
                    .build();
            WorkerState own = state.workers().get(worker);
            Path begin = tmp.resolve("begin");
            try (NDManager scratch = model.manager().newSubManager()) {
                Map<String, NDArray> params = new LinkedHashMap<>();
                for (Pair<String, Parameter> p : model.network().getParameters()) {
                    Tensor t = state.trainable().get(p.getKey());
                    if (t == null) {
                        t = own != null ? own.frozen().get(p.getKey()) : state.frozen().get(p.getKey());
                    }
                    if (t == null) {
                        throw new IllegalArgumentException("the broadcast weights have no value for parameter '" + p.getKey()
                                + "' of the worker's " + modelConfig.getClass().getSimpleName());
                    }
                    params.put(p.getKey(), Snapshots.array(t, scratch));
                }
                Map<String, OptState> opt = spark.optimizerStatePolicy() == OptimizerStatePolicy.KEEP_PER_WORKER
                        ? (own != null ? own.optimizers() : Map.of()) : state.sharedOptimizers();
                Map<String, OptimizerState> optimizers = new LinkedHashMap<>();
                opt.forEach((key, s) -> optimizers.put(key, Snapshots.optimizerState(s, scratch)));
                CheckpointIO.write(new Checkpoint(state.startStep(), state.startStep() / bpe, (int) (state.startStep() % bpe),
                        seed, params, optimizers, Map.of(), state.trainerConfigJson(), state.modelConfigJson()), begin);
            }
            RoundEnd end = new RoundEnd(endStep, tmp.resolve("end"));
            List<Callback> all = new ArrayList<>(callbacks.create(worker, state.round()));
            all.add(end);
            new Trainer(local, all).resume(begin, model, source, null);
            if (end.steps == 0) {
                throw new IllegalArgumentException("worker " + worker + " ran no step in round " + state.round()
                        + " (a worker callback stopped it first)");
            }
            WorkerResult result = read(end, worker, attempt, state, taskStart + waited);
            LOG.debug("worker {} (attempt {}) round {}: {} steps, {} examples, {} ms", worker, attempt, state.round(),
                    end.steps, end.examples, result.workNanos() / 1_000_000);
            return List.of(result).iterator();
        } finally {
            EngineThreads.restore(gradMode);
            TRAINING.unlock();
            delete(tmp);
        }
    }

    private WorkerResult read(RoundEnd end, int worker, int attempt, RoundState state, long start) {
        try (NDManager scratch = NDManager.newBaseManager()) {
            Checkpoint c = CheckpointIO.read(end.directory, scratch);
            Map<String, Tensor> trainable = new LinkedHashMap<>();
            Map<String, Tensor> frozen = new LinkedHashMap<>();
            c.parameters().forEach((path, a) -> (state.trainable().containsKey(path) ? trainable : frozen)
                    .put(path, Snapshots.tensor(a, "parameter '" + path + "'")));
            Map<String, OptState> optimizers = new LinkedHashMap<>();
            c.optimizers().forEach((key, s) -> optimizers.put(key, Snapshots.optState(s, "optimizer '" + key + "'")));
            boolean keep = spark.optimizerStatePolicy() == OptimizerStatePolicy.KEEP_PER_WORKER;
            return new WorkerResult(worker, attempt, end.examples, end.steps, end.lossSum, trainable,
                    new Snapshots.WorkerState(frozen, keep ? optimizers : Map.of()), keep ? Map.of() : optimizers,
                    System.nanoTime() - start);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the worker's temporary folder {}: {}", dir, e.getMessage());
        }
    }

    /** Counts the round's steps and examples, and writes the checkpoint and stops at the round's last step. */
    static final class RoundEnd implements Callback {
        private final long endStep;
        private final Path directory;
        private long steps;
        private long examples;
        private double lossSum;
        private boolean written;

        RoundEnd(long endStep, Path directory) {
            this.endStep = endStep;
            this.directory = directory;
        }

        @Override
        public void onStepEnd(TrainingSession session, StepMetrics metrics) {
            steps++;
            examples += metrics.examples();
            lossSum += metrics.loss() * metrics.examples();
            if (session.step() >= endStep) {
                session.writeCheckpoint(directory);
                written = true;
                session.requestStop("averaging round ends at step " + endStep);
            }
        }

        @Override
        public void onTrainEnd(TrainingSession session, TrainingResult result) {
            if (!written && steps > 0) {
                session.writeCheckpoint(directory);
                written = true;
            }
        }
    }
}
