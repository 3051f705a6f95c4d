package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.diffusion.DdpmConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.diffusion.ConditionalDiffusionModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ddpm-small} U-Net made class-conditional (10 digit classes, label dropout 0.1 for
 * classifier-free guidance), trained and scored like {@link DdpmBenchmark} except that every
 * sample is drawn for a chosen class with guidance scale {@value #GUIDANCE_SCALE}: sample
 * {@code j} of a set is drawn for digit {@code j % 10}, so the class spread is balanced by
 * construction, and {@code sample_label_agreement} reports how many samples the feature
 * classifier assigns to the digit they were drawn for. A configuration of the diffusion family
 * for the "largest configuration that reaches the bar"; its figures are not those of an
 * unconditional model and are reported apart from them.
 *
 * <p>Guidance {@value #GUIDANCE_SCALE} rather than the model's default
 * ({@link ConditionalDiffusionModel#DEFAULT_GUIDANCE_SCALE}): stronger guidance trades variety
 * within a class for samples that look more like their class, which is what the bar measures.
 */
public final class DdpmConditionalBenchmark extends VariantBenchmark {

    /** The id on the command line. */
    public static final String ID = "ddpm-small-cond";

    /** Parameters of this configuration (not from the spec): {@code ddpm-small} plus the class embedding. */
    public static final long EXPECTED_PARAMETERS = 511_265L;

    /** Digit classes. */
    static final int CLASSES = 10;

    /** The classifier-free guidance scale of every sample this entry draws. */
    static final double GUIDANCE_SCALE = 3.0;

    /** A variant of {@link DdpmBenchmark} on the {@code ddpm-small} U-Net. */
    public DdpmConditionalBenchmark() {
        super(new DdpmBenchmark());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "class-conditional DDPM (ddpm-small's U-Net, 10 classes, label dropout 0.1), guidance "
                + GUIDANCE_SCALE + "; not a spec reference network";
    }

    @Override
    public ModelConfig config() {
        DdpmConfig small = (DdpmConfig) new DdpmSmallBenchmark().config();
        return new DdpmConfig(ID, small.inputShape(), small.backbone(), small.noiseSchedule(), small.predictionType(),
                CLASSES, 0.1, small.minSnrGamma(), small.emaDecay());
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    /** Guided samples, drawn for digits 0, 1, ..., 9, 0, 1, ... in turn. */
    @Override
    public NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        ConditionalDiffusionModel diffusion = BenchQuality.require(model, ConditionalDiffusionModel.class, ID);
        return diffusion.generate(BenchQuality.labelsInTurn(workload.samples(), CLASSES, manager), GUIDANCE_SCALE,
                DdpmBenchmark.scheduler(diffusion, workload.name()), null, manager, rng);
    }

    @Override
    public String qualityBudget(int epochs) {
        return super.qualityBudget(epochs) + "; class-conditional (label dropout 0.1), every sample drawn for a "
                + "chosen digit (digits in turn) with classifier-free guidance " + GUIDANCE_SCALE;
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        ConditionalDiffusionModel diffusion = BenchQuality.require(model, ConditionalDiffusionModel.class, ID);
        Rng rng = new Rng(context.seed()).fork("ddpm-quality");
        NDManager parent = BenchQuality.parentManager(diffusion);
        Map<String, Double> metrics = new LinkedHashMap<>(SampleMetrics.measureConditional(diffusion.config().name(),
                "sample", context.generatedSamples(), CLASSES, guided(diffusion, DdpmBenchmark.DDIM), context, parent,
                rng.fork("samples")));
        if (context.finalPoint() && context.slowSamples() > 0) {
            metrics.putAll(SampleMetrics.measureConditional(diffusion.config().name(), "ddpm1000",
                    context.slowSamples(), CLASSES, guided(diffusion, DdpmBenchmark.ANCESTRAL), context, parent,
                    rng.fork("ancestral")));
        }
        return metrics;
    }

    private static LabelledImageSampler guided(ConditionalDiffusionModel diffusion, String workload) {
        return (labels, m, r) -> SignedImages.toUnit(diffusion.generate(labels, GUIDANCE_SCALE,
                DdpmBenchmark.scheduler(diffusion, workload), null, m, r));
    }
}
