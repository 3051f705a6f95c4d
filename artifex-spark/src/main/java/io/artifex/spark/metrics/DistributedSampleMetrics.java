package io.artifex.spark.metrics;

import io.artifex.core.model.GenerativeModel;
import io.artifex.eval.features.FeatureExtractor;
import io.artifex.eval.features.FeatureNetwork;
import io.artifex.eval.metrics.FrechetDistance;
import io.artifex.eval.metrics.Moments;
import io.artifex.spark.ModelCache;
import io.artifex.spark.generate.GenerationOptions;
import io.artifex.spark.generate.ImageLayout;
import io.artifex.spark.generate.SampleBatches;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation module's sample metrics on a cluster: each partition reduces its feature
 * vectors to {@link FeatureMoments} (count, mean, co-moment), the partitions' moments are merged
 * with {@code treeAggregate}, and only the merged moments reach the driver, where artifex-eval's
 * {@link FrechetDistance} gives the FID. No raw feature vector is collected.
 *
 * <p>The features are those of artifex-eval's shipped MNIST network ({@link FeatureExtractor#mnist()},
 * 128 dimensions, loaded once per executor): images must be 28x28 grey. Its FIDs are comparable
 * with the ones {@code artifex evaluate} and the benchmark report, not with published Inception FIDs.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class DistributedSampleMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedSampleMetrics.class);
    private static final int TREE_DEPTH = 2;
    private static final int FEATURE_CHUNK = 256;

    private DistributedSampleMetrics() {
    }

    /** The moments of the vectors in {@code column} ({@code array<float>} or {@code array<double>}) of {@code rows}. */
    public static FeatureMoments momentsOf(Dataset<Row> rows, String column) {
        int index = arrayColumn(rows, column);
        return rows.javaRDD().treeAggregate(new FeatureMoments(), (m, row) -> m.add(vector(row, index, column)),
                FeatureMoments::merge, TREE_DEPTH);
    }

    /**
     * The feature moments of the samples {@code options} describes, drawn as
     * {@link io.artifex.spark.generate.DistributedGeneration} draws them (same seed, same
     * samples) and brought to [0, 1] by the model's data contract.
     *
     * @throws IllegalArgumentException when the model's samples are not 28x28 grey images
     */
    public static FeatureMoments generatedFeatureMoments(SparkSession spark, GenerationOptions options) {
        GenerativeModel model = ModelCache.get(options.archive());
        ImageLayout layout = ImageLayout.of(model).filter(l -> l.channels() == 1 && l.height() == 28
                && l.width() == 28).orElseThrow(() -> new IllegalArgumentException("sample metrics need 28x28 grey "
                + "images in [0, 1] or [-1, 1] (the MNIST feature network's input); '" + model.config().name()
                + "' draws " + model.exampleShape() + " with " + model.dataContract().describe()));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Integer> parts = sc.parallelize(java.util.stream.IntStream.range(0, options.partitions()).boxed()
                .toList(), options.partitions());
        long start = System.nanoTime();
        FeatureMoments moments = parts.mapPartitionsWithIndex((partition, ignored) ->
                        List.of(partitionMoments(options, layout, partition)).iterator(), true)
                .treeAggregate(new FeatureMoments(), FeatureMoments::merge, FeatureMoments::merge, TREE_DEPTH);
        LOG.info("feature moments of {} samples over {} partitions in {} ms", moments.count(), options.partitions(),
                (System.nanoTime() - start) / 1_000_000);
        return moments;
    }

    /** The feature moments of the 28x28 grey images in [0, 1] held, 784 values each, in {@code column} of {@code rows}. */
    public static FeatureMoments imageFeatureMoments(Dataset<Row> rows, String column) {
        int index = arrayColumn(rows, column);
        int per = (int) FeatureNetwork.IMAGE_SHAPE.size();
        return rows.javaRDD().mapPartitions(it -> {
            FeatureMoments m = new FeatureMoments();
            float[] chunk = new float[FEATURE_CHUNK * per];
            int filled = 0;
            while (it.hasNext()) {
                double[] image = vector(it.next(), index, column);
                if (image.length != per) {
                    throw new IllegalArgumentException("column '" + column + "' has an image of " + image.length
                            + " values; the feature network reads 28x28 = " + per);
                }
                for (int k = 0; k < per; k++) {
                    chunk[filled * per + k] = (float) image[k];
                }
                if (++filled == FEATURE_CHUNK) {
                    addFeatures(m, chunk, filled);
                    filled = 0;
                }
            }
            addFeatures(m, chunk, filled);
            return List.of(m).iterator();
        }).treeAggregate(new FeatureMoments(), FeatureMoments::merge, FeatureMoments::merge, TREE_DEPTH);
    }

    /** The FID of two feature distributions, by artifex-eval's {@link FrechetDistance}. */
    public static double fid(FeatureMoments generated, FeatureMoments reference) {
        return FrechetDistance.fromMoments(generated.toMoments(), reference.toMoments());
    }

    /** The FID of generated feature moments against reference moments computed on one machine. */
    public static double fid(FeatureMoments generated, Moments reference) {
        return FrechetDistance.fromMoments(generated.toMoments(), reference);
    }

    private static FeatureMoments partitionMoments(GenerationOptions options, ImageLayout layout, int partition) {
        GenerativeModel model = ModelCache.get(options.archive());
        FeatureMoments m = new FeatureMoments();
        SampleBatches batches = new SampleBatches(model, options, partition);
        while (batches.hasNext()) {
            SampleBatches.Batch batch = batches.next();
            float[] unit = new float[batch.values().length];
            for (int k = 0; k < unit.length; k++) {
                unit[k] = layout.toUnit(batch.values()[k]);
            }
            addFeatures(m, unit, batch.size());
        }
        return m;
    }

    private static void addFeatures(FeatureMoments m, float[] images, int count) {
        if (count == 0) {
            return;
        }
        int per = (int) FeatureNetwork.IMAGE_SHAPE.size();
        float[] used = count * per == images.length ? images : Arrays.copyOf(images, count * per);
        for (float[] f : ModelCache.mnistFeatures().features(used)) {
            m.add(f);
        }
    }

    private static int arrayColumn(Dataset<Row> rows, String column) {
        List<String> names = Arrays.asList(rows.schema().fieldNames());
        int index = names.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("column '" + column + "' not found; the columns are " + names);
        }
        DataType type = rows.schema().fields()[index].dataType();
        if (!(type instanceof ArrayType array) || !(array.elementType() == DataTypes.FloatType
                || array.elementType() == DataTypes.DoubleType)) {
            throw new IllegalArgumentException("column '" + column + "' must be array<float> or array<double>, got "
                    + type.simpleString());
        }
        return index;
    }

    private static double[] vector(Row row, int index, String column) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("column '" + column + "' is null in a row");
        }
        List<Object> values = row.getList(index);
        double[] v = new double[values.size()];
        Iterator<Object> it = values.iterator();
        for (int k = 0; k < v.length; k++) {
            v[k] = ((Number) it.next()).doubleValue();
        }
        return v;
    }
}
