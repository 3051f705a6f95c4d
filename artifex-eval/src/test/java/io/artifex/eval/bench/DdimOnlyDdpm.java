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
 * The DDPM entry without its 1000-step workload or 1000-step quality samples, so a unit test
 * can run it through the harness.
 */
final class DdimOnlyDdpm implements BenchmarkModel {

    private final DdpmBenchmark ddpm = new DdpmBenchmark();

    @Override
    public String id() {
        return ddpm.id();
    }

    @Override
    public String description() {
        return ddpm.description();
    }

    @Override
    public ModelConfig config() {
        return ddpm.config();
    }

    @Override
    public long expectedParameters() {
        return ddpm.expectedParameters();
    }

    @Override
    public DataConfig data() {
        return ddpm.data();
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        return ddpm.trainer(batchSize, seed);
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(ddpm.samplingWorkloads().get(1));
    }

    @Override
    public NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        return ddpm.sample(model, workload, manager, rng);
    }

    @Override
    public String qualityBudget(int epochs) {
        return ddpm.qualityBudget(epochs);
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        return ddpm.evaluateQuality(model, context.withSlowSamples(0));
    }
}
