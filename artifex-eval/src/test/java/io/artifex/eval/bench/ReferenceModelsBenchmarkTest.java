package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.energy.EbmConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.models.diffusion.ConditionalDiffusionModel;
import io.artifex.models.diffusion.DiffusionModel;
import io.artifex.models.energy.Ebm;
import io.artifex.models.gan.BaseGan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every entry file: building the network it pins, with the count it pins, and running through
 * the harness with tiny settings (timings are never asserted); its samplers draw what the
 * family's own API draws for the same options.
 */
class ReferenceModelsBenchmarkTest {

    @ParameterizedTest
    @CsvSource({
        "vae, 517904, binarize, false",
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
        "ddpm-tiny, 533937, scale11, false",
        "vqvae, 189073, scale01, false"})
    void entryIsAvailableAndBuildsTheSpecNetwork(String id, long parameters, String preprocessing, boolean flatten) {
        BenchmarkModels models = BenchmarkModels.available();
        assertThat(models.ids()).as("every image entry file is in this table (and transformer, see TextBenchmarkEntryTest, and wavenet,"
                        + " see AudioBenchmarkEntryTest)")
                .hasSize(16).contains(id, "transformer", "wavenet");
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
        assertThat(scored.mcmc().stepSize()).isEqualTo(1.0);
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

    /**
     * DDPM's 1000-step workload is too slow for a unit test: its sampler is checked to be the
     * ordinary (ancestral) one, and the DDIM workload's samples, on 2 samples, against 50 DDIM
     * steps drawn through the diffusion model's own API.
     */
    @Test
    void ddpmUsesDdimForTheFastWorkloadAndAncestralStepsForTheOther() {
        BenchmarkModel entry = BenchmarkModels.available().get("ddpm");
        assertThat(entry.samplingWorkloads().get(0).sampler()).isEqualTo(Sampler.generate());
        assertThat(entry.samplingWorkloads().get(1).sampler()).isEqualTo(Sampler.preview());
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(entry.config(), manager, new Rng(0))) {
            DiffusionModel diffusion = (DiffusionModel) model;
            SamplingWorkload fast = entry.samplingWorkloads().get(1).withSamples(2);
            try (NDManager sm = manager.newSubManager()) {
                NDArray a = entry.sample(model, fast, sm, new Rng(3));
                assertThat(a.getShape().toString()).isEqualTo("(2, 1, 28, 28)");
                NDArray direct = diffusion.generate(2, diffusion.ddimScheduler(50, 0.0), null, sm, new Rng(3));
                assertThat(a.toFloatArray()).containsExactly(direct.toFloatArray());
            }
        }
    }

    /** The DCGAN's truncated set draws what the generator's truncation trick draws; the EBM's buffer set continues buffer chains. */
    @Test
    void truncatedAndBufferSamplersUseTheModelsOwnSamplers() {
        Sampler truncated = BenchmarkModels.available().get("dcgan").quality().sampleSets().get(1).sampler();
        Sampler buffer = BenchmarkModels.available().get("ebm").quality().sampleSets().get(1).sampler();
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel gan = ModelRegistry.defaultRegistry().create(BenchmarkModels.available().get("dcgan").config(),
                     manager, new Rng(0));
             GenerativeModel ebm = ModelRegistry.defaultRegistry().create(BenchmarkModels.available().get("ebm").config(),
                     manager, new Rng(0))) {
            float[] viaSet = truncated.draw(gan, 3, manager, new Rng(5), "test").toFloatArray();
            assertThat(viaSet).containsExactly(((BaseGan) gan).generate(3, 1.0, manager, new Rng(5)).toFloatArray());
            assertThat(viaSet).isNotEqualTo(gan.generate(3, manager, new Rng(5)).toFloatArray());

            float[] fromBuffer = buffer.draw(ebm, 2, manager, new Rng(6), "test").toFloatArray();
            assertThat(fromBuffer).containsExactly(((Ebm) ebm).generate(2, manager, new Rng(6), true).toFloatArray());
            assertThat(fromBuffer).isNotEqualTo(ebm.generate(2, manager, new Rng(6)).toFloatArray());
            assertThat(buffer.maxSamples(ebm, "test")).isEqualTo(10_000);
        }
    }

    /**
     * A tiny speed and quality run. DDPM runs without its 1000-step workload and slow samples:
     * sampleCount shrinks the samples, not the steps.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dcgan", "ddpm", "realnvp", "ebm", "pixelcnn", "glow", "gated-pixelcnn", "dcgan-cond"})
    void tinyRunPassesTheParameterCheckAndMeasuresQuality(String id) {
        BenchmarkOptions options = BenchmarkOptions.builder().models(id).steps(1).warmup(1).repeats(1).batchSize(8)
                .sampleCount(2).quality(true).qualityEpochs(1).qualityTrainLimit(16).qualityTestLimit(16)
                .qualityMaxSteps(1).generatedSamples(16).slowSamples(0).build();
        BenchmarkModel ddpm = BenchmarkModels.available().get("ddpm");
        BenchmarkRunner runner = id.equals("ddpm") ? new BenchmarkRunner(BenchmarkModels.of(
                List.of(ddpm.withSamplingWorkloads(List.of(ddpm.samplingWorkloads().get(1)))))) : new BenchmarkRunner();
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
                assertThat(q.get("test_bits_per_dim_se"))
                        .isCloseTo(q.get("test_neg_log_likelihood_se") / (784 * Math.log(2)), within(1e-6));
            }
            case "pixelcnn", "gated-pixelcnn" -> {
                assertThat(q.get("test_examples")).isEqualTo(16.0);
                assertThat(q.get("test_bits_per_dim"))
                        .isCloseTo(q.get("test_neg_log_likelihood_nats") / (784 * Math.log(2)), within(1e-3));
                assertThat(q.get("test_bits_per_dim_se"))
                        .isCloseTo(q.get("test_neg_log_likelihood_se") / (784 * Math.log(2)), within(1e-6));
            }
            default -> {
                assertThat(q.get("sample_count")).isEqualTo(16.0);
                // one training step from the initialisation: noise far from the digits (577 to 715
                // when this was written; the test images scored against themselves give 0)
                assertThat(q.get("sample_fid")).isGreaterThan(100.0);
                // shares of the 16 samples and of the 16 test images are whole counts
                BenchmarkRunnerTest.assertCount(q.get("sample_precision"), 16);
                BenchmarkRunnerTest.assertCount(q.get("sample_recall"), 16);
                BenchmarkRunnerTest.assertCount(q.get("sample_confident_fraction"), 16);
                if (id.endsWith("-cond")) {
                    BenchmarkRunnerTest.assertCount(q.get("sample_label_agreement"), 16);
                    BenchmarkRunnerTest.assertCount(q.get("raw_sample_label_agreement"), 16);
                }
            }
        }
    }

    /**
     * The conditional DDPMs draw every sample for a digit with guidance 3, in the speed workloads
     * and in the quality sets (checked on DDIM samples against the model's own guided sampler;
     * its 1000-step sets are too slow here).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ddpm-small-cond", "ddpm-tiny-cond"})
    void theConditionalDdpmsDrawGuidedSamplesForDigitsInTurn(String id) {
        BenchmarkModel entry = BenchmarkModels.available().get(id);
        assertThat(entry.qualityBudget(2)).contains("guidance 3.0");
        DdpmConfig config = (DdpmConfig) entry.config();
        assertThat(config.numClasses()).isEqualTo(10);
        assertThat(config.labelDropout()).isEqualTo(0.1);
        Sampler guided = Sampler.preview().withGuidanceScale(3.0);
        assertThat(entry.samplingWorkloads().get(1).sampler()).isEqualTo(guided);
        assertThat(entry.quality().sampleSets().get(0).sampler()).isEqualTo(guided);
        assertThat(entry.quality().sampleSets().get(1).sampler()).isEqualTo(Sampler.generate().withGuidanceScale(3.0));
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(entry.config(), manager, new Rng(0))) {
            ConditionalDiffusionModel diffusion = (ConditionalDiffusionModel) model;
            assertThat(BenchQuality.labelsInTurn(12, 10, manager).toLongArray())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
            SamplingWorkload fast = entry.samplingWorkloads().get(1).withSamples(2);
            try (NDManager sm = manager.newSubManager()) {
                NDArray a = entry.sample(model, fast, sm, new Rng(3));
                assertThat(a.getShape().toString()).isEqualTo("(2, 1, 28, 28)");
                NDArray direct = diffusion.generate(sm.create(new long[] {0, 1}), 3.0, diffusion.ddimScheduler(50, 0.0),
                        null, sm, new Rng(3));
                assertThat(a.toFloatArray()).containsExactly(direct.toFloatArray());
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
        BenchmarkModels models = BenchmarkModels.available();
        DdpmConfig tiny = (DdpmConfig) models.get("ddpm-tiny-cond").config();
        assertThat(tiny.backbone().hiddenDims()).containsExactly(16, 32, 64);
        assertThat(tiny.backbone().attentionResolutions()).containsExactly(7);
        assertThat(tiny.minSnrGamma()).isEqualTo(5.0);
        assertThat(((DdpmConfig) models.get("ddpm-small-cond").config()).minSnrGamma()).isZero();
        assertThat(models.get("ddpm-tiny-cond").qualityBudget(5)).contains("Min-SNR-5.0");
        DdpmConfig unconditional = (DdpmConfig) models.get("ddpm-tiny").config();
        assertThat(unconditional.numClasses()).isZero();
        assertThat(unconditional.backbone()).isEqualTo(tiny.backbone());
        assertThat(unconditional.minSnrGamma()).isEqualTo(tiny.minSnrGamma());
        assertThat(models.get("ddpm-tiny").qualityBudget(5)).contains("Min-SNR-5.0").doesNotContain("guidance");
    }
}
