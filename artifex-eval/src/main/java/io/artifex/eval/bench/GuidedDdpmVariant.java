package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.diffusion.ConditionalDiffusionModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A class-conditional DDPM entry, trained like {@link DdpmBenchmark} on the labelled digits and
 * sampled with classifier-free guidance {@value #GUIDANCE_SCALE}: sample {@code j} of every set
 * (speed workloads and quality sets) is drawn for digit {@code j % 10}, so the class spread is
 * balanced by construction, and {@code <set>_label_agreement} reports how many samples the
 * feature classifier assigns to the digit they were drawn for. Subclasses give the network.
 *
 * <p>Guidance {@value #GUIDANCE_SCALE} rather than the model's default
 * ({@link ConditionalDiffusionModel#DEFAULT_GUIDANCE_SCALE}): stronger guidance trades variety
 * within a class for samples that look more like their class, which is what the bar measures.
 */
abstract class GuidedDdpmVariant extends VariantBenchmark {

    /** Digit classes. */
    static final int CLASSES = 10;

    /** The classifier-free guidance scale of every sample these entries draw. */
    static final double GUIDANCE_SCALE = 3.0;

    /** Label dropout of training (the null-class rate classifier-free guidance needs). */
    static final double LABEL_DROPOUT = 0.1;

    /** Trained, and sampled without labels, as {@link DdpmBenchmark}. */
    protected GuidedDdpmVariant() {
        super(new DdpmBenchmark());
    }

    /** Guided samples, drawn for digits 0, 1, ..., 9, 0, 1, ... in turn. */
    @Override
    public NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        ConditionalDiffusionModel diffusion = BenchQuality.require(model, ConditionalDiffusionModel.class, id());
        return diffusion.generate(BenchQuality.labelsInTurn(workload.samples(), CLASSES, manager), GUIDANCE_SCALE,
                DdpmBenchmark.scheduler(diffusion, workload.name()), null, manager, rng);
    }

    @Override
    public String qualityBudget(int epochs) {
        return super.qualityBudget(epochs) + "; class-conditional (label dropout " + LABEL_DROPOUT + "), every "
                + "sample drawn for a chosen digit (digits in turn) with classifier-free guidance " + GUIDANCE_SCALE;
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        ConditionalDiffusionModel diffusion = BenchQuality.require(model, ConditionalDiffusionModel.class, id());
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
