package io.artifex.spark.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.Models;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that fails mid-round is retried by Spark ({@code local[2,2]}: two attempts per task). */
class SparkTrainerRetryTest {

    @TempDir
    Path tmp;

    /** Fails worker 1's first attempt in round 1, after its first step of the round. */
    record FailFirstAttempt() implements WorkerCallbacks {
        @Override
        public List<Callback> create(int worker, int round) {
            if (worker != 1 || round != 1) {
                return List.of();
            }
            return List.of(new Callback() {
                @Override
                public void onStepEnd(TrainingSession session, StepMetrics metrics) {
                    if (TaskContext.get().attemptNumber() == 0) {
                        throw new IllegalStateException("planted failure: first attempt of worker 1, step " + session.step());
                    }
                }
            });
        }
    }

    /**
     * The retried round starts again from its broadcast weights and gives exactly the undisturbed
     * run's weights. Shuffled shards smaller than an epoch of steps and Adam averaged: catches a
     * retry that does not reproduce the first attempt's work (a seed or shard order that depends
     * on the attempt, or state that leaks from the failed attempt).
     */
    @Test
    void aTaskFailingMidRoundIsRetriedAndTheRunEndsAsAnUndisturbedOne() {
        SparkSession spark = SparkSession.builder().master("local[2,2]").appName("spark-trainer-retry")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            assertThat(sc.master()).as("a session left open by another test would hide the retry").isEqualTo("local[2,2]");
            var data = SparkTrainerTest.points(16, 5);
            TrainerConfig perWorker = TrainerConfig.builder().batchSize(3).seed(6).optimizer(OptimizerConfig.adam(2e-2)).build();
            SparkTrainingConfig.Builder builder = SparkTrainingConfig.builder().workers(2).averagingPeriod(3).rounds(2);
            Map<String, float[]> undisturbed;
            try (GenerativeModel model = Models.create(SparkTrainerTest.flow(), 1)) {
                SparkTrainingResult r = new SparkTrainer(builder.checkpointDirectory(tmp.resolve("a").toString()).build(),
                        perWorker).fit(model, sc.parallelize(data, 2));
                assertThat(r.rounds()).allSatisfy(m -> assertThat(m.retriedTasks()).isZero());
                undisturbed = SparkTrainerTest.weights(model);
            }
            try (GenerativeModel model = Models.create(SparkTrainerTest.flow(), 1)) {
                SparkTrainingResult r = new SparkTrainer(builder.checkpointDirectory(tmp.resolve("b").toString()).build(),
                        perWorker, new FailFirstAttempt()).fit(model, sc.parallelize(data, 2));
                assertThat(r.rounds()).extracting(RoundMetrics::retriedTasks).containsExactly(0, 1);
                SparkTrainerTest.assertSameWeights(SparkTrainerTest.weights(model), undisturbed, 0f);
            }
        } finally {
            spark.stop();
        }
    }
}
