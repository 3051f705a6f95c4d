package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import java.util.List;
import java.util.Map;

/** The VAE entry with a deliberately wrong expected parameter count. */
final class WrongCountVae implements BenchmarkModel {

    private final VaeBenchmark vae = new VaeBenchmark();
    private final long expected;

    WrongCountVae(long expected) {
        this.expected = expected;
    }

    @Override
    public String id() {
        return vae.id();
    }

    @Override
    public String description() {
        return vae.description();
    }

    @Override
    public ModelConfig config() {
        return vae.config();
    }

    @Override
    public long expectedParameters() {
        return expected;
    }

    @Override
    public DataConfig data() {
        return vae.data();
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        return vae.trainer(batchSize, seed);
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return vae.samplingWorkloads();
    }

    @Override
    public String qualityBudget(int epochs) {
        return vae.qualityBudget(epochs);
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        return vae.evaluateQuality(model, context);
    }
}
