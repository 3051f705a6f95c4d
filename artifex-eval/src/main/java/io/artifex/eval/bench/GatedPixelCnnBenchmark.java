package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.autoregressive.PixelCnnVariant;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.autoregressive.BasePixelCnn;
import java.util.List;
import java.util.Map;

/**
 * The Gated PixelCNN (vertical and horizontal stacks, no blind spot) at the width and depth of
 * reference network #6 (64 channels, 8 layers, 256-way output), trained like {@link PixelCnnBenchmark}.
 * Not one of the spec's six reference networks: its parameter count is this configuration's,
 * pinned here so that changes show.
 *
 * <p>Quality: exact test bits/dim of the 8-bit digits, and a grid of {@value PixelCnnBenchmark#GRID_SAMPLES} samples at the end.
 */
public final class GatedPixelCnnBenchmark extends VariantBenchmark {

    /** The id on the command line. */
    public static final String ID = "gated-pixelcnn";

    /** Parameters of this configuration (not from the spec). */
    public static final long EXPECTED_PARAMETERS = 650_048L;

    /** A variant of {@link PixelCnnBenchmark}. */
    public GatedPixelCnnBenchmark() {
        super(new PixelCnnBenchmark());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Gated PixelCNN (64 channels, 8 layers, 256-way), not a spec reference network";
    }

    @Override
    public ModelConfig config() {
        return new PixelCnnConfig("gated-pixelcnn", List.of(28, 28, 1), 64, 8, null, null, PixelCnnVariant.GATED, null);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        BasePixelCnn pixelCnn = BenchQuality.require(model, BasePixelCnn.class, ID);
        return PixelCnnBenchmark.likelihoodAndGrid(pixelCnn, context, new Rng(context.seed()).fork("gated-pixelcnn-quality"));
    }
}
