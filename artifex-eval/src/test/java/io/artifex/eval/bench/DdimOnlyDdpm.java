package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import java.util.List;
import java.util.Map;

/**
 * The DDPM entry without its 1000-step workload or 1000-step quality samples, so a unit test
 * can run it through the harness.
 */
final class DdimOnlyDdpm extends VariantBenchmark {

    private final DdpmBenchmark ddpm;

    DdimOnlyDdpm() {
        this(new DdpmBenchmark());
    }

    private DdimOnlyDdpm(DdpmBenchmark ddpm) {
        super(ddpm);
        this.ddpm = ddpm;
    }

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
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(ddpm.samplingWorkloads().get(1));
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        return ddpm.evaluateQuality(model, context.withSlowSamples(0));
    }
}
