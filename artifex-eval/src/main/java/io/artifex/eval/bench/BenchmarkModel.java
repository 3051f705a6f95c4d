package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.util.List;
import java.util.Map;

/**
 * One reference model of {@code shared/benchmark-spec.md}: its network (the family's default,
 * seed-example config), the parameter count the spec pins, the data it trains on, how it is
 * trained, what sampling workload is timed, and how its quality is measured.
 *
 * <p>To add a family: write {@code io.artifex.eval.bench.<Family>Benchmark} implementing this
 * interface with a public no-argument constructor (see {@link VaeBenchmark}) and list its id
 * and class name in {@link BenchmarkModels#BUILT_IN}. Code outside this module can instead
 * register an implementation through {@code META-INF/services/io.artifex.eval.bench.BenchmarkModel}.
 */
public interface BenchmarkModel {

    /** The short id used on the command line, e.g. {@code "vae"}. */
    String id();

    /** One line for the report, e.g. "VAE (dense), reference network #1". */
    String description();

    /** The reference network's config (the seed example); building it must give {@link #expectedParameters()}. */
    ModelConfig config();

    /**
     * The config the quality run trains and scores: {@link #config()} unless an entry has to
     * change a setting that is not part of the network (a sampler's step size, say) to get a
     * meaningful quality figure; such an entry says what it changed, and why, in
     * {@link #qualityBudget(int)}. It must build the same network, with the same parameter count.
     */
    default ModelConfig qualityConfig() {
        return config();
    }

    /** The parameter count the benchmark spec states for this network. */
    long expectedParameters();

    /** The data and preprocessing the model trains and is evaluated on. */
    DataConfig data();

    /**
     * The reference training setup (optimizers, schedules) at the given batch size and seed;
     * the harness sets the run length (epochs, maxSteps) itself.
     */
    TrainerConfig trainer(int batchSize, long seed);

    /** The timed sampling jobs of the spec, in order. */
    List<SamplingWorkload> samplingWorkloads();

    /** Runs one sampling job: by default {@code model.generate(workload.samples(), ...)}. */
    default NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        return model.generate(workload.samples(), manager, rng);
    }

    /** The quality budget in words, e.g. "20 epochs of the 8,000 embedded MNIST digits, Adam 1e-3, batch 64". */
    String qualityBudget(int epochs);

    /**
     * Measures the trained model's quality on the test split (lower-is-better metrics say so in
     * their name, e.g. {@code "test_neg_elbo_nats"}). Called in evaluation mode; must not train.
     */
    Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context);
}
