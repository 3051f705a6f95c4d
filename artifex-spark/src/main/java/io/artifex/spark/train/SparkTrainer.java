package io.artifex.spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.spark.train.Snapshots.OptState;
import io.artifex.spark.train.Snapshots.RoundState;
import io.artifex.spark.train.Snapshots.Tensor;
import io.artifex.spark.train.Snapshots.WorkerResult;
import io.artifex.spark.train.Snapshots.WorkerState;
import io.artifex.training.Trainer;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import io.artifex.training.optim.OptimizerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Data-parallel training on Apache Spark by parameter averaging (local SGD), with the library's
 * own {@link Trainer} on every worker, so every family whose phases the trainer runs (GANs with
 * their two phases, EBMs with their sampler) trains this way.
 *
 * <pre>{@code
 * SparkTrainingConfig spark = SparkTrainingConfig.builder().workers(4).averagingPeriod(8).rounds(50)
 *         .optimizerStatePolicy(OptimizerStatePolicy.AVERAGE).checkpointDirectory("/shared/run-1").build();
 * TrainerConfig trainer = TrainerConfig.builder().batchSize(64).seed(7)
 *         .optimizer(OptimizerConfig.adam(1e-3)).build();
 * SparkTrainingResult result = new SparkTrainer(spark, trainer).fit(model, examples);  // JavaRDD<TrainingExample>
 * }</pre>
 *
 * <h2>A round</h2>
 * <ol>
 *   <li>The driver serialises the averaged weights (and the optimizer state the policy sends) to
 *       bytes and broadcasts them.</li>
 *   <li>Each of the {@code workers} partitions (the data is split into exactly that many, example
 *       {@code i} to partition {@code i mod workers} in order, unless it already has that many)
 *       rebuilds the model from its config, loads the broadcast weights and runs the trainer for
 *       {@code averagingPeriod} steps of {@code batchSize} (the trainer config's batch size is per
 *       worker) on its shard, from global step {@code round * averagingPeriod}: learning-rate
 *       schedules run over {@code rounds * averagingPeriod} steps, and worker {@code i} draws its
 *       random streams from the seed {@code mix(seed, i)}.</li>
 *   <li>The driver averages the trainable weights, worker {@code i} weighted by the examples it
 *       saw in the round; optimizer state as {@link OptimizerStatePolicy} says; non-trainable
 *       parameters (running statistics, an EBM's replay buffer) stay each worker's own.</li>
 *   <li>It writes a round checkpoint, {@code <checkpointDirectory>/round-<rounds done>}, in the
 *       trainer's checkpoint format (manifest and checksums; {@code CheckpointModels.load} reads
 *       it), and logs the round's {@link RoundMetrics}.</li>
 * </ol>
 *
 * <p><b>Failures.</b> A worker's task is a pure function of the broadcast state and its partition,
 * so a failed task (a lost executor included) is simply rerun by Spark from the same broadcast
 * weights and gives the same result; the run is unchanged. If the job itself fails (more failures
 * than {@code spark.task.maxFailures}, or the driver dies), {@link #resume} continues from the last
 * round checkpoint: at most the round in progress is lost.
 *
 * <p>The trainer config's {@code epochs} and {@code maxSteps} are replaced by the rounds; its
 * checkpointing, early stopping and moving average must be off (the round checkpoints replace the
 * first; the others are refused until they are defined across workers).
 *
 * <p>Thread-safety: one {@code fit} or {@code resume} at a time.
 */
public final class SparkTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);
    private static final Pattern WORKER_KEY = Pattern.compile("worker-(\\d+)/(.+)");

    private final SparkTrainingConfig spark;
    private final TrainerConfig trainer;
    private final WorkerCallbacks callbacks;

    /** A trainer with no callbacks inside the workers. */
    public SparkTrainer(SparkTrainingConfig spark, TrainerConfig trainer) {
        this(spark, trainer, WorkerCallbacks.NONE);
    }

    /**
     * A trainer whose workers run the callbacks {@code callbacks} creates (after the trainer's
     * own NaN guard) in each round.
     *
     * @throws ConfigValidationException if the trainer config breaks a rule or uses a feature Spark
     *     training does not offer (checkpoint, early stopping, moving average)
     */
    public SparkTrainer(SparkTrainingConfig spark, TrainerConfig trainer, WorkerCallbacks callbacks) {
        if (spark == null) {
            throw new IllegalArgumentException("spark training config must not be null");
        }
        if (callbacks == null) {
            throw new IllegalArgumentException("worker callbacks must not be null (use WorkerCallbacks.NONE)");
        }
        new Trainer(trainer);
        List<String> refused = new ArrayList<>();
        if (trainer.checkpoint().enabled()) {
            refused.add("trainer.checkpoint.enabled: must be false; Spark training writes a checkpoint per round into"
                    + " sparkTraining.checkpointDirectory");
        }
        if (trainer.earlyStopping().enabled()) {
            refused.add("trainer.earlyStopping.enabled: must be false; Spark training runs sparkTraining.rounds rounds");
        }
        if (trainer.emaDecay() > 0) {
            refused.add("trainer.emaDecay: must be 0 for Spark training (got " + trainer.emaDecay()
                    + "); the averaged weights are already a smoothed estimate");
        }
        if (!refused.isEmpty()) {
            throw new ConfigValidationException("trainer", refused);
        }
        this.spark = spark;
        this.trainer = trainer;
        this.callbacks = callbacks;
    }

    /** The Spark training config. */
    public SparkTrainingConfig sparkConfig() {
        return spark;
    }

    /** The trainer config each worker runs (with the changes described in the class notes). */
    public TrainerConfig trainerConfig() {
        return trainer;
    }

    /**
     * Trains {@code model} (on the driver: its weights are the starting point, and it holds the
     * final averaged weights when this returns) on {@code data} for {@code rounds} rounds. The
     * checkpoint directory must hold no round checkpoint yet (a new run would otherwise mix with an
     * old one's; use {@link #resume} to continue it).
     */
    public SparkTrainingResult fit(GenerativeModel model, JavaRDD<TrainingExample> data) {
        checkArguments(model, data);
        RoundCheckpoints store = RoundCheckpoints.of(spark.checkpointDirectory());
        Optional<Integer> earlier = store.latestRound();
        if (earlier.isPresent()) {
            throw new IllegalArgumentException("sparkTraining.checkpointDirectory '" + spark.checkpointDirectory()
                    + "' already holds round checkpoints (" + RoundCheckpoints.name(earlier.get())
                    + "); resume from them, or start in an empty folder");
        }
        State state = State.initial(model);
        return run(model, data, state, 0, store);
    }

    /**
     * Continues the run whose round checkpoints are in {@code checkpointDirectory}: loads the
     * latest one (weights, optimizer states, each worker's state) and runs the remaining rounds up
     * to {@code rounds}; the result lists only those. The seed, policy and number of workers must
     * be those of the run that wrote it. Continuing exactly as the uninterrupted run would have
     * also needs the same data in the same partitions.
     */
    public SparkTrainingResult resume(GenerativeModel model, JavaRDD<TrainingExample> data) {
        checkArguments(model, data);
        RoundCheckpoints store = RoundCheckpoints.of(spark.checkpointDirectory());
        int latestRound = store.latestRound().orElseThrow(() -> new IllegalArgumentException(
                "sparkTraining.checkpointDirectory '" + spark.checkpointDirectory()
                        + "' holds no round checkpoint (round-NNNNNN) to resume from"));
        Path latest = store.readable(latestRound);
        State state;
        long step;
        try (NDManager scratch = model.manager().newSubManager()) {
            Checkpoint c = CheckpointIO.read(latest, scratch);
            if (c.seed() != trainer.seed()) {
                throw new IllegalArgumentException("round checkpoint " + latest + " was written with seed " + c.seed()
                        + " but the trainer config has seed " + trainer.seed() + "; resume needs the same seed");
            }
            step = c.step();
            state = State.fromCheckpoint(model, c, spark, latest);
        }
        if (step % spark.averagingPeriod() != 0) {
            throw new IllegalArgumentException("round checkpoint " + latest + " is at step " + step
                    + ", not a multiple of sparkTraining.averagingPeriod " + spark.averagingPeriod()
                    + "; resume with the averaging period of the run that wrote it");
        }
        int done = (int) (step / spark.averagingPeriod());
        if (done > spark.rounds()) {
            throw new IllegalArgumentException("round checkpoint " + latest + " has " + done + " rounds done, more than"
                    + " sparkTraining.rounds " + spark.rounds());
        }
        LOG.info("resuming from {} ({} of {} rounds done, step {})", store.describe(latestRound), done, spark.rounds(),
                step);
        return run(model, data, state, done, store);
    }

    /**
     * The latest round checkpoint ({@code round-NNNNNN}, highest number) in the plain folder
     * {@code directory}, if any (for a Hadoop URI, list the folder with Hadoop's tools).
     */
    public static Optional<Path> latestCheckpoint(Path directory) {
        Map.Entry<Integer, Path> last = RoundCheckpoints.localRounds(directory).lastEntry();
        return last == null ? Optional.empty() : Optional.of(last.getValue());
    }

    private void checkArguments(GenerativeModel model, JavaRDD<TrainingExample> data) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (data == null) {
            throw new IllegalArgumentException("training data must not be null");
        }
        // the workers rebuild the model from its config: it must be registered and writable
        ModelRegistry.defaultRegistry().typeIdOf(model.config());
    }

    private SparkTrainingResult run(GenerativeModel model, JavaRDD<TrainingExample> data, State state, int firstRound,
                                    RoundCheckpoints store) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        if (spark.workers() > sc.defaultParallelism()) {
            LOG.warn("sparkTraining.workers {} exceeds Spark's default parallelism {}: each round runs its workers in"
                    + " waves", spark.workers(), sc.defaultParallelism());
        }
        String modelJson = ConfigIO.toJson(model.config());
        String trainerJson = ConfigIO.toJson(trainer);
        JavaRDD<TrainingExample> shards = shard(data, spark.workers()).persist(StorageLevel.MEMORY_ONLY());
        List<RoundMetrics> metrics = new ArrayList<>();
        Path last = store.latestRound().map(store::readable).orElse(null);
        try {
            for (int round = firstRound; round < spark.rounds(); round++) {
                sc.setJobDescription("artifex-spark training round " + (round + 1) + "/" + spark.rounds());
                long t0 = System.nanoTime();
                long startStep = (long) round * spark.averagingPeriod();
                byte[] bytes = Snapshots.encode(new RoundState(round, startStep, modelJson, trainerJson, state.trainable,
                        state.frozen, state.shared, state.workers));
                Broadcast<byte[]> broadcast = sc.broadcast(bytes);
                long t1 = System.nanoTime();
                List<WorkerResult> results;
                try {
                    results = shards.mapPartitionsWithIndex(new WorkerRound(broadcast, spark, callbacks), false).collect();
                } finally {
                    broadcast.destroy(false);
                }
                long t2 = System.nanoTime();
                long resultBytes = results.stream().mapToLong(r -> Snapshots.encode(r).length).sum();
                RoundSummary summary = state.average(results, spark);
                long t3 = System.nanoTime();
                last = writeCheckpoint(state, model, startStep + spark.averagingPeriod(), round + 1, trainerJson, modelJson,
                        store);
                long t4 = System.nanoTime();
                RoundMetrics m = new RoundMetrics(round, startStep + spark.averagingPeriod(), summary.examples, summary.loss,
                        summary.retried, bytes.length, resultBytes, ms(t1 - t0), ms(t2 - t1), summary.slowestMillis,
                        summary.sumMillis, ms(t3 - t2), ms(t4 - t3));
                metrics.add(m);
                LOG.info(String.format(Locale.ROOT, "round %d/%d step %d: %d examples, loss %.5g; broadcast %.1f ms (%d bytes), train %.1f ms"
                                + " (slowest worker %.1f ms, all workers %.1f ms, %d retried), average %.1f ms, checkpoint %.1f ms;"
                                + " %.0f examples/s, overhead %.0f%%", round + 1, spark.rounds(), m.step(), m.examples(),
                        m.loss(), m.broadcastMillis(), m.broadcastBytes(), m.trainMillis(), m.slowestWorkerMillis(),
                        m.workerMillisSum(), m.retriedTasks(), m.averageMillis(), m.checkpointMillis(), m.examplesPerSecond(),
                        100 * m.overheadFraction()));
            }
        } finally {
            shards.unpersist(false);
        }
        state.copyInto(model);
        return new SparkTrainingResult(metrics, (long) spark.rounds() * spark.averagingPeriod(), last);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * The data in exactly {@code workers} partitions: as it is when it has that many, otherwise
     * example {@code i} (in the RDD's order) to partition {@code i mod workers}, in order within each.
     */
    static JavaRDD<TrainingExample> shard(JavaRDD<TrainingExample> data, int workers) {
        if (data.getNumPartitions() == workers) {
            return data.map(e -> e);
        }
        return data.zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .repartitionAndSortWithinPartitions(new ModuloPartitioner(workers)).values();
    }

    /** Sends a non-negative long key {@code i} to partition {@code i mod n}. */
    static final class ModuloPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        ModuloPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) partitions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModuloPartitioner p && p.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    private Path writeCheckpoint(State state, GenerativeModel model, long step, int done, String trainerJson,
                                 String modelJson, RoundCheckpoints store) {
        Path target = store.localFolder(done);
        try (NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            state.trainable.forEach((path, t) -> params.put(path, Snapshots.array(t, scratch)));
            state.frozenOf(0).forEach((path, t) -> params.put(path, Snapshots.array(t, scratch)));
            Map<String, OptimizerState> optimizers = new LinkedHashMap<>();
            state.shared.forEach((key, s) -> optimizers.put(key, Snapshots.optimizerState(s, scratch)));
            state.workers.forEach((worker, ws) -> {
                if (!state.frozen.isEmpty()) {
                    ws.frozen().forEach((path, t) -> params.put("worker-" + worker + "/" + path, Snapshots.array(t, scratch)));
                }
                ws.optimizers().forEach((key, s) -> optimizers.put("worker-" + worker + "/" + key,
                        Snapshots.optimizerState(s, scratch)));
            });
            CheckpointIO.write(new Checkpoint(step, 0, 0, trainer.seed(), params, optimizers, Map.of(), trainerJson,
                    modelJson), target);
        }
        store.publish(done);
        store.prune(done - spark.keepCheckpoints() + 1);
        return target;
    }

    /** The counts of one averaged round. */
    private record RoundSummary(long examples, double loss, int retried, double slowestMillis, double sumMillis) {
    }

    /** The driver's copy of the run's state between rounds. */
    private static final class State {
        private Map<String, Tensor> trainable;
        private final Map<String, Tensor> frozen;
        private Map<String, OptState> shared;
        private final Map<Integer, WorkerState> workers;

        private State(Map<String, Tensor> trainable, Map<String, Tensor> frozen, Map<String, OptState> shared,
                      Map<Integer, WorkerState> workers) {
            this.trainable = trainable;
            this.frozen = frozen;
            this.shared = shared;
            this.workers = workers;
        }

        static State initial(GenerativeModel model) {
            Map<String, Tensor> trainable = new LinkedHashMap<>();
            Map<String, Tensor> frozen = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                if (!p.getValue().isInitialized()) {
                    throw new IllegalArgumentException("model parameter '" + p.getKey() + "' is not initialised");
                }
                (p.getValue().requiresGradient() ? trainable : frozen)
                        .put(p.getKey(), Snapshots.tensor(p.getValue().getArray(), "parameter '" + p.getKey() + "'"));
            }
            if (trainable.isEmpty()) {
                throw new IllegalArgumentException("model network has no trainable parameters");
            }
            return new State(trainable, frozen, new LinkedHashMap<>(), new TreeMap<>());
        }

        static State fromCheckpoint(GenerativeModel model, Checkpoint c, SparkTrainingConfig spark, Path file) {
            State s = initial(model);
            for (String path : new ArrayList<>(s.trainable.keySet())) {
                s.trainable.put(path, Snapshots.tensor(required(c, path, file), "parameter '" + path + "'"));
            }
            for (String path : new ArrayList<>(s.frozen.keySet())) {
                s.frozen.put(path, Snapshots.tensor(required(c, path, file), "parameter '" + path + "'"));
            }
            Map<Integer, Map<String, Tensor>> frozenByWorker = new TreeMap<>();
            Map<Integer, Map<String, OptState>> optByWorker = new TreeMap<>();
            c.parameters().forEach((key, a) -> {
                Matcher m = WORKER_KEY.matcher(key);
                if (m.matches()) {
                    frozenByWorker.computeIfAbsent(worker(m, spark, file), w -> new LinkedHashMap<>())
                            .put(m.group(2), Snapshots.tensor(a, "parameter '" + key + "'"));
                }
            });
            c.optimizers().forEach((key, o) -> {
                Matcher m = WORKER_KEY.matcher(key);
                if (m.matches()) {
                    optByWorker.computeIfAbsent(worker(m, spark, file), w -> new LinkedHashMap<>())
                            .put(m.group(2), Snapshots.optState(o, "optimizer '" + key + "'"));
                } else {
                    s.shared.put(key, Snapshots.optState(o, "optimizer '" + key + "'"));
                }
            });
            boolean keep = spark.optimizerStatePolicy() == OptimizerStatePolicy.KEEP_PER_WORKER;
            if (keep && !s.shared.isEmpty() || !keep && !optByWorker.isEmpty()) {
                throw new IllegalArgumentException("round checkpoint " + file + " holds " + (keep ? "averaged" : "per-worker")
                        + " optimizer state but sparkTraining.optimizerStatePolicy is " + spark.optimizerStatePolicy()
                        + "; resume with the policy of the run that wrote it");
            }
            for (int w = 0; w < spark.workers(); w++) {
                if (frozenByWorker.containsKey(w) || optByWorker.containsKey(w)) {
                    s.workers.put(w, new WorkerState(frozenByWorker.getOrDefault(w, Map.of()),
                            optByWorker.getOrDefault(w, Map.of())));
                }
            }
            return s;
        }

        private static int worker(Matcher m, SparkTrainingConfig spark, Path file) {
            int w = Integer.parseInt(m.group(1));
            if (w >= spark.workers()) {
                throw new IllegalArgumentException("round checkpoint " + file + " holds state of worker " + w
                        + " but sparkTraining.workers is " + spark.workers() + "; resume with the workers of the run that wrote it");
            }
            return w;
        }

        private static NDArray required(Checkpoint c, String path, Path file) {
            NDArray a = c.parameters().get(path);
            if (a == null) {
                throw new IllegalArgumentException("round checkpoint " + file + " has no value for parameter '" + path + "'");
            }
            return a;
        }

        Map<String, Tensor> frozenOf(int worker) {
            WorkerState ws = workers.get(worker);
            return ws != null ? ws.frozen() : frozen;
        }

        RoundSummary average(List<WorkerResult> results, SparkTrainingConfig spark) {
            List<WorkerResult> sorted = new ArrayList<>(results);
            sorted.sort(Comparator.comparingInt(WorkerResult::worker));
            if (sorted.size() != spark.workers()) {
                throw new IllegalStateException("expected " + spark.workers() + " worker results, got " + sorted.size());
            }
            long[] weights = sorted.stream().mapToLong(WorkerResult::examples).toArray();
            trainable = Averaging.weighted(sorted.stream().map(WorkerResult::trainable).toList(), weights);
            if (spark.optimizerStatePolicy() == OptimizerStatePolicy.AVERAGE) {
                shared = Averaging.weightedStates(sorted.stream().map(WorkerResult::sharedOptimizers).toList(), weights);
            }
            long examples = 0;
            double loss = 0;
            int retried = 0;
            double slowest = 0;
            double sum = 0;
            for (WorkerResult r : sorted) {
                workers.put(r.worker(), r.state());
                examples += r.examples();
                loss += r.lossSum();
                retried += r.attempt() > 0 ? 1 : 0;
                slowest = Math.max(slowest, r.workNanos() / 1e6);
                sum += r.workNanos() / 1e6;
            }
            return new RoundSummary(examples, examples == 0 ? Double.NaN : loss / examples, retried, slowest, sum);
        }

        void copyInto(GenerativeModel model) {
            Map<String, Tensor> state = frozenOf(0);
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                Tensor t = trainable.containsKey(p.getKey()) ? trainable.get(p.getKey()) : state.get(p.getKey());
                Snapshots.copyInto(t, p.getValue().getArray(), "parameter '" + p.getKey() + "'");
            }
        }
    }
}
