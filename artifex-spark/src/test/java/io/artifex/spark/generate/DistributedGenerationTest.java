package io.artifex.spark.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.spark.ArchiveSource;
import io.artifex.spark.ModelCache;
import io.artifex.spark.SparkSessions;
import io.artifex.spark.TinyModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distributed generation on local[2] from tiny archives saved here. */
class DistributedGenerationTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static ArchiveSource vae;
    private static ArchiveSource cvae;

    @BeforeAll
    static void start() {
        ModelCache.clear();
        spark = SparkSessions.local("local[2]", "generation-test");
        vae = ArchiveSource.of(TinyModels.save(TinyModels.vae(0), 3L, dir.resolve("vae")));
        cvae = ArchiveSource.of(TinyModels.save(TinyModels.vae(3), 4L, dir.resolve("cvae")));
    }

    @AfterAll
    static void stop() {
        spark.stop();
        ModelCache.clear();
    }

    private static List<Row> rows(GenerationOptions options) {
        return DistributedGeneration.generate(spark, options).collectAsList();
    }

    /**
     * Same seed and partition count: the same rows, run after run; N = 7 over 3 partitions gives
     * exactly indices 0..6, split 3/2/2; another seed gives other values; the archive is loaded
     * once in this JVM however many tasks ran. Catches: a seed taken from the thread, task attempt
     * or clock (rows differ between runs), a remainder dropped or doubled (6 or 9 rows), indices
     * restarting in each partition, a load per task.
     */
    @Test
    void sameSeedAndPartitionsGiveTheSameRowsAndExactlyNOfThem() {
        GenerationOptions options = GenerationOptions.builder().archive(vae).count(7).partitions(3).seed(11)
                .batchSize(2).build();
        int loadsBefore = ModelCache.loads();
        List<Row> first = rows(options);
        List<Row> second = rows(options);
        assertThat(ModelCache.loads()).as("archive loads in this JVM for 6 tasks").isLessThanOrEqualTo(loadsBefore + 1);

        assertThat(first).hasSize(7);
        assertThat(first.stream().map(r -> r.getLong(1))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(first.stream().map(r -> r.getInt(0))).containsExactly(0, 0, 0, 1, 1, 2, 2);
        assertThat(first.stream().allMatch(r -> r.isNullAt(2))).isTrue();
        for (int i = 0; i < 7; i++) {
            assertThat(first.get(i).getList(3)).hasSize(784).isEqualTo(second.get(i).getList(3));
        }
        List<Row> other = rows(options.toBuilder().seed(12).build());
        assertThat(other.get(0).getList(3)).isNotEqualTo(first.get(0).getList(3));
        assertThat(first.get(0).getList(3)).isNotEqualTo(first.get(3).getList(3));
    }

    /**
     * Each partition's rows are the samples its own stream gives when drawn directly on the
     * driver (one call per batch). Catches rows handed to the wrong partition or index, a batch
     * drawn twice or skipped, and values copied from the wrong offset.
     */
    @Test
    void partitionRowsAreTheDirectDrawsOfThePartitionStream() {
        GenerationOptions options = GenerationOptions.builder().archive(vae).count(5).partitions(2).seed(5)
                .batchSize(2).build();
        List<Row> rows = rows(options);
        GenerativeModel model = ModelCache.get(vae);
        try (NDManager scope = model.manager().newSubManager()) {
            for (int p = 0; p < 2; p++) {
                Rng rng = new Rng(PartitionPlan.seed(5, p));
                int count = p == 0 ? 3 : 2;
                int first = p == 0 ? 0 : 3;
                float[] expected = new float[count * 784];
                int filled = 0;
                for (int done = 0; done < count; done += 2) {
                    float[] batch = model.generate(Math.min(2, count - done), scope, rng).toFloatArray();
                    System.arraycopy(batch, 0, expected, filled, batch.length);
                    filled += batch.length;
                }
                for (int i = 0; i < count; i++) {
                    List<Float> got = rows.get(first + i).getList(3);
                    for (int k = 0; k < 784; k++) {
                        assertThat(got.get(k)).isEqualTo(expected[i * 784 + k]);
                    }
                }
            }
        }
    }

    /** A conditional model: label = index mod 3 in every partition. Catches labels restarting per partition. */
    @Test
    void conditionalModelsCycleTheLabelsByGlobalIndex() {
        List<Row> rows = rows(GenerationOptions.builder().archive(cvae).count(8).partitions(3).seed(1).build());
        assertThat(rows.stream().map(r -> r.getInt(2))).containsExactly(0, 1, 2, 0, 1, 2, 0, 1);
    }

    /**
     * PNG rows decode to 28x28 grey pictures whose pixels are the FLOATS rows' values mapped to
     * 0..255; the PNG files are one per sample. Catches a transposed image, a wrong value range
     * and a lost file.
     */
    @Test
    void pngRowsAndFilesHoldTheSamplesAsPictures() throws Exception {
        GenerationOptions floats = GenerationOptions.builder().archive(vae).count(3).partitions(2).seed(9).build();
        List<Row> values = rows(floats);
        List<Row> pngs = DistributedGeneration.generate(spark, floats.toBuilder().format(SampleFormat.PNG).build())
                .collectAsList();
        for (int i = 0; i < 3; i++) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream((byte[]) pngs.get(i).get(3)));
            assertThat(image.getWidth()).isEqualTo(28);
            assertThat(image.getHeight()).isEqualTo(28);
            List<Float> v = values.get(i).getList(3);
            for (int y = 0; y < 28; y += 3) {
                for (int x = 0; x < 28; x += 5) {
                    assertThat(image.getRaster().getSample(x, y, 0))
                            .isEqualTo(ValueRange.ZERO_ONE.toByte(v.get(y * 28 + x)));
                }
            }
        }
        Path out = dir.resolve("pngs");
        assertThat(DistributedGeneration.writePngs(spark, floats.toBuilder().count(5).build(), out.toString()))
                .isEqualTo(5);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly("sample-00000000.png",
                    "sample-00000001.png", "sample-00000002.png", "sample-00000003.png", "sample-00000004.png");
        }
    }

    /** Bad requests fail on the driver with a message naming the field or the model. */
    @Test
    void badRequestsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> GenerationOptions.builder().archive(vae).count(0).build())
                .hasMessageContaining("count must be >= 1");
        assertThatThrownBy(() -> ArchiveSource.of(dir.resolve("nothing-here")))
                .hasMessageContaining("nothing-here").hasMessageContaining("checksums.sha256");
        Path flow = TinyModels.save(TinyModels.flow(), 1L, dir.resolve("flow"));
        GenerationOptions png = GenerationOptions.builder().archive(ArchiveSource.of(flow)).count(2)
                .format(SampleFormat.PNG).build();
        assertThatThrownBy(() -> DistributedGeneration.generate(spark, png))
                .hasMessageContaining("PNG samples need an image model").hasMessageContaining("tiny_flow");
    }
}
