package io.artifex.spark.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import io.artifex.spark.ArchiveSource;
import io.artifex.spark.SparkSessions;
import io.artifex.spark.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact log-probability scoring of a DataFrame on local[2] against the same model scored on the driver. */
class DistributedScoringTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("local[2]", "scoring-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * 11 points in 3 partitions, batches of 2: every row's new column is the log-density the
     * model gives that point on the driver (loaded separately from the same archive), and the
     * other columns are unchanged. Catches a score attached to the wrong row (an off-by-one in the
     * batching), a partial last batch dropped, and the wrong sign (a negative log-probability).
     */
    @Test
    void scoresEqualTheDriversLogProbRowByRow() {
        Path archive = TinyModels.save(TinyModels.flow(), 21L, dir.resolve("flow"));
        List<Row> input = new ArrayList<>();
        float[] points = new float[11 * 2];
        Rng rng = new Rng(3);
        for (int i = 0; i < 11; i++) {
            points[2 * i] = (float) (rng.nextDouble() * 4 - 2);
            points[2 * i + 1] = (float) (rng.nextDouble() * 4 - 2);
            input.add(RowFactory.create("p" + i, new float[] {points[2 * i], points[2 * i + 1]}));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.StringType, false),
                DataTypes.createStructField("x", DataTypes.createArrayType(DataTypes.FloatType, false), false)));
        Dataset<Row> frame = spark.createDataFrame(input, schema).repartition(3);

        ScoringOptions options = ScoringOptions.builder().archive(ArchiveSource.of(archive)).inputColumn("x")
                .batchSize(2).build();
        List<Row> scored = DistributedScoring.logProb(frame, options).collectAsList();

        double[] expected;
        try (NDManager manager = NDManager.newBaseManager();
             LikelihoodModel model = (LikelihoodModel) ModelArchive.load(archive, manager.newSubManager(), 0L)) {
            expected = model.logProb(Batch.of(manager.create(points, new Shape(11, 2))), manager, new Rng(0))
                    .toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        }
        assertThat(scored).hasSize(11);
        for (Row row : scored) {
            int i = Integer.parseInt(row.getString(0).substring(1));
            assertThat(row.<Float>getList(1)).containsExactly(points[2 * i], points[2 * i + 1]);
            assertThat(row.getDouble(2)).as("log p of point %d", i).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(expected[i]))));
        }
        assertThat(scored.stream().mapToDouble(r -> r.getDouble(2)).distinct().count()).isEqualTo(11);
    }

    /** A model without an exact likelihood, a missing column and a clash are refused by name. */
    @Test
    void modelsAndColumnsThatCannotBeScoredAreRefused() {
        Path vae = TinyModels.save(TinyModels.vae(0), 1L, dir.resolve("vae"));
        Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(new float[] {1f, 2f})),
                DataTypes.createStructType(List.of(DataTypes.createStructField("x",
                        DataTypes.createArrayType(DataTypes.FloatType, false), false))));
        assertThatThrownBy(() -> DistributedScoring.logProb(frame, ScoringOptions.builder()
                .archive(ArchiveSource.of(vae)).inputColumn("x").build()))
                .hasMessageContaining("exact log-likelihood").hasMessageContaining("tiny_vae");
        ArchiveSource flow = ArchiveSource.of(TinyModels.save(TinyModels.flow(), 1L, dir.resolve("flow2")));
        assertThatThrownBy(() -> DistributedScoring.logProb(frame, ScoringOptions.builder().archive(flow).build()))
                .hasMessageContaining("inputColumn 'values' is not a column");
        assertThatThrownBy(() -> DistributedScoring.logProb(frame, ScoringOptions.builder().archive(flow)
                .inputColumn("x").outputColumn("x").build())).hasMessageContaining("outputColumn 'x' already exists");
    }
}
