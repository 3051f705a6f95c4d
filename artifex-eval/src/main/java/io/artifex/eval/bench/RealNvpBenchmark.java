package io.artifex.eval.bench;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.flow.FlowModel;
import java.util.List;
import java.util.Map;

/**
 * Reference network #4: the seed's RealNVP (784 inputs, 8 affine couplings with 256-256 ReLU
 * coupling networks, logit transform alpha 0.05; 5,357,824 parameters), trained by maximum
 * likelihood on dequantised embedded MNIST ({@code (pixel + u) / 256}, flat) with Adam 1e-3.
 * Sampling workload: 64 samples from the standard normal base.
 *
 * <p>Quality: test bits/dim of the 8-bit digits through
 * {@link io.artifex.eval.likelihood.LikelihoodEvaluator} (lower is better).
 */
public final class RealNvpBenchmark implements BenchmarkModel {

    /** The id on the command line. */
    public static final String ID = "realnvp";

    /** The spec's parameter count for reference network #4. */
    public static final long EXPECTED_PARAMETERS = 5_357_824L;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "RealNVP (784, 8 affine couplings 256-256), reference network #4";
    }

    @Override
    public ModelConfig config() {
        CouplingNetworkConfig coupling = new CouplingNetworkConfig("coupling", List.of(256, 256), ActivationType.RELU);
        return new RealNvpConfig("realnvp", 784, 8, coupling);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public DataConfig data() {
        return new DataConfig("mnist", null, Preprocessing.DEQUANTIZE, true, null);
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        return TrainerConfig.of(1, batchSize, seed, OptimizerConfig.of(OptimizerType.ADAM, 1e-3));
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(new SamplingWorkload("base", 64, "64 draws from N(0, I) through the inverse flow", 0));
    }

    @Override
    public String qualityBudget(int epochs) {
        return epochs + " epochs over the embedded MNIST training digits, dequantised (pixel + u) / 256, "
                + "maximum likelihood, Adam 1e-3";
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        FlowModel flow = BenchQuality.require(model, FlowModel.class, ID);
        return likelihoodAndGrid(flow, context, new Rng(context.seed()).fork("realnvp-quality"));
    }

    /** Test bits/dim and, at the end, a grid of 64 samples; shared with {@link GlowBenchmark}. */
    static Map<String, Double> likelihoodAndGrid(FlowModel flow, QualityContext context, Rng rng) {
        return BenchQuality.likelihoodWithGrid(flow, 64, (n, m, r) -> flow.generate(n, m, r).clip(0f, 1f), context, rng);
    }
}
