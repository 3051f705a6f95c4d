package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.util.List;
import java.util.Map;

/**
 * A benchmark entry that is another network of a reference entry's family, trained, sampled and
 * scored exactly like that entry: a subclass gives its id, description, config and pinned
 * parameter count, and everything else is the reference entry's. Its quality config is its own
 * {@link #config()} (the {@link BenchmarkModel} default), not the reference entry's.
 */
abstract class VariantBenchmark implements BenchmarkModel {

    private final BenchmarkModel reference;

    /** A variant of {@code reference}. */
    protected VariantBenchmark(BenchmarkModel reference) {
        this.reference = reference;
    }

    @Override
    public DataConfig data() {
        return reference.data();
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        return reference.trainer(batchSize, seed);
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return reference.samplingWorkloads();
    }

    @Override
    public NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        return reference.sample(model, workload, manager, rng);
    }

    @Override
    public String qualityBudget(int epochs) {
        return reference.qualityBudget(epochs);
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        return reference.evaluateQuality(model, context);
    }
}
