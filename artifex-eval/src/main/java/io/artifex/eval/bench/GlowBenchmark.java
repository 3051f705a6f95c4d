package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;
import io.artifex.models.flow.GlowConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.flow.FlowModel;
import java.util.List;
import java.util.Map;

/**
 * The multi-scale (Glow-style) flow on 28x28 digits: two scales (squeeze to 4x14x14, then
 * 8x7x7 after factoring out half), two checkerboard couplings per scale, then four steps of
 * activation normalisation, invertible 1x1 convolution and channel coupling (64 hidden
 * channels); dequantisation and logit as for RealNVP. Not one of the spec's six reference
 * networks: its parameter count is this configuration's, pinned here so that changes show.
 * Data, training and sampling workload as {@link RealNvpBenchmark}.
 *
 * <p>Quality: test bits/dim of the 8-bit digits, and a grid of 64 samples at the end.
 */
public final class GlowBenchmark extends VariantBenchmark {

    /** The id on the command line. */
    public static final String ID = "glow";

    /** Parameters of this configuration (not from the spec). */
    public static final long EXPECTED_PARAMETERS = 103_384L;

    /** A variant of {@link RealNvpBenchmark}. */
    public GlowBenchmark() {
        super(new RealNvpBenchmark());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "multi-scale flow (2 scales, 4 steps each, 64 hidden channels), not a spec reference network";
    }

    @Override
    public ModelConfig config() {
        return new GlowConfig("glow", List.of(28, 28, 1), 2, 4, 2, 64, true, 0.05);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        FlowModel flow = BenchQuality.require(model, FlowModel.class, ID);
        return RealNvpBenchmark.likelihoodAndGrid(flow, context, new Rng(context.seed()).fork("glow-quality"));
    }
}
