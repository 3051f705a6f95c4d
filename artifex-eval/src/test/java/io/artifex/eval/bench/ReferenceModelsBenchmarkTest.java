package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.energy.EbmConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.models.diffusion.DdimScheduler;
import io.artifex.models.diffusion.DdpmScheduler;
import io.artifex.models.diffusion.DiffusionModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five reference-model entries besides the VAE: registered, building the spec's networks,
 * and running through the harness with tiny settings (timings are never asserted).
 */
class ReferenceModelsBenchmarkTest {

    @ParameterizedTest
    @CsvSource({
        "dcgan, 3923010, scale11, false",
        "ddpm, 2031425, scale11, false",
        "realnvp, 5357824, dequantize, true",
        "ebm, 267009, scale11, true",
        "pixelcnn, 118080, scale01, false",
        "glow, 103384, dequantize, true",
        "gated-pixelcnn, 650048, scale01, false",
        "ddpm-small, 509857, scale11, false",
        "ddpm-small-cond, 511265, scale11, false",
        "dcgan-cond, 3979330, scale11, false",
        "ddpm-tiny-cond, 535345, scale11, false",
        "ddpm-tiny, 533937, scale11, false"})
    void entryIsAvailableAndBuildsTheSpecNetwork(String id, long parameters, String preprocessing, boolean flatten) {
        BenchmarkModels models = BenchmarkModels.available();
        assertThat(models.ids()).contains(id);
        BenchmarkModel entry = models.get(id);
        assertThat(entry.id()).isEqualTo(id);
        assertThat(entry.expectedParameters()).isEqualTo(parameters);
        assertThat(entry.data().dataset()).isEqualTo("mnist");
        assertThat(entry.data().preprocessing()).isEqualTo(Preprocessing.fromId(preprocessing));
        assertThat(entry.data().flatten()).isEqualTo(flatten);
        assertThat(entry.trainer(32, 7).batchSize()).isEqualTo(32);
        assertThat(entry.trainer(32, 7).seed()).isEqualTo(7L);
        assertThat(entry.samplingWorkloads()).isNotEmpty();
        assertThat(entry.qualityBudget(3)).startsWith("3 epochs");
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(entry.config(), manager, new Rng(0));
             GenerativeModel scored = ModelRegistry.defaultRegistry().create(entry.qualityConfig(), manager, new Rng(0))) {
            assertThat(model.parameterCount()).isEqualTo(parameters);
            assertThat(scored.parameterCount()).as("the quality run trains the same network").isEqualTo(parameters);
        }
    }

    @Test
    void theEbmQualityRunChangesOnlyTheLangevinStepSize() {
        BenchmarkModel ebm = BenchmarkModels.available().get("ebm");
        EbmConfig spec = (EbmConfig) ebm.config();
        EbmConfig scored = (EbmConfig) ebm.qualityConfig();
        assertThat(spec.mcmc().stepSize()).isEqualTo(0.01);
        assertThat(scored.mcmc().stepSize()).isEqualTo(EbmBenchmark.QUALITY_STEP_SIZE);
        assertThat(scored.withMcmc(scored.mcmc().withStepSize(0.01))).isEqualTo(spec);
        assertThat(ebm.qualityBudget(2)).contains("Langevin step 1.0 instead of the spec's 0.01");
        assertThat(BenchmarkModels.available().get("vae").qualityConfig())
                .isEqualTo(BenchmarkModels.available().get("vae").config());
    }

    @Test
    void workloadsAndOptimizersFollowTheSpec() {
        BenchmarkModels models = BenchmarkModels.available();
        assertThat(models.ids()).startsWith("vae", "dcgan", "ddpm", "realnvp", "ebm", "pixelcnn");
        assertThat(models.get("dcgan").samplingWorkloads()).extracting(SamplingWorkload::samples).containsExactly(64);
        assertThat(models.get("realnvp").samplingWorkloads()).extracting(SamplingWorkload::samples).containsExactly(64);
        assertThat(models.get("ebm").samplingWorkloads()).extracting(SamplingWorkload::samples).containsExactly(64);
        assertThat(models.get("ddpm").samplingWorkloads()).extracting(SamplingWorkload::name)
                .containsExactly("ddpm-1000", "ddim-50");
        assertThat(models.get("ddpm").samplingWorkloads()).extracting(SamplingWorkload::samples).containsExactly(16, 16);
        assertThat(models.get("ddpm").samplingWorkloads().get(0).timedCalls(3)).isEqualTo(1);
        SamplingWorkload pixels = models.get("pixelcnn").samplingWorkloads().get(0);
        assertThat(pixels.samples()).isEqualTo(16);
        assertThat(pixels.timedCalls(3)).isEqualTo(1);

        var gan = models.get("dcgan").trainer(64, 0);
        for (String key : new String[] {"default", "generator", "discriminator"}) {
            assertThat(gan.optimizers().get(key).learningRate()).isEqualTo(2e-4);
            assertThat(gan.optimizers().get(key).beta1()).isEqualTo(0.5);
            assertThat(gan.optimizers().get(key).beta2()).isEqualTo(0.999);
        }
        var ebm = models.get("ebm").trainer(64, 0).optimizerFor("default");
        assertThat(ebm.learningRate()).isEqualTo(1e-4);
        assertThat(ebm.beta1()).isEqualTo(0.0);
        for (String id : new String[] {"ddpm", "realnvp", "pixelcnn"}) {
            assertThat(models.get(id).trainer(64, 0).optimizerFor("default").learningRate()).isEqualTo(1e-3);
        }
    }

    /** DDPM's 1000-step workload is too slow for a unit test; its DDIM path is checked directly on 2 samples. */
    @Test
    void ddpmUsesDdimForTheFastWorkloadAndAncestralStepsForTheOther() {
        DdpmBenchmark entry = new DdpmBenchmark();
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(entry.config(), manager, new Rng(0))) {
            DiffusionModel diffusion = (DiffusionModel) model;
            assertThat(DdpmBenchmark.scheduler(diffusion, "ddpm-1000")).isInstanceOf(DdpmScheduler.class);
            DdimScheduler ddim = (DdimScheduler) DdpmBenchmark.scheduler(diffusion, "ddim-50");
            assertThat(ddim.timesteps()).hasSize(50);
            assertThatThrownBy(() -> DdpmBenchmark.scheduler(diffusion, "prior"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ddim-50");

            SamplingWorkload fast = entry.samplingWorkloads().get(1).withSamples(2);
            try (NDManager sm = manager.newSubManager()) {
                NDArray a = entry.sample(model, fast, sm, new Rng(3));
                NDArray b = entry.sample(model, fast, sm, new Rng(3));
                assertThat(a.getShape().toString()).isEqualTo("(2, 1, 28, 28)");
                float[] va = a.toFloatArray();
                for (float v : va) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
                // eta 0: deterministic given the starting noise.
                assertThat(b.toFloatArray()).containsExactly(va);
            }
        }
    }

    /**
     * A tiny speed and quality run. DDPM runs without its 1000-step workload ({@link DdimOnlyDdpm}):
     * sampleCount shrinks the samples, not the steps.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dcgan", "ddpm", "realnvp", "ebm", "pixelcnn", "glow", "gated-pixelcnn", "dcgan-cond"})
    void tinyRunPassesTheParameterCheckAndMeasuresQuality(String id) {
        BenchmarkOptions options = BenchmarkOptions.builder().models(id).steps(1).warmup(1).repeats(1).batchSize(8)
                .sampleCount(2).quality(true).qualityEpochs(1).qualityTrainLimit(16).qualityTestLimit(16)
                .qualityMaxSteps(1).generatedSamples(16).build();
        BenchmarkRunner runner = id.equals("ddpm")
                ? new BenchmarkRunner(BenchmarkModels.of(List.of(new DdimOnlyDdpm()))) : new BenchmarkRunner();
        BenchmarkReport report = runner.run(options);

        ModelResult r = report.models().get(0);
        long expected = BenchmarkModels.available().get(id).expectedParameters();
        if (id.equals("ddpm")) {
            assertThat(r.sampling()).extracting(SamplingSpeed::workload).containsExactly("ddim-50");
        }
        assertThat(r.parameters()).isEqualTo(new ParameterCheck(expected, expected, true));
        assertThat(report.allChecksPassed()).isTrue();
        assertThat(r.sampling()).allSatisfy(s -> {
            assertThat(s.samples()).isEqualTo(2);
            assertThat(s.finite()).isTrue();
            assertThat(s.sampleShape()).startsWith("(2, ");
        });
        assertThat(r.training().finalLosses()).allSatisfy(l -> assertThat(l).isFinite());

        Map<String, Double> q = r.quality().points().get(r.quality().points().size() - 1).metrics();
        switch (id) {
            case "realnvp", "glow" -> {
                // The flow's bits/dim are its NLL on [0, 1)^784 plus 784 ln 256, per dimension in bits.
                assertThat(q.get("test_examples")).isEqualTo(16.0);
                assertThat(q.get("test_bits_per_dim"))
                        .isCloseTo((q.get("test_neg_log_likelihood_nats") + 784 * Math.log(256)) / (784 * Math.log(2)),
                                within(1e-3));
                assertThat(q.get("test_bits_per_dim")).isPositive().isFinite();
            }
            case "pixelcnn", "gated-pixelcnn" -> {
                assertThat(q.get("test_examples")).isEqualTo(16.0);
                assertThat(q.get("test_bits_per_dim"))
                        .isCloseTo(q.get("test_neg_log_likelihood_nats") / (784 * Math.log(2)), within(1e-3));
                // Nearly untrained: close to the 8 bits of a uniform guess, certainly between 1 and 20.
                assertThat(q.get("test_bits_per_dim")).isBetween(1.0, 20.0);
            }
            default -> {
                assertThat(q.get("sample_count")).isEqualTo(16.0);
                assertThat(q.get("sample_fid")).isPositive().isFinite();
                assertThat(q.get("sample_precision")).isBetween(0.0, 1.0);
                assertThat(q.get("sample_recall")).isBetween(0.0, 1.0);
                if (id.endsWith("-cond")) {
                    assertThat(q.get("sample_label_agreement")).isBetween(0.0, 1.0);
                    assertThat(q.get("raw_sample_label_agreement")).isBetween(0.0, 1.0);
                }
            }
        }
    }

    /**
     * The conditional DDPMs draw every sample for a digit with guidance, in the speed workloads
     * and in the quality sets (checked on DDIM samples; its 1000-step sets are too slow here).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ddpm-small-cond", "ddpm-tiny-cond"})
    void theConditionalDdpmsDrawGuidedSamplesForDigitsInTurn(String id) {
        GuidedDdpmVariant entry = (GuidedDdpmVariant) BenchmarkModels.available().get(id);
        assertThat(entry.qualityBudget(2)).contains("guidance " + GuidedDdpmVariant.GUIDANCE_SCALE);
        DdpmConfig config = (DdpmConfig) entry.config();
        assertThat(config.numClasses()).isEqualTo(GuidedDdpmVariant.CLASSES);
        assertThat(config.labelDropout()).isEqualTo(GuidedDdpmVariant.LABEL_DROPOUT);
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(entry.config(), manager, new Rng(0))) {
            assertThat(BenchQuality.labelsInTurn(12, GuidedDdpmVariant.CLASSES, manager).toLongArray())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
            SamplingWorkload fast = entry.samplingWorkloads().get(1).withSamples(2);
            try (NDManager sm = manager.newSubManager()) {
                NDArray a = entry.sample(model, fast, sm, new Rng(3));
                assertThat(a.getShape().toString()).isEqualTo("(2, 1, 28, 28)");
                assertThat(entry.sample(model, fast, sm, new Rng(3)).toFloatArray()).containsExactly(a.toFloatArray());
            }
            var digits = io.artifex.data.EmbeddedMnist.test().subset(0, 16);
            QualityContext context = new QualityContext(io.artifex.data.ImageBatchSource.builder(digits).build(), digits,
                    1, 10, 5L).withSlowSamples(0);
            Map<String, Double> q = entry.evaluateQuality(model, context);
            assertThat(q.get("sample_count")).isEqualTo(10.0);
            assertThat(q.get("sample_label_agreement")).isBetween(0.0, 1.0);
            assertThat(q).doesNotContainKey("ddpm1000_count");
        }
    }

    /**
     * The compact conditional DDPM is three levels (28, 14, 7 pixels) with attention only in the
     * 7 x 7 middle, and weighs its loss by Min-SNR 5, which the ddpm-small entries do not.
     */
    @Test
    void theTinyConditionalDdpmIsThreeNarrowLevelsWithMinSnrWeights() {
        DdpmConfig tiny = (DdpmConfig) new DdpmTinyConditionalBenchmark().config();
        assertThat(tiny.backbone().hiddenDims()).containsExactly(16, 32, 64);
        assertThat(tiny.backbone().attentionResolutions()).containsExactly(7);
        assertThat(tiny.minSnrGamma()).isEqualTo(DdpmTinyConditionalBenchmark.MIN_SNR_GAMMA);
        assertThat(((DdpmConfig) new DdpmConditionalBenchmark().config()).minSnrGamma()).isZero();
        assertThat(new DdpmTinyConditionalBenchmark().qualityBudget(5)).contains("Min-SNR-5.0");
        DdpmConfig unconditional = (DdpmConfig) new DdpmTinyBenchmark().config();
        assertThat(unconditional.numClasses()).isZero();
        assertThat(unconditional.backbone()).isEqualTo(tiny.backbone());
        assertThat(unconditional.minSnrGamma()).isEqualTo(tiny.minSnrGamma());
        assertThat(new DdpmTinyBenchmark().qualityBudget(5)).contains("Min-SNR-5.0").doesNotContain("guidance");
    }
}
