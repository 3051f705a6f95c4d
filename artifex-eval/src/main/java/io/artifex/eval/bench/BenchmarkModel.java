package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.TokenLikelihood;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * One benchmark entry, read from its file ({@link BenchmarkEntries}): a network (a model config
 * in the schema users write), the parameter count pinned for it, the data it trains on, how it is
 * trained, which sampling workloads are timed, and how its quality is measured. The protocol
 * classes run every entry the same way; what differs between entries is data in the file, and
 * what differs between families comes from the model's capabilities.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class BenchmarkModel {

    private final String id;
    private final String description;
    private final int specNetwork;
    private final long expectedParameters;
    private final ModelConfig config;
    private final ModelConfig qualityConfig;
    private final DataConfig data;
    private final BiFunction<Integer, Long, TrainerConfig> trainer;
    private final List<SamplingWorkload> workloads;
    private final QualityPlan quality;
    private final String source;

    BenchmarkModel(String id, String description, int specNetwork, long expectedParameters, ModelConfig config,
                   ModelConfig qualityConfig, DataConfig data, BiFunction<Integer, Long, TrainerConfig> trainer,
                   List<SamplingWorkload> workloads, QualityPlan quality, String source) {
        this.id = id;
        this.description = description;
        this.specNetwork = specNetwork;
        this.expectedParameters = expectedParameters;
        this.config = config;
        this.qualityConfig = qualityConfig;
        this.data = data;
        this.trainer = trainer;
        this.workloads = List.copyOf(workloads);
        this.quality = quality;
        this.source = source;
    }

    /** The short id used on the command line, e.g. {@code "vae"}; the entry's file is {@code <id>.yaml}. */
    public String id() {
        return id;
    }

    /** One line for the report, e.g. "VAE (dense ...), reference network #1". */
    public String description() {
        return description;
    }

    /** The network's number in the benchmark spec (1 to 6), empty for this project's own variants. */
    public OptionalInt specNetwork() {
        return specNetwork > 0 ? OptionalInt.of(specNetwork) : OptionalInt.empty();
    }

    /** Whether this is one of the spec's reference networks, whose parameter count the spec states. */
    public boolean isSpecReference() {
        return specNetwork > 0;
    }

    /** The network's config; building it must give {@link #expectedParameters()}. */
    public ModelConfig config() {
        return config;
    }

    /**
     * The config the quality run trains and scores: {@link #config()} with the file's
     * {@code quality.modelOverrides} applied (a sampler's step size, say: settings that are not
     * part of the network). It builds the same network, with the same parameter count.
     */
    public ModelConfig qualityConfig() {
        return qualityConfig;
    }

    /** The parameter count pinned in the entry's file (the spec's for a reference network). */
    public long expectedParameters() {
        return expectedParameters;
    }

    /** The data and preprocessing the model trains and is evaluated on. */
    public DataConfig data() {
        return data;
    }

    /**
     * The entry's training setup (optimizers, schedules, weight average) at the given batch size
     * and seed, for one epoch; the harness sets the run length itself.
     */
    public TrainerConfig trainer(int batchSize, long seed) {
        return trainer.apply(batchSize, seed);
    }

    /** The timed sampling jobs, in order. */
    public List<SamplingWorkload> samplingWorkloads() {
        return workloads;
    }

    /** What the quality protocol measures. */
    public QualityPlan quality() {
        return quality;
    }

    /** Where the entry was read from (a file or a class-path resource), for messages. */
    public String source() {
        return source;
    }

    /** Runs one sampling job with the workload's {@link Sampler}. */
    public NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        return workload.sampler().draw(model, workload.samples(), manager, rng,
                "benchmark entry '" + id + "', sampling workload '" + workload.name() + "'");
    }

    /** The quality budget in words for {@code epochs} epochs. */
    public String qualityBudget(int epochs) {
        return quality.budget(epochs);
    }

    /**
     * Measures the trained model's quality on the test split: the plan's likelihood, then (at
     * the final point, when grids are kept) its grid, then each sample set, with samples mapped
     * from the data's range to [0, 1]. Lower-is-better metrics say so in their name. Called in
     * evaluation mode; does not train.
     */
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        Rng rng = new Rng(context.seed()).fork(quality.randomStream());
        Map<String, Double> metrics = new LinkedHashMap<>();
        switch (quality.likelihood()) {
            case BITS_PER_DIM -> metrics.putAll(BenchQuality.likelihood(
                    BenchQuality.require(model, LikelihoodModel.class, id), context, rng.fork("likelihood")));
            case IMPORTANCE_WEIGHTED -> metrics.putAll(BenchQuality.importanceWeightedBounds(model, context,
                    rng.fork("bounds"), id));
            case TOKENS -> metrics.putAll(BenchQuality.tokens(
                    BenchQuality.require(model, TokenLikelihood.class, id), context, id));
            case NONE -> { }
        }
        UnaryOperator<NDArray> toUnit = unitRange(data.preprocessing());
        metrics.putAll(BenchQuality.grid(model, quality.gridSamples(),
                (n, m, r) -> toUnit.apply(model.generate(n, m, r)), context, rng.fork("grid")));
        if (context.referenceImages() != null) {
            NDManager parent = model.manager();
            for (SampleSet set : quality.sampleSets()) {
                metrics.putAll(set.measure(model, toUnit, context, parent, rng, id));
            }
        }
        return metrics;
    }

    /** This entry with other sampling workloads (custom harnesses, quick tests). */
    public BenchmarkModel withSamplingWorkloads(List<SamplingWorkload> newWorkloads) {
        return new BenchmarkModel(id, description, specNetwork, expectedParameters, config, qualityConfig, data, trainer,
                newWorkloads, quality, source);
    }

    /** This entry with another pinned parameter count (e.g. to see a failed check). */
    public BenchmarkModel withExpectedParameters(long count) {
        return new BenchmarkModel(id, description, specNetwork, count, config, qualityConfig, data, trainer, workloads,
                quality, source);
    }

    /**
     * Maps samples in the data space of {@code preprocessing} to [0, 1] for the feature network:
     * {@code scale11} data from [-1, 1] with {@link SignedImages#toUnit}, the others (already in
     * [0, 1]) clipped there.
     */
    static UnaryOperator<NDArray> unitRange(Preprocessing preprocessing) {
        return preprocessing == Preprocessing.SCALE11 ? SignedImages::toUnit : x -> x.clip(0f, 1f);
    }

    @Override
    public String toString() {
        return "BenchmarkModel[" + id + " from " + source + "]";
    }
}
