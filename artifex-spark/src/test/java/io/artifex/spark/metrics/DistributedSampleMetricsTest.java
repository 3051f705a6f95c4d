package io.artifex.spark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.random.Rng;
import io.artifex.eval.features.FeatureExtractor;
import io.artifex.eval.metrics.FrechetDistance;
import io.artifex.eval.metrics.Moments;
import io.artifex.spark.ArchiveSource;
import io.artifex.spark.SparkSessions;
import io.artifex.spark.TinyModels;
import io.artifex.spark.generate.DistributedGeneration;
import io.artifex.spark.generate.GenerationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Feature moments reduced across partitions equal artifex-eval's single-machine moments. */
class DistributedSampleMetricsTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("local[2]", "metrics-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * 101 vectors of 5 features with means near 1000 and unequal scales, split over 1, 2 and 3
     * partitions: the merged mean and covariance equal {@link Moments#of} (two passes on one
     * machine) to 1e-9 relative. Catches a merge that drops the between-partition term
     * {@code delta delta^T n_a n_b / n} (only 2 and 3 partitions fail), a wrong divisor (n instead
     * of n - 1) and the raw-sum formula's cancellation at this mean.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void mergedMomentsEqualTheSingleMachineMoments(int partitions) {
        Rng rng = new Rng(17);
        double[][] x = new double[101][5];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double shared = rng.nextDouble();
            for (int k = 0; k < 5; k++) {
                x[i][k] = 1000 + (k + 1) * (rng.nextDouble() + (k % 2 == 0 ? shared : -shared));
            }
            rows.add(RowFactory.create(x[i]));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("f", DataTypes.createArrayType(DataTypes.DoubleType, false), false))))
                .repartition(partitions);
        assertThat(frame.javaRDD().getNumPartitions()).isEqualTo(partitions);

        Moments distributed = DistributedSampleMetrics.momentsOf(frame, "f").toMoments();
        Moments reference = Moments.of(x);

        assertThat(distributed.count()).isEqualTo(101);
        for (int a = 0; a < 5; a++) {
            assertThat(distributed.mean()[a]).isCloseTo(reference.mean()[a],
                    org.assertj.core.data.Offset.offset(1e-9 * 1000));
            for (int b = 0; b < 5; b++) {
                double want = reference.covariance()[a][b];
                assertThat(distributed.covariance()[a][b]).as("cov[%d][%d]", a, b).isCloseTo(want,
                        org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(want))));
            }
        }
    }

    /**
     * The generated samples' feature moments, reduced over 2 partitions, equal the moments of the
     * MNIST features of the same samples collected as rows and run through the feature network and
     * {@link Moments#of} on the driver; the FID of the two is 0. Catches features taken of samples
     * outside [0, 1] or of other samples than the generation job draws.
     */
    @Test
    void generatedFeatureMomentsEqualThoseOfTheCollectedSamples() {
        ArchiveSource vae = ArchiveSource.of(TinyModels.save(TinyModels.vae(0), 8L, dir.resolve("vae")));
        GenerationOptions options = GenerationOptions.builder().archive(vae).count(9).partitions(2).seed(4)
                .batchSize(4).build();
        FeatureMoments distributed = DistributedSampleMetrics.generatedFeatureMoments(spark, options);

        List<Row> rows = DistributedGeneration.generate(spark, options).collectAsList();
        float[] images = new float[9 * 784];
        for (int i = 0; i < 9; i++) {
            List<Float> v = rows.get(i).getList(3);
            for (int k = 0; k < 784; k++) {
                images[i * 784 + k] = v.get(k);
            }
        }
        double[][] features = new double[9][];
        try (FeatureExtractor extractor = FeatureExtractor.mnist()) {
            float[][] f = extractor.features(images);
            for (int i = 0; i < 9; i++) {
                features[i] = new double[f[i].length];
                for (int k = 0; k < f[i].length; k++) {
                    features[i][k] = f[i][k];
                }
            }
        }
        Moments reference = Moments.of(features);
        Moments merged = distributed.toMoments();
        assertThat(merged.count()).isEqualTo(9);
        for (int k = 0; k < 128; k++) {
            assertThat(merged.mean()[k]).isCloseTo(reference.mean()[k], org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(DistributedSampleMetrics.fid(distributed, reference)).isCloseTo(0.0,
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(FrechetDistance.fromMoments(merged, reference)).isLessThan(1e-3);
    }
}
