package io.artifex.spark.train;

import java.nio.file.Files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.Models;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.gan.MlpGanConfig;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.training.Trainer;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import io.artifex.training.checkpoint.CheckpointModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training on {@code local[2]} with tiny networks: exactness against a single-machine
 * trainer run, a VAE and a GAN round, resume from a round checkpoint. The retry test needs its own
 * master ({@code local[2,2]}) and lives in {@link SparkTrainerRetryTest}.
 */
class SparkTrainerTest {

    private static SparkSession spark;
    private static JavaSparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("spark-trainer-test")
                .config("spark.ui.enabled", "false").getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A 2-D RealNVP: its loss (the mean exact NLL) draws no random numbers, so runs can be compared exactly. */
    static RealNvpConfig flow() {
        return RealNvpConfig.builder().name("flow").inputDim(2).numCouplingLayers(2)
                .couplingNetwork(CouplingNetworkConfig.builder().name("c").hiddenDims(8).build()).dequantize(false).build();
    }

    static List<TrainingExample> points(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TrainingExample.of((float) (random.nextGaussian() + 1), (float) (0.5 * random.nextGaussian() - 1)));
        }
        return out;
    }

    /** An RDD whose partition i is exactly {@code parts.get(i)}, in order. */
    static JavaRDD<TrainingExample> partitioned(JavaSparkContext sc, List<List<TrainingExample>> parts) {
        return sc.parallelize(parts, parts.size()).flatMap(List::iterator);
    }

    static Map<String, float[]> weights(GenerativeModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    static void assertSameWeights(Map<String, float[]> actual, Map<String, float[]> expected, float tolerance) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, e) -> {
            float[] a = actual.get(path);
            for (int i = 0; i < e.length; i++) {
                assertThat(a[i]).as("%s[%d]", path, i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(tolerance));
            }
        });
    }

    /** The examples of {@code list} as one source, in order, never shuffled (the single-machine reference). */
    static BatchSource inOrder(List<TrainingExample> list, int batchSize) {
        return new BatchSource() {
            @Override
            public int size() {
                return list.size();
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public int batchesPerEpoch() {
                return (list.size() + batchSize - 1) / batchSize;
            }

            @Override
            public Shape exampleShape() {
                return new Shape(list.get(0).features().length);
            }

            @Override
            public EpochIterator epoch(long epoch) {
                return new EpochIterator() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < batchesPerEpoch();
                    }

                    @Override
                    public Batch next(NDManager manager) {
                        int from = next++ * batchSize;
                        int to = Math.min(list.size(), from + batchSize);
                        int d = list.get(0).features().length;
                        float[] x = new float[(to - from) * d];
                        for (int i = from; i < to; i++) {
                            System.arraycopy(list.get(i).features(), 0, x, (i - from) * d, d);
                        }
                        return Batch.of(manager.create(x, new Shape(to - from, d)));
                    }
                };
            }
        };
    }

    /**
     * Plain SGD with an averaging period of one step: averaging worker weights w - lr * g_i, weighted
     * by examples, is one step of the full-batch mean gradient. Shards of 4 and 2 examples (each worker's
     * whole shard is its batch) must match a single trainer on all 6 for three steps. Catches averaging
     * without the example weights (gives (g1 + g2) / 2) and starting a round from anything but the
     * previous round's average (the second and third steps then differ).
     */
    @Test
    void sgdOnUnequalShardsEqualsOneWorkerOnTheFullBatch() {
        List<TrainingExample> data = points(6, 11);
        OptimizerConfig sgd = OptimizerConfig.sgd(0.05, 0);
        Map<String, float[]> reference;
        try (GenerativeModel single = Models.create(flow(), 1)) {
            TrainerConfig full = TrainerConfig.builder().epochs(3).batchSize(6).seed(5).optimizer(sgd).validateEvery(0).build();
            new Trainer(full).fit(single, inOrder(data, 6), null);
            reference = weights(single);
        }
        try (GenerativeModel model = Models.create(flow(), 1)) {
            Map<String, float[]> initial = weights(model);
            SparkTrainingConfig config = SparkTrainingConfig.builder().workers(2).averagingPeriod(1).rounds(3)
                    .shuffle(false).checkpointDirectory(tmp.resolve("a").toString()).build();
            TrainerConfig perWorker = TrainerConfig.builder().batchSize(4).seed(5).optimizer(sgd).build();
            SparkTrainingResult result = new SparkTrainer(config, perWorker)
                    .fit(model, partitioned(sc, List.of(new ArrayList<>(data.subList(0, 4)), new ArrayList<>(data.subList(4, 6)))));
            assertThat(result.rounds()).hasSize(3);
            assertThat(result.rounds()).allSatisfy(r -> assertThat(r.examples()).isEqualTo(6));
            assertThat(result.steps()).isEqualTo(3);
            assertThat(maxDiff(weights(model), initial)).as("training moved the weights").isGreaterThan(1e-3f);
            assertSameWeights(weights(model), reference, 2e-6f);
        }
    }

    static float maxDiff(Map<String, float[]> a, Map<String, float[]> b) {
        float max = 0;
        for (Map.Entry<String, float[]> e : a.entrySet()) {
            float[] x = e.getValue();
            float[] y = b.get(e.getKey());
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    /**
     * A VAE with Adam kept per worker: every worker's Adam has counted all its updates across rounds
     * (3 rounds of 2 steps: step 6, not the 2 of a state restarted each round), the two workers'
     * states differ (they saw different data; averaged ones would be equal), and the round checkpoint
     * rebuilds the model the driver returned.
     */
    @Test
    void vaeRoundsKeepEachWorkersOptimizerState() {
        EncoderConfig encoder = new EncoderConfig("e", List.of(2, 2, 1), 2, List.of(8), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("d", 2, List.of(2, 2, 1), List.of(8), ActivationType.RELU);
        VaeConfig vae = VaeConfig.builder().name("vae").encoder(encoder).decoder(decoder).encoderType(EncoderType.DENSE).build();
        SplittableRandom random = new SplittableRandom(3);
        List<TrainingExample> data = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            data.add(TrainingExample.of(random.nextInt(2), random.nextInt(2), random.nextInt(2), random.nextInt(2)));
        }
        SparkTrainingConfig config = SparkTrainingConfig.builder().workers(2).averagingPeriod(2).rounds(3)
                .optimizerStatePolicy(OptimizerStatePolicy.KEEP_PER_WORKER).checkpointDirectory(tmp.toString()).build();
        TrainerConfig perWorker = TrainerConfig.builder().batchSize(4).seed(2).optimizer(OptimizerConfig.adam(1e-2)).build();
        try (GenerativeModel model = Models.create(vae, 1); NDManager scratch = NDManager.newBaseManager()) {
            SparkTrainingResult result = new SparkTrainer(config, perWorker).fit(model, sc.parallelize(data, 1));
            assertThat(result.rounds()).hasSize(3);
            assertThat(result.rounds()).allSatisfy(r -> {
                assertThat(r.examples()).isEqualTo(16);
                assertThat(r.loss()).isFinite();
            });
            assertThat(result.lastCheckpoint()).isEqualTo(tmp.resolve("round-000003").toAbsolutePath());
            assertThat(tmp.resolve("round-000001")).doesNotExist();
            Checkpoint c = CheckpointIO.read(result.lastCheckpoint(), scratch);
            assertThat(c.step()).isEqualTo(6);
            assertThat(c.optimizers().keySet()).containsExactlyInAnyOrder("worker-0/default", "worker-1/default");
            String path = c.optimizers().get("worker-0/default").parameters().keySet().iterator().next();
            assertThat(c.optimizers().get("worker-0/default").parameters().get(path).step()).isEqualTo(6);
            NDArray m0 = c.optimizers().get("worker-0/default").parameters().get(path).slots().get("m");
            NDArray m1 = c.optimizers().get("worker-1/default").parameters().get(path).slots().get("m");
            assertThat(m0.toFloatArray()).isNotEqualTo(m1.toFloatArray());
            try (GenerativeModel loaded = CheckpointModels.load(result.lastCheckpoint(), scratch.newSubManager(), false)) {
                assertSameWeights(weights(loaded), weights(model), 0f);
            }
        }
    }

    /**
     * A GAN's two phases train on the workers: both networks move, each Adam (generator and
     * discriminator) is averaged and has counted one update per step (2 rounds of 2 steps).
     */
    @Test
    void ganRoundsTrainBothPhasesAndAverageBothOptimizers() {
        MlpGanConfig gan = MlpGanConfig.builder().name("gan").latentDim(2).dataDim(2).generatorHiddenDims(List.of(8))
                .discriminatorHiddenDims(List.of(8)).nCritic(1).build();
        OptimizerConfig adam = OptimizerConfig.adam(1e-2, 0.5, 0.9);
        TrainerConfig perWorker = TrainerConfig.builder().batchSize(4).seed(4).optimizer(adam)
                .optimizer("generator", adam).optimizer("discriminator", adam).build();
        SparkTrainingConfig config = SparkTrainingConfig.builder().workers(2).averagingPeriod(2).rounds(2)
                .checkpointDirectory(tmp.toString()).build();
        try (GenerativeModel model = Models.create(gan, 1); NDManager scratch = NDManager.newBaseManager()) {
            Map<String, float[]> initial = weights(model);
            SparkTrainingResult result = new SparkTrainer(config, perWorker).fit(model, sc.parallelize(points(24, 9), 3));
            Map<String, float[]> trained = weights(model);
            assertThat(result.rounds()).allSatisfy(r -> assertThat(r.examples()).isEqualTo(16));
            Checkpoint c = CheckpointIO.read(result.lastCheckpoint(), scratch);
            assertThat(c.optimizers().keySet()).containsExactlyInAnyOrder("generator", "discriminator");
            c.optimizers().forEach((key, state) -> {
                assertThat(state.parameters()).as(key).isNotEmpty();
                state.parameters().forEach((path, ps) -> {
                    assertThat(ps.step()).as("%s %s", key, path).isEqualTo(4);
                    float[] before = initial.get(path);
                    float[] after = trained.get(path);
                    assertThat(maxDiff(Map.of(path, after), Map.of(path, before))).as("%s moved", path).isGreaterThan(0f);
                });
            });
        }
    }

    /**
     * An EBM trains on the workers, and its replay buffer (a parameter no gradient updates) stays each
     * worker's own: the two workers' buffers differ from each other and from the initial one, the
     * checkpoint keeps both, and the driver's model and the checkpoint's plain parameter hold worker
     * 0's. Catches model state averaged like a weight (the workers' buffers would be equal).
     */
    @Test
    void ebmRoundsKeepEachWorkersReplayBuffer() {
        EbmConfig ebm = new EbmConfig("ebm", 2, new EnergyNetworkConfig("e", List.of(8), ActivationType.SILU),
                McmcConfig.builder().name("m").nSteps(3).stepSize(0.05).noiseScale(0.01).gradClip(0.0)
                        .domainMin(-2.0).domainMax(2.0).build(), new SampleBufferConfig("b", 8, 0.05), 0.1);
        SplittableRandom random = new SplittableRandom(4);
        List<TrainingExample> data = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            data.add(TrainingExample.of((float) random.nextDouble(-1, 1), (float) random.nextDouble(-1, 1)));
        }
        SparkTrainingConfig config = SparkTrainingConfig.builder().workers(2).averagingPeriod(2).rounds(2)
                .checkpointDirectory(tmp.toString()).build();
        TrainerConfig perWorker = TrainerConfig.builder().batchSize(4).seed(3).optimizer(OptimizerConfig.adam(1e-2)).build();
        try (GenerativeModel model = Models.create(ebm, 1); NDManager scratch = NDManager.newBaseManager()) {
            String buffer = model.network().getParameters().stream().filter(p -> !p.getValue().requiresGradient())
                    .map(Pair::getKey).findFirst().orElseThrow();
            float[] initial = weights(model).get(buffer);
            SparkTrainingResult result = new SparkTrainer(config, perWorker).fit(model, sc.parallelize(data, 2));
            Checkpoint c = CheckpointIO.read(result.lastCheckpoint(), scratch);
            assertThat(c.parameters()).containsKeys("worker-0/" + buffer, "worker-1/" + buffer);
            float[] w0 = c.parameters().get("worker-0/" + buffer).toFloatArray();
            float[] w1 = c.parameters().get("worker-1/" + buffer).toFloatArray();
            assertThat(w0).isNotEqualTo(w1);
            assertThat(w0).isNotEqualTo(initial);
            assertThat(w1).isNotEqualTo(initial);
            assertThat(c.parameters().get(buffer).toFloatArray()).isEqualTo(w0);
            assertThat(weights(model).get(buffer)).isEqualTo(w0);
            assertThat(result.rounds()).allSatisfy(r -> assertThat(r.loss()).isFinite());
        }
    }

    /** Always fails in the given round (from 0), so the job aborts after the round before it was checkpointed. */
    record FailInRound(int round) implements WorkerCallbacks {
        @Override
        public List<Callback> create(int worker, int current) {
            if (current != round) {
                return List.of();
            }
            return List.of(new Callback() {
                @Override
                public void onStepEnd(TrainingSession session, StepMetrics metrics) {
                    throw new IllegalStateException("planted failure in round " + current);
                }
            });
        }
    }

    /**
     * A run that dies in its third (last) round and is resumed from the last round checkpoint ends with the
     * weights of an uninterrupted run, with Adam states kept per worker (which must come back from the
     * checkpoint) and shuffled shards. Catches a checkpoint that drops per-worker optimizer state.
     */
    @Test
    void resumeFromTheLastRoundCheckpointEqualsAnUninterruptedRun() {
        List<TrainingExample> data = points(20, 21);
        TrainerConfig perWorker = TrainerConfig.builder().batchSize(3).seed(8).optimizer(OptimizerConfig.adam(2e-2)).build();
        SparkTrainingConfig.Builder builder = SparkTrainingConfig.builder().workers(2).averagingPeriod(2).rounds(3)
                .optimizerStatePolicy(OptimizerStatePolicy.KEEP_PER_WORKER);
        Map<String, float[]> uninterrupted;
        try (GenerativeModel model = Models.create(flow(), 1)) {
            new SparkTrainer(builder.checkpointDirectory(tmp.resolve("whole").toString()).build(), perWorker)
                    .fit(model, sc.parallelize(data, 2));
            uninterrupted = weights(model);
        }
        SparkTrainingConfig broken = builder.checkpointDirectory(tmp.resolve("broken").toString()).build();
        try (GenerativeModel model = Models.create(flow(), 1)) {
            assertThatThrownBy(() -> new SparkTrainer(broken, perWorker, new FailInRound(2)).fit(model, sc.parallelize(data, 2)))
                    .hasMessageContaining("planted failure in round 2");
        }
        assertThat(SparkTrainer.latestCheckpoint(tmp.resolve("broken"))).contains(tmp.resolve("broken").resolve("round-000002"));
        try (GenerativeModel model = Models.create(flow(), 1)) {
            assertThatThrownBy(() -> new SparkTrainer(broken, perWorker).fit(model, sc.parallelize(data, 2)))
                    .hasMessageContaining("already holds round checkpoints (round-000002)");
        }
        try (GenerativeModel model = Models.create(flow(), 99)) {
            SparkTrainingResult resumed = new SparkTrainer(broken, perWorker).resume(model, sc.parallelize(data, 2));
            assertThat(resumed.rounds()).extracting(RoundMetrics::round).containsExactly(2);
            assertThat(resumed.steps()).isEqualTo(6);
            assertSameWeights(weights(model), uninterrupted, 0f);
        }
    }

    /**
     * Round checkpoints under a Hadoop URI ({@code file:} here; {@code hdfs://} and {@code s3a://} go
     * through the same Hadoop file system calls): each round is uploaded whole (no temporary name left
     * behind), only {@code keepCheckpoints} rounds stay, and a run that dies in its last round resumes
     * from the URI to the weights of an uninterrupted run. Catches a round written only to the
     * staging folder (nothing to resume from), a resume that starts from the staging copy of a
     * fresh driver (empty) instead of downloading, and pruning that misses the remote rounds.
     */
    @Test
    void roundCheckpointsUnderAHadoopUriResumeLikeAPlainFolder() throws Exception {
        List<TrainingExample> data = points(20, 23);
        TrainerConfig perWorker = TrainerConfig.builder().batchSize(3).seed(9).optimizer(OptimizerConfig.adam(2e-2)).build();
        SparkTrainingConfig.Builder builder = SparkTrainingConfig.builder().workers(2).averagingPeriod(2).rounds(3)
                .optimizerStatePolicy(OptimizerStatePolicy.KEEP_PER_WORKER).keepCheckpoints(1);
        Map<String, float[]> uninterrupted;
        try (GenerativeModel model = Models.create(flow(), 1)) {
            new SparkTrainer(builder.checkpointDirectory(tmp.resolve("plain").toString()).build(), perWorker)
                    .fit(model, sc.parallelize(data, 2));
            uninterrupted = weights(model);
        }
        Path remote = tmp.resolve("remote");
        String uri = remote.toUri().toString();
        assertThat(uri).startsWith("file:");
        SparkTrainingConfig broken = builder.checkpointDirectory(uri).build();
        try (GenerativeModel model = Models.create(flow(), 1)) {
            assertThatThrownBy(() -> new SparkTrainer(broken, perWorker, new FailInRound(2)).fit(model, sc.parallelize(data, 2)))
                    .hasMessageContaining("planted failure in round 2");
        }
        try (Stream<Path> names = Files.list(remote)) {
            // round 1 was pruned (keepCheckpoints 1); no temporary upload is left
            assertThat(names.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
                    .containsExactly("round-000002");
        }
        assertThat(remote.resolve("round-000002").resolve(CheckpointIO.MANIFEST)).isRegularFile();
        try (GenerativeModel model = Models.create(flow(), 1)) {
            assertThatThrownBy(() -> new SparkTrainer(broken, perWorker).fit(model, sc.parallelize(data, 2)))
                    .hasMessageContaining("already holds round checkpoints (round-000002)");
        }
        try (GenerativeModel model = Models.create(flow(), 99)) {
            SparkTrainingResult resumed = new SparkTrainer(broken, perWorker).resume(model, sc.parallelize(data, 2));
            assertThat(resumed.rounds()).extracting(RoundMetrics::round).containsExactly(2);
            assertSameWeights(weights(model), uninterrupted, 0f);
        }
        try (Stream<Path> names = Files.list(remote)) {
            assertThat(names.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
                    .containsExactly("round-000003");
        }
    }

    /**
     * Data in another number of partitions is dealt out in order: example i to worker i mod workers.
     * Catches a random repartition (Spark's own repartition starts each partition at a random offset)
     * and a shuffle that loses the order within a shard.
     */
    @Test
    void dataIsDealtToWorkersByIndexModuloWorkers() {
        List<TrainingExample> data = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            data.add(TrainingExample.of(i));
        }
        List<List<TrainingExample>> shards = SparkTrainer.shard(sc.parallelize(data, 3), 2).glom().collect();
        assertThat(shards).hasSize(2);
        assertThat(shards.get(0)).extracting(e -> e.features()[0]).containsExactly(0f, 2f, 4f, 6f);
        assertThat(shards.get(1)).extracting(e -> e.features()[0]).containsExactly(1f, 3f, 5f);
    }

    @Test
    void configRulesNameTheirFields() {
        assertThatThrownBy(() -> SparkTrainingConfig.builder().workers(0).averagingPeriod(0).build())
                .hasMessageContaining("sparkTraining.workers: must be between 1 and")
                .hasMessageContaining("sparkTraining.averagingPeriod: must be at least 1 step, got 0")
                .hasMessageContaining("sparkTraining.checkpointDirectory: must name a folder");
        SparkTrainingConfig ok = SparkTrainingConfig.builder().checkpointDirectory(tmp.toString()).build();
        TrainerConfig ema = TrainerConfig.builder().emaDecay(0.9).build();
        assertThatThrownBy(() -> new SparkTrainer(ok, ema)).hasMessageContaining("trainer.emaDecay: must be 0");
    }
}
