package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.autoregressive.BasePixelCnn;
import java.util.List;
import java.util.Map;

/**
 * Reference network #6: the seed's PixelCNN (28x28x1, 64 hidden channels, 8 masked layers,
 * 256-way categorical per pixel; 118,080 parameters), trained by cross-entropy on embedded
 * MNIST scaled to [0, 1] with Adam 1e-3.
 * Sampling workload: 16 images drawn pixel by pixel (784 sequential network passes; one
 * timed call).
 *
 * <p>Quality: test bits/dim of the 8-bit digits through
 * {@link io.artifex.eval.likelihood.LikelihoodEvaluator} (exact; lower is better).
 */
public final class PixelCnnBenchmark implements BenchmarkModel {

    /** The id on the command line. */
    public static final String ID = "pixelcnn";

    /** Images in the sample grid of the quality run (784 network passes at this batch size). */
    static final int GRID_SAMPLES = 16;

    /** The spec's parameter count for reference network #6. */
    public static final long EXPECTED_PARAMETERS = 118_080L;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PixelCNN (64 channels, 8 masked layers, 256-way), reference network #6";
    }

    @Override
    public ModelConfig config() {
        return new PixelCnnConfig("pixelcnn", List.of(28, 28, 1), 64, 8);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public DataConfig data() {
        return DataConfig.of("mnist", Preprocessing.SCALE01);
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        return TrainerConfig.of(1, batchSize, seed, OptimizerConfig.of(OptimizerType.ADAM, 1e-3));
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(new SamplingWorkload("pixels", 16, "16 images drawn pixel by pixel (784 sequential passes)", 1));
    }

    @Override
    public String qualityBudget(int epochs) {
        return epochs + " epochs over the embedded MNIST training digits scaled to [0, 1], 256-way cross-entropy, Adam 1e-3";
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        BasePixelCnn pixelCnn = BenchQuality.require(model, BasePixelCnn.class, ID);
        return likelihoodAndGrid(pixelCnn, context, new Rng(context.seed()).fork("pixelcnn-quality"));
    }

    /**
     * Exact test bits/dim and, at the end, {@value #GRID_SAMPLES} images drawn pixel by pixel for
     * the grid (each costs 784 network passes); shared with {@link GatedPixelCnnBenchmark}.
     */
    static Map<String, Double> likelihoodAndGrid(BasePixelCnn pixelCnn, QualityContext context, Rng rng) {
        return BenchQuality.likelihoodWithGrid(pixelCnn, GRID_SAMPLES, pixelCnn::generate, context, rng);
    }
}
