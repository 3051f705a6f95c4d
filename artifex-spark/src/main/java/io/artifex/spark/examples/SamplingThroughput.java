package io.artifex.spark.examples;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import io.artifex.spark.ArchiveSource;
import io.artifex.spark.SparkSessions;
import io.artifex.spark.generate.DistributedGeneration;
import io.artifex.spark.generate.GenerationOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Times distributed sampling on {@code local[1]} and {@code local[2]}: the same job (same
 * samples, same partitions) in alternating blocks {@code local[1], local[2], local[1], local[2]},
 * each a warm-up run and {@code rounds} timed runs, so that drift from other load on the machine
 * shows as a difference between the two blocks of one master. Each task uses one PyTorch thread
 * ({@code ai.djl.pytorch.num_threads=1} unless set), so the speed-up is that of Spark's task
 * parallelism. Besides wall-clock rates it reports samples per second of the process's CPU time,
 * which other load on the machine does not change: equal figures for both masters mean the second
 * task adds no work of its own. Run through {@link SparkSamplingExample} with {@code --measure}.
 */
final class SamplingThroughput {

    private static final Logger LOG = LoggerFactory.getLogger(SamplingThroughput.class);

    private SamplingThroughput() {
    }

    /** Measures with the model in {@code archive} (null: an untrained one saved under {@code out}). */
    static void run(Path archive, Path out, long count, int partitions, int rounds) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        Path dir = archive;
        if (dir == null) {
            dir = out.resolve("measure-model");
            try (GenerativeModel model = Models.create(SparkSamplingExample.config(), 0L)) {
                ModelArchive.save(model, dir);
            }
        }
        GenerationOptions options = GenerationOptions.builder().archive(ArchiveSource.of(dir)).count(count)
                .partitions(partitions).seed(1).build();
        LOG.info(String.format(Locale.ROOT, "sampling throughput: %d samples of '%s', %d partitions, batch %d, %d timed runs per block,"
                + " %d processors, PyTorch threads per task %s, %s", count, "spark_conv_vae", partitions,
                options.batchSize(), rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads"), SparkSamplingExample.now()));
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        List<Double> oneCpu = new ArrayList<>();
        List<Double> twoCpu = new ArrayList<>();
        for (String master : new String[] {"local[1]", "local[2]", "local[1]", "local[2]"}) {
            double[][] rates = block(master, options, rounds);
            boolean single = master.equals("local[1]");
            (single ? one : two).addAll(Arrays.stream(rates[0]).boxed().toList());
            (single ? oneCpu : twoCpu).addAll(Arrays.stream(rates[1]).boxed().toList());
            LOG.info(String.format(Locale.ROOT, "  %s: median %.0f samples/s (runs: %s), %.0f samples per CPU second, load average %.1f",
                    master, median(rates[0]), Arrays.toString(Arrays.stream(rates[0]).map(Math::round).toArray()),
                    median(rates[1]), loadAverage()));
        }
        double m1 = median(one);
        double m2 = median(two);
        LOG.info(String.format(Locale.ROOT, "local[1] %.0f samples/s, local[2] %.0f samples/s: speed-up %.2fx", m1, m2, m2 / m1));
        LOG.info(String.format(Locale.ROOT, "samples per CPU second: local[1] %.0f, local[2] %.0f (ratio %.2f; 1.0 = the second task "
                + "adds no work, so a quiet 2-core machine would give close to 2x)", median(oneCpu), median(twoCpu),
                median(twoCpu) / median(oneCpu)));
    }

    /** Per timed run: samples per wall-clock second, and samples per second of this process's CPU time. */
    private static double[][] block(String master, GenerationOptions options, int rounds) {
        SparkSession spark = SparkSessions.local(master, "artifex-sampling-throughput");
        try {
            DistributedGeneration.generate(spark, options).javaRDD().count();
            double[][] rates = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                long cpu = processCpuNanos();
                long start = System.nanoTime();
                long n = DistributedGeneration.generate(spark, options).javaRDD().count();
                rates[0][r] = n / ((System.nanoTime() - start) / 1e9);
                rates[1][r] = n / ((processCpuNanos() - cpu) / 1e9);
            }
            return rates;
        } finally {
            spark.stop();
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report its process CPU time");
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
