package io.artifex.spark.examples;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.data.EmbeddedMnist;
import io.artifex.data.ImageDataset;
import io.artifex.eval.features.ImageArrays;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.spark.ArchiveSource;
import io.artifex.spark.SparkSessions;
import io.artifex.spark.generate.DistributedGeneration;
import io.artifex.spark.generate.GenerationOptions;
import io.artifex.spark.generate.SampleFormat;
import io.artifex.spark.metrics.DistributedSampleMetrics;
import io.artifex.spark.metrics.FeatureMoments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Distributed sampling on {@code local[*]}: trains a small conv VAE on the embedded MNIST digits
 * for a few hundred steps (or takes {@code --archive DIR}), saves it as a model archive, then on
 * Spark draws {@code --count} samples over {@code --partitions} partitions, writes them as PNG
 * files, shows the DataFrame and computes the FID against the embedded test digits from feature
 * moments reduced across partitions.
 *
 * <pre>./mvnw -q -pl artifex-spark -am compile exec:exec</pre>
 * Options ({@code -Dexec.args="..."}): {@code --master local[*] --count 256 --partitions 4
 * --seed 0 --steps 300 --reference 2000 --out target/spark-example --archive DIR} ({@code --reference}: how
 * many test digits the FID compares with). With {@code --measure} it instead
 * times distributed sampling on {@code local[1]} and {@code local[2]} ({@code --count} samples,
 * default 4000, {@code --rounds} timed runs each, default 5) and prints the speed-up.
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class SparkSamplingExample {

    private static final Logger LOG = LoggerFactory.getLogger(SparkSamplingExample.class);

    private SparkSamplingExample() {
    }

    /** Runs the example; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.measure) {
            SamplingThroughput.run(options.archive, options.out, options.count > 0 ? options.count : 4000,
                    options.partitions, options.rounds);
            return;
        }
        Path archive = options.archive != null ? options.archive
                : trainAndSave(options.out.resolve("model"), options.steps, options.seed);
        SparkSession spark = SparkSessions.local(options.master, "artifex-spark-example");
        try {
            long count = options.count > 0 ? options.count : 256;
            GenerationOptions generation = GenerationOptions.builder().archive(ArchiveSource.of(archive)).count(count)
                    .partitions(options.partitions).seed(options.seed).build();
            Dataset<Row> samples = DistributedGeneration.generate(spark, generation);
            samples.groupBy(DistributedGeneration.PARTITION).count().orderBy(DistributedGeneration.PARTITION).show();

            Path pictures = options.out.resolve("samples");
            long written = DistributedGeneration.writePngs(spark, generation, pictures.toString());
            LOG.info("wrote " + written + " PNG samples to " + pictures);

            FeatureMoments generated = DistributedSampleMetrics.generatedFeatureMoments(spark, generation);
            FeatureMoments reference = DistributedSampleMetrics.imageFeatureMoments(
                    testImages(spark, options.partitions, options.reference), "image");
            LOG.info(String.format(Locale.ROOT, "FID (MNIST feature network, %d samples vs %d test digits): %.2f", generated.count(),
                    reference.count(), DistributedSampleMetrics.fid(generated, reference)));
        } finally {
            spark.stop();
        }
    }

    /** The conv VAE the example trains and measures with. */
    static VaeConfig config() {
        return VaeConfig.builder().name("spark_conv_vae")
                .encoder(EncoderConfig.builder().name("encoder").inputShape(28, 28, 1).latentDim(16).hiddenDims(32, 64)
                        .build())
                .decoder(DecoderConfig.builder().name("decoder").latentDim(16).outputShape(28, 28, 1).hiddenDims(64, 32)
                        .build())
                .encoderType(EncoderType.CONV).build();
    }

    /** Trains the example's VAE for {@code steps} steps on the embedded MNIST digits and saves it in {@code dir}. */
    static Path trainAndSave(Path dir, int steps, long seed) {
        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.BINARIZE).build();
        BatchSource train = DataSources.train(data, 64, seed);
        TrainerConfig training = TrainerConfig.builder().epochs(1).maxSteps(steps).batchSize(64).seed(seed)
                .optimizer(OptimizerConfig.adam(1e-3)).build();
        try (GenerativeModel model = Models.create(config(), seed)) {
            if (steps > 0) {
                long start = System.nanoTime();
                new io.artifex.training.Trainer(training).fit(model, train, null);
                LOG.info(String.format(Locale.ROOT, "trained '%s' for %d steps in %.1f s", model.config().name(), steps,
                        (System.nanoTime() - start) / 1e9));
            }
            ModelArchive.save(model, dir);
        }
        LOG.info("saved the model archive to " + dir);
        return dir;
    }

    /**
     * The first {@code limit} embedded MNIST test digits (all 2,000 if fewer) as a DataFrame with
     * an {@code image} column of 784 floats in [0, 1], read on the executors (as a real reference
     * set would be read from storage there).
     */
    static Dataset<Row> testImages(SparkSession spark, int partitions, int limit) {
        int size = Math.min(limit, EmbeddedMnist.test().size());
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .mapPartitionsWithIndex((p, ignored) -> {
                    ImageDataset test = EmbeddedMnist.test();
                    int from = (int) ((long) size * p / partitions);
                    int to = (int) ((long) size * (p + 1) / partitions);
                    float[] all = ImageArrays.toUnitFloats(test, from, to);
                    int per = test.exampleSize();
                    List<Row> out = new ArrayList<>(to - from);
                    for (int i = 0; i < to - from; i++) {
                        out.add(RowFactory.create((Object) Arrays.copyOfRange(all, i * per, (i + 1) * per)));
                    }
                    return out.iterator();
                }, true);
        return spark.createDataFrame(rows, DataTypes.createStructType(List.of(DataTypes.createStructField("image",
                DataTypes.createArrayType(DataTypes.FloatType, false), false))));
    }

    /** The command-line options. */
    static final class Options {
        String master = "local[*]";
        long count;
        int partitions = 4;
        long seed;
        int steps = 300;
        int rounds = 5;
        int reference = 2000;
        boolean measure;
        Path out = Path.of("target", "spark-example");
        Path archive;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--measure")) {
                    o.measure = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--master" -> o.master = value;
                    case "--count" -> o.count = positive(name, Long.parseLong(value));
                    case "--partitions" -> o.partitions = (int) positive(name, Integer.parseInt(value));
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--steps" -> o.steps = Integer.parseInt(value);
                    case "--rounds" -> o.rounds = (int) positive(name, Integer.parseInt(value));
                    case "--reference" -> o.reference = (int) positive(name, Integer.parseInt(value));
                    case "--out" -> o.out = Path.of(value);
                    case "--archive" -> {
                        o.archive = Path.of(value);
                        if (!Files.isDirectory(o.archive)) {
                            throw new IllegalArgumentException("--archive " + value + " is not a directory");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + name + " (known: --master, "
                            + "--count, --partitions, --seed, --steps, --rounds, --reference, --out, --archive, --measure)");
                }
            }
            if (o.steps < 0) {
                throw new IllegalArgumentException("--steps must be >= 0, got " + o.steps);
            }
            return o;
        }

        private static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
            return value;
        }
    }

    /** When the example ran, for measurement records. */
    static String now() {
        return Instant.now().toString();
    }
}
