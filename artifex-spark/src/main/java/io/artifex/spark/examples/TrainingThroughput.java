package io.artifex.spark.examples;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.Models;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.training.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import java.nio.file.Files;
import io.artifex.spark.SparkSessions;
import io.artifex.spark.train.RoundMetrics;
import io.artifex.spark.train.SparkTrainer;
import io.artifex.spark.train.SparkTrainingConfig;
import io.artifex.spark.train.SparkTrainingResult;
import io.artifex.spark.train.TrainingExample;

/**
 * The "Spark: training" figures of docs/benchmarks.md: a dense VAE (784-256-16) trained by one
 * trainer, then by two Spark workers on local[1] and local[2] with averaging periods of 10 and 1
 * steps; per configuration the throughput and the mean time per round in broadcast, the Spark job,
 * the slowest worker's own work, all workers' work, averaging and checkpoint. The first round of
 * each run is a warm-up and not counted. Run with
 * {@code ./mvnw -q -pl artifex-spark -am compile exec:exec -Dexec.mainClass=io.artifex.spark.examples.TrainingThroughput}.
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class TrainingThroughput {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingThroughput.class);

    private static final int BATCH = 64;

    private TrainingThroughput() {
    }

    private static VaeConfig vae() {
        EncoderConfig encoder = new EncoderConfig("e", List.of(28, 28, 1), 16, List.of(256), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("d", 16, List.of(28, 28, 1), List.of(256), ActivationType.RELU);
        return VaeConfig.builder().name("bench").encoder(encoder).decoder(decoder).encoderType(EncoderType.DENSE).build();
    }

    private static List<TrainingExample> data(int n) {
        SplittableRandom random = new SplittableRandom(1);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[784];
            for (int k = 0; k < x.length; k++) {
                x[k] = random.nextDouble() < 0.2 + 0.6 * ((k + i) % 7) / 7.0 ? 1f : 0f;
            }
            out.add(TrainingExample.of(x));
        }
        return out;
    }

    /** Runs the comparison and prints one line per configuration. */
    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("artifex-spark-training-throughput");
        List<TrainingExample> data = data(2048);
        TrainerConfig trainer = TrainerConfig.builder().batchSize(BATCH).seed(1).optimizer(OptimizerConfig.adam(1e-3))
                .validateEvery(0).logEvery(1000).build();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "single trainer: %.0f examples/s", single(data, trainer)));
        for (String master : List.of("local[1]", "local[2]")) {
            SparkSession spark = SparkSessions.local(master, "training-throughput");
            try {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                for (int period : new int[] {10, 1}) {
                    int rounds = period == 10 ? 6 : 21;
                    SparkTrainingConfig config = SparkTrainingConfig.builder().workers(2).averagingPeriod(period)
                            .rounds(rounds).checkpointDirectory(tmp.resolve(master + "-" + period).toString()).build();
                    try (GenerativeModel model = Models.create(vae(), 1)) {
                        SparkTrainingResult r = new SparkTrainer(config, trainer).fit(model, sc.parallelize(data, 2));
                        lines.add(row(master, period, r.rounds().subList(1, r.rounds().size())));
                    }
                }
            } finally {
                spark.stop();
            }
        }
        lines.forEach(LOG::info);
    }

    private static double single(List<TrainingExample> data, TrainerConfig trainer) {
        try (GenerativeModel model = Models.create(vae(), 1)) {
            var source = TrainingExample.batchSource(data, BATCH, model.dataContract().exampleShape().orElseThrow(), true, 1);
            new Trainer(trainer.toBuilder().maxSteps(10).build()).fit(model, source, null);
            long start = System.nanoTime();
            int steps = 100;
            new Trainer(trainer.toBuilder().maxSteps(steps).epochs(10).build()).fit(model, source, null);
            return steps * BATCH / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static String row(String master, int period, List<RoundMetrics> rounds) {
        double n = rounds.size();
        long examples = rounds.stream().mapToLong(RoundMetrics::examples).sum();
        double total = rounds.stream().mapToDouble(RoundMetrics::totalMillis).sum();
        return String.format(Locale.ROOT,
                "%s period %d: %.0f examples/s; per round: broadcast %.1f ms, job %.1f ms, slowest worker %.1f ms,"
                        + " all workers %.1f ms, average %.1f ms, checkpoint %.1f ms, overhead %.0f%%",
                master, period, examples * 1000.0 / total,
                rounds.stream().mapToDouble(RoundMetrics::broadcastMillis).sum() / n,
                rounds.stream().mapToDouble(RoundMetrics::trainMillis).sum() / n,
                rounds.stream().mapToDouble(RoundMetrics::slowestWorkerMillis).sum() / n,
                rounds.stream().mapToDouble(RoundMetrics::workerMillisSum).sum() / n,
                rounds.stream().mapToDouble(RoundMetrics::averageMillis).sum() / n,
                rounds.stream().mapToDouble(RoundMetrics::checkpointMillis).sum() / n,
                100 * rounds.stream().mapToDouble(RoundMetrics::overheadFraction).sum() / n);
    }
}
