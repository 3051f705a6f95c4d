package io.artifex.spark.generate;

import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.spark.Locations;
import io.artifex.spark.ModelCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws samples of a saved model across a Spark cluster. Each partition is one task: it takes the
 * model from its JVM's {@link ModelCache} (one load per executor, not per task) and draws its
 * share of the samples from a stream seeded by the job seed and the partition index
 * ({@link PartitionPlan}), so the same options give the same rows on any cluster.
 *
 * <p>Rows have the columns {@code partition} (int), {@code index} (long, 0 to count - 1),
 * {@code label} (int, the class for a conditional model, null otherwise) and either
 * {@code values} ({@code array<float>}, {@link SampleFormat#FLOATS}) or {@code png} (binary,
 * {@link SampleFormat#PNG}). The DataFrame is lazy: every action draws again (with the same
 * result); cache or write it to draw once.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class DistributedGeneration {

    /** The partition column. */
    public static final String PARTITION = "partition";
    /** The global sample index column. */
    public static final String INDEX = "index";
    /** The class label column (null for unconditional models). */
    public static final String LABEL = "label";
    /** The float values column of {@link SampleFormat#FLOATS}. */
    public static final String VALUES = "values";
    /** The PNG bytes column of {@link SampleFormat#PNG}. */
    public static final String PNG = "png";

    private static final Logger LOG = LoggerFactory.getLogger(DistributedGeneration.class);

    private DistributedGeneration() {
    }

    /**
     * The samples of {@code options} as a DataFrame with {@code options.partitions()} partitions.
     * The driver loads the model once too, to check that it can draw the requested format.
     *
     * @throws IllegalArgumentException when PNG is asked of a model whose samples are not pictures
     */
    public static Dataset<Row> generate(SparkSession spark, GenerationOptions options) {
        GenerativeModel model = ModelCache.get(options.archive());
        ImageLayout layout = options.format() == SampleFormat.PNG ? requireImages(model) : null;
        LOG.info("generating {} samples of '{}' over {} partitions (seed {}, batch {}, {})", options.count(),
                model.config().name(), options.partitions(), options.seed(), options.batchSize(), options.format());
        JavaRDD<Row> rows = partitions(spark, options.partitions()).mapPartitionsWithIndex(
                (partition, ignored) -> rows(options, layout, partition), true);
        return spark.createDataFrame(rows, schema(options.format()));
    }

    /**
     * Draws the samples of {@code options} and writes each as a PNG file
     * {@code sample-<index>.png} ({@code sample-<index>-label-<label>.png} for a conditional model)
     * into {@code dir}, a local or mounted path or a Hadoop URI every executor can write to.
     *
     * @return the number of files written (always {@code options.count()})
     */
    public static long writePngs(SparkSession spark, GenerationOptions options, String dir) {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("output directory for PNG samples must not be blank");
        }
        Dataset<Row> rows = generate(spark, options.toBuilder().format(SampleFormat.PNG).build());
        long written = rows.javaRDD().mapPartitions(it -> {
            long n = 0;
            while (it.hasNext()) {
                Row row = it.next();
                String name = row.isNullAt(2) ? String.format("sample-%08d.png", row.getLong(1))
                        : String.format("sample-%08d-label-%d.png", row.getLong(1), row.getInt(2));
                Locations.write(Locations.resolve(dir, name), (byte[]) row.get(3));
                n++;
            }
            return Collections.singletonList(n).iterator();
        }).reduce(Long::sum);
        LOG.info("wrote {} PNG samples to {}", written, dir);
        return written;
    }

    /** The row schema for {@code format}. */
    public static StructType schema(SampleFormat format) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(PARTITION, DataTypes.IntegerType, false),
                DataTypes.createStructField(INDEX, DataTypes.LongType, false),
                DataTypes.createStructField(LABEL, DataTypes.IntegerType, true)));
        fields.add(format == SampleFormat.PNG ? DataTypes.createStructField(PNG, DataTypes.BinaryType, false)
                : DataTypes.createStructField(VALUES, DataTypes.createArrayType(DataTypes.FloatType, false), false));
        return DataTypes.createStructType(fields);
    }

    /** One empty element per partition, so that {@code mapPartitionsWithIndex} runs {@code n} tasks. */
    static JavaRDD<Integer> partitions(SparkSession spark, int n) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return sc.parallelize(IntStream.range(0, n).boxed().toList(), n);
    }

    /** The image layout of {@code model}, or an error saying why its samples are not pictures. */
    static ImageLayout requireImages(GenerativeModel model) {
        return ImageLayout.of(model).orElseThrow(() -> new IllegalArgumentException("PNG samples need an image model "
                + "(example shape (C, H, W) with C 1 or 3, (H, W) or a flattened square, and a [0, 1] or [-1, 1] "
                + "data contract); '" + model.config().name() + "' draws " + model.exampleShape() + " with "
                + model.dataContract().describe() + "; use SampleFormat.FLOATS"));
    }

    private static Iterator<Row> rows(GenerationOptions options, ImageLayout layout, int partition) {
        GenerativeModel model = ModelCache.get(options.archive());
        boolean conditional = model instanceof ConditionalModel;
        SampleBatches batches = new SampleBatches(model, options, partition);
        return new Iterator<>() {
            private SampleBatches.Batch batch;
            private int next;

            @Override
            public boolean hasNext() {
                return (batch != null && next < batch.size()) || batches.hasNext();
            }

            @Override
            public Row next() {
                if (batch == null || next >= batch.size()) {
                    batch = batches.next();
                    next = 0;
                }
                int i = next++;
                int per = batch.perExample();
                Object payload;
                if (layout != null) {
                    payload = layout.png(batch.values(), i * per);
                } else {
                    float[] sample = new float[per];
                    System.arraycopy(batch.values(), i * per, sample, 0, per);
                    payload = sample;
                }
                Integer label = conditional ? batch.labels()[i] : null;
                return RowFactory.create(partition, batch.firstIndex() + i, label, payload);
            }
        };
    }
}
