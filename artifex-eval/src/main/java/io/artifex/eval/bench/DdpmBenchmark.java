package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.diffusion.UNetBackboneConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.diffusion.DiffusionModel;
import io.artifex.models.diffusion.DiffusionScheduler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference network #3: the seed's DDPM (U-Net, hidden 64, channel multipliers (1, 2), cosine
 * schedule over 1000 steps, epsilon prediction; 2,031,425 parameters), trained on embedded
 * MNIST scaled to [-1, 1] with Adam 1e-3, keeping the EMA of the weights that the config asks
 * for (decay 0.9999, warming up; see the trainer), which quality samples are drawn from.
 * Sampling workloads: 16 samples by 1000 ancestral DDPM steps (one timed call), and 16 samples
 * by 50 deterministic DDIM steps (eta 0).
 *
 * <p>Quality: the sample metrics of {@link SampleMetrics} on DDIM-50 samples mapped to [0, 1]
 * ({@code sample_*}) at every point, and on {@link QualityContext#slowSamples()} 1000-step
 * ancestral samples ({@code ddpm1000_*}) at the final point.
 */
public final class DdpmBenchmark implements BenchmarkModel {

    /** The id on the command line. */
    public static final String ID = "ddpm";

    /** The spec's parameter count for reference network #3. */
    public static final long EXPECTED_PARAMETERS = 2_031_425L;

    /** Name of the 1000-step ancestral workload. */
    public static final String ANCESTRAL = "ddpm-1000";

    /** Name of the 50-step DDIM workload. */
    public static final String DDIM = "ddim-50";

    /** DDIM steps of the fast workload and of the quality samples. */
    static final int DDIM_STEPS = 50;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "DDPM (U-Net 64, mult (1, 2), cosine 1000 steps), reference network #3";
    }

    @Override
    public ModelConfig config() {
        UNetBackboneConfig backbone = new UNetBackboneConfig("backbone", 1, 1, List.of(64, 128), List.of(1, 2),
                ActivationType.SILU);
        NoiseScheduleConfig schedule = new NoiseScheduleConfig("schedule", NoiseScheduleType.COSINE, 1000);
        return new DdpmConfig("ddpm", List.of(28, 28, 1), backbone, schedule);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public DataConfig data() {
        return DataConfig.of("mnist", Preprocessing.SCALE11);
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        return TrainerConfig.builder().epochs(1).batchSize(batchSize).seed(seed).optimizer(OptimizerConfig.adam(1e-3))
                .emaDecay(((DdpmConfig) config()).emaDecay()).build();
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(
                new SamplingWorkload(ANCESTRAL, 16, "16 samples by 1000 ancestral DDPM steps from Gaussian noise", 1),
                new SamplingWorkload(DDIM, 16, "16 samples by " + DDIM_STEPS + " deterministic DDIM steps (eta 0)", 0));
    }

    /** The ancestral workload runs every step of the schedule; the DDIM workload {@value #DDIM_STEPS} DDIM steps. */
    @Override
    public NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        DiffusionModel diffusion = BenchQuality.require(model, DiffusionModel.class, ID);
        return diffusion.generate(workload.samples(), scheduler(diffusion, workload.name()), null, manager, rng);
    }

    /** The scheduler of the workload called {@code name}: {@link #ANCESTRAL} or {@link #DDIM}. */
    static DiffusionScheduler scheduler(DiffusionModel model, String name) {
        if (ANCESTRAL.equals(name)) {
            return model.ddpmScheduler();
        }
        if (DDIM.equals(name)) {
            return model.ddimScheduler(DDIM_STEPS, 0.0);
        }
        throw new IllegalArgumentException("ddpm sampling workload must be '" + ANCESTRAL + "' or '" + DDIM + "', got '"
                + name + "'");
    }

    @Override
    public String qualityBudget(int epochs) {
        return epochs + " epochs over the embedded MNIST training digits scaled to [-1, 1], epsilon-prediction MSE, "
                + "Adam 1e-3, EMA of the weights (decay " + ((DdpmConfig) config()).emaDecay() + " with warm-up); "
                + "samples by " + DDIM_STEPS + " DDIM steps";
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        DiffusionModel diffusion = BenchQuality.require(model, DiffusionModel.class, ID);
        Rng rng = new Rng(context.seed()).fork("ddpm-quality");
        Map<String, Double> metrics = new LinkedHashMap<>(SampleMetrics.measure(diffusion.config().name(), "sample",
                context.generatedSamples(),
                (n, m, r) -> SignedImages.toUnit(diffusion.generate(n, scheduler(diffusion, DDIM), null, m, r)), context,
                BenchQuality.parentManager(diffusion), rng.fork("samples")));
        if (context.finalPoint() && context.slowSamples() > 0) {
            metrics.putAll(SampleMetrics.measure(diffusion.config().name(), "ddpm1000", context.slowSamples(),
                    (n, m, r) -> SignedImages.toUnit(diffusion.generate(n, scheduler(diffusion, ANCESTRAL), null, m, r)),
                    context, BenchQuality.parentManager(diffusion), rng.fork("ancestral")));
        }
        return metrics;
    }
}
