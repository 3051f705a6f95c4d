package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalPreviewSampling;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.model.StepContext;
import io.artifex.core.nn.Blocks;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DDPM family as a user meets it: build from a config, train a step, sample, inpaint. */
class DdpmModelTest {

    /** The seed's example: {@code DDPMConfig(name, input_shape=(28, 28, 1), backbone, noise_schedule)}. */
    static DdpmConfig seedConfig() {
        UNetBackboneConfig backbone = new UNetBackboneConfig("backbone", 1, 1, List.of(64, 128), List.of(1, 2),
                ActivationType.SILU);
        NoiseScheduleConfig schedule = new NoiseScheduleConfig("schedule", NoiseScheduleType.COSINE, 1000);
        return new DdpmConfig("ddpm", List.of(28, 28, 1), backbone, schedule);
    }

    /** A tiny 8 x 8 U-Net: widths (8, 16), 4 groups, attention at the 4 x 4 level, 50 steps. */
    static DdpmConfig tinyConfig(int numClasses, PredictionType type, double minSnrGamma) {
        UNetBackboneConfig backbone = new UNetBackboneConfig("u", 1, 1, List.of(8, 16), List.of(1, 2),
                ActivationType.SILU, 1, List.of(4), 2, 4, 16);
        NoiseScheduleConfig schedule = new NoiseScheduleConfig("s", NoiseScheduleType.LINEAR, 50, 1e-3, 0.2);
        return DdpmConfig.builder().name("tiny").inputShape(List.of(8, 8, 1)).backbone(backbone)
                .noiseSchedule(schedule).predictionType(type).numClasses(numClasses).labelDropout(0.2)
                .minSnrGamma(minSnrGamma).build();
    }

    private static long conv(long cin, long cout, long k) {
        return cin * cout * k * k + cout;
    }

    private static long res(long cin, long cout, long temb) {
        return 2 * cin + conv(cin, cout, 3) + temb * cout + cout + 2 * cout + conv(cout, cout, 3)
                + (cin == cout ? 0 : conv(cin, cout, 1));
    }

    private static long attention(long c) {
        return 2 * c + conv(c, 3 * c, 1) + conv(c, c, 1);
    }

    @Test
    void theSeedConfigBuildsBenchmarkNetworkThree() {
        try (GenerativeModel model = Models.create(seedConfig(), 0)) {
            assertThat(model).isInstanceOf(DiffusionModel.class).isNotInstanceOf(ConditionalDiffusionModel.class);
            assertThat(model.parameterCount()).isEqualTo(2_031_425L);
            assertThat(Blocks.countParameters(model.network())).isEqualTo(2_031_425L);
            DiffusionModel ddpm = (DiffusionModel) model;
            assertThat(ddpm.exampleShape()).isEqualTo(new Shape(1, 28, 28));
            assertThat(ddpm.schedule().numTimesteps()).isEqualTo(1000);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = new Rng(1).uniform(m, -1, 1, new Shape(2, 1, 28, 28));
                ModelOutputs out = model.forward(Batch.of(x), StepContext.inference(m, new Rng(2)));
                assertThat(out.get("prediction").getShape()).isEqualTo(new Shape(2, 1, 28, 28));
                float loss = model.loss(Batch.of(x), out, StepContext.inference(m, new Rng(2))).total().getFloat();
                // the loss is the weighted mean over examples of each example's mean squared error,
                // recomputed here from the outputs in double arithmetic
                float[] prediction = out.get("prediction").toFloatArray();
                float[] target = out.get("target").toFloatArray();
                float[] weights = out.get("weights").toFloatArray();
                int per = 28 * 28;
                double expected = 0;
                for (int i = 0; i < 2; i++) {
                    double squares = 0;
                    for (int j = i * per; j < (i + 1) * per; j++) {
                        squares += (prediction[j] - target[j]) * (double) (prediction[j] - target[j]);
                    }
                    expected += weights[i] * squares / per / 2;
                }
                assertThat((double) loss).isCloseTo(expected, within(1e-5 * expected));
            }
        }
    }

    @Test
    void widthsLevelsBlocksAttentionAndClassesShapeTheNetworkAsDocumented() {
        UNetBackboneConfig backbone = new UNetBackboneConfig("u", 2, 2, List.of(8, 16, 32), List.of(1, 2, 4),
                ActivationType.SILU, 2, List.of(8, 4), 4, 4, 32);
        NoiseScheduleConfig schedule = new NoiseScheduleConfig("s", NoiseScheduleType.SQRT, 20);
        DdpmConfig config = DdpmConfig.builder().name("c").inputShape(List.of(16, 16, 2)).backbone(backbone)
                .noiseSchedule(schedule).numClasses(3).build();
        long t = 32;
        long expected = (8 * t + t) + (t * t + t) + 4 * t // time MLP from sinusoidal(8), class table 4 x 32
                + conv(2, 8, 3)
                + res(8, 8, t) + res(8, 8, t) + conv(8, 8, 3) // level 0 (16 x 16): no attention
                + res(8, 16, t) + attention(16) + res(16, 16, t) + attention(16) + conv(16, 16, 3) // level 1 (8 x 8)
                + res(16, 32, t) + res(32, 32, t) // level 2 (4 x 4): its attention is the middle one
                + res(32, 32, t) + attention(32) + res(32, 32, t)
                + res(64, 32, t) + res(64, 32, t) + conv(32, 32, 3)
                + res(48, 16, t) + attention(16) + res(32, 16, t) + attention(16) + conv(16, 16, 3)
                + res(24, 8, t) + res(16, 8, t)
                + 2 * 8 + conv(8, 2, 3);
        try (GenerativeModel model = Models.create(config, 3); NDManager m = NDManager.newBaseManager()) {
            assertThat(model).isInstanceOf(ConditionalDiffusionModel.class);
            assertThat(model.parameterCount()).isEqualTo(expected);
            NDArray x = new Rng(1).normal(m, new Shape(3, 2, 16, 16));
            Batch batch = Batch.of(x, m.create(new long[] {0, 1, 2}));
            assertThat(model.forward(batch, StepContext.inference(m, new Rng(1))).get("prediction").getShape())
                    .isEqualTo(new Shape(3, 2, 16, 16));
        }
    }

    @Test
    void everyParameterGetsAGradientFromTheLoss() {
        try (GenerativeModel model = Models.create(tinyConfig(2, PredictionType.V, 5.0), 4);
             NDManager m = NDManager.newBaseManager()) {
            NDArray x = new Rng(5).uniform(m, -1, 1, new Shape(6, 1, 8, 8));
            Batch batch = Batch.of(x, m.create(new long[] {0, 1, 0, 1, 0, 1}));
            StepContext ctx = new StepContext(m, new ParameterStore(m, false), new Rng(6), true, 0);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(model.trainingPhases().get(0).objective().loss(batch, ctx).total());
            }
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                float norm = p.getValue().getArray().getGradient().abs().sum().getFloat();
                assertThat(norm).as(p.getKey()).isPositive();
            }
        }
    }

    @Test
    void minSnrWeightsFollowTheDrawnTimesteps() {
        try (DiffusionModel model = (DiffusionModel) Models.create(tinyConfig(0, PredictionType.EPSILON, 2.0), 4);
             NDManager m = NDManager.newBaseManager()) {
            NDArray x = new Rng(5).uniform(m, -1, 1, new Shape(16, 1, 8, 8));
            ModelOutputs out = model.forward(Batch.of(x), StepContext.inference(m, new Rng(7)));
            int[] t = out.get("timesteps").toIntArray();
            float[] w = out.get("weights").toFloatArray();
            for (int i = 0; i < t.length; i++) {
                double snr = model.schedule().snr(t[i]);
                assertThat((double) w[i]).isCloseTo(Math.min(snr, 2.0) / snr, within(1e-6));
            }
            float[] perExample = out.get("prediction").sub(out.get("target")).square().reshape(16, -1)
                    .mean(new int[] {1}).toFloatArray();
            double expected = 0;
            for (int i = 0; i < t.length; i++) {
                expected += w[i] * perExample[i] / t.length;
            }
            assertThat((double) model.loss(Batch.of(x), out, StepContext.inference(m, new Rng(7))).total().getFloat())
                    .isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void classifierFreeGuidanceCombinesConditionalAndNullOutputs() {
        try (ConditionalDiffusionModel model = (ConditionalDiffusionModel) Models.create(
                tinyConfig(3, PredictionType.EPSILON, 0), 8); NDManager m = NDManager.newBaseManager()) {
            assertThat(model.numClasses()).isEqualTo(3);
            NDArray xt = new Rng(2).normal(m, new Shape(2, 1, 8, 8));
            long[] labels = {0, 2};
            NDArray guided = model.denoiser(labels, 3.0).predict(xt, 20);
            NDArray cond = model.denoiser(labels, 1.0).predict(xt, 20);
            NDArray uncond = model.denoiser(new long[] {3, 3}, 1.0).predict(xt, 20);
            NDArray expected = uncond.add(cond.sub(uncond).mul(3f));
            assertThat(guided.sub(expected).abs().max().getFloat()).isLessThan(1e-4f);
            assertThat(cond.sub(uncond).abs().max().getFloat()).isPositive();
            NDArray samples = model.generate(m.create(new long[] {1, 2}), 2.0, model.ddimScheduler(5, 0), null, m,
                    new Rng(3));
            assertThat(samples.getShape()).isEqualTo(new Shape(2, 1, 8, 8));
            assertThat(samples.abs().max().getFloat()).isLessThanOrEqualTo(1.0f + 1e-5f);
            assertThatThrownBy(() -> model.generate(m.create(new long[] {3}), m, new Rng(1)))
                    .hasMessageContaining("labels must be in [0, 3)");
        }
    }

    /**
     * Sampling leaves nothing behind on the model's manager or the caller's but the result,
     * however many steps it runs: every step closes its own manager (1,000 steps: see
     * TwoMoonsTest with the MLP denoiser; the U-Net is checked over 10 and 40 steps here).
     */
    @Test
    void samplingDoesNotGrowMemoryWithTheNumberOfSteps() {
        try (DiffusionModel model = (DiffusionModel) Models.create(tinyConfig(0, PredictionType.EPSILON, 0), 1);
             NDManager target = NDManager.newBaseManager()) {
            NDManager owner = model.manager();
            int before = owner.getManagedArrays().size();
            model.generate(2, model.ddimScheduler(10, 1.0), null, target, new Rng(1)).close();
            int afterShort = owner.getManagedArrays().size();
            int[] calls = new int[1];
            NDArray x = model.generate(2, model.ddimScheduler(40, 0.5), (s, total) -> calls[0]++, target, new Rng(2));
            assertThat(calls[0]).isEqualTo(40);
            assertThat(owner.getManagedArrays().size()).isEqualTo(afterShort).isEqualTo(before);
            assertThat(target.getManagedArrays()).containsExactly(x);
        }
    }

    /** Training grids use the preview: 50 DDIM steps (eta 0) of a long schedule, all steps of a short one. */
    @Test
    void thePreviewSamplerIsFiftyDdimStepsOfALongScheduleAndAllStepsOfAShortOne() {
        DdpmConfig shortSchedule = tinyConfig(0, PredictionType.EPSILON, 0);
        try (DiffusionModel model = (DiffusionModel) Models.create(longScheduleConfig(0), 1);
             NDManager target = NDManager.newBaseManager()) {
            float[] preview = PreviewSampling.previewOf(model, 2, target, new Rng(4)).toFloatArray();
            assertThat(model.generate(2, model.ddimScheduler(DiffusionModel.PREVIEW_STEPS, 0.0), null, target,
                    new Rng(4)).toFloatArray()).containsExactly(preview);
            assertThat(model.generate(2, target, new Rng(4)).toFloatArray()).isNotEqualTo(preview);
            assertThat(model.previewSampler()).isEqualTo("DDIM, 50 steps, eta 0");
        }
        try (DiffusionModel model = (DiffusionModel) Models.create(shortSchedule, 1);
             NDManager target = NDManager.newBaseManager()) {
            assertThat(model.generatePreview(2, target, new Rng(5)).toFloatArray())
                    .containsExactly(model.generate(2, target, new Rng(5)).toFloatArray());
            assertThat(model.previewSampler()).isEqualTo("DDPM ancestral, all 50 steps");
        }
    }

    /** The tiny network over a 200-step linear schedule, long enough for a 50-step preview; {@code classes} 0 = unconditional. */
    private static DdpmConfig longScheduleConfig(int classes) {
        DdpmConfig base = tinyConfig(0, PredictionType.EPSILON, 0);
        return DdpmConfig.builder().name("long").inputShape(base.inputShape()).backbone(base.backbone())
                .noiseSchedule(new NoiseScheduleConfig("s", NoiseScheduleType.LINEAR, 200, 1e-4, 0.05))
                .predictionType(PredictionType.EPSILON).numClasses(classes).labelDropout(0.2).minSnrGamma(0.0).build();
    }

    /** A conditional model's labelled preview is the default-guidance DDIM-50 draw for those labels. */
    @Test
    void theLabelledPreviewIsGuidedDdimFiftyForTheGivenLabels() {
        try (ConditionalDiffusionModel model = (ConditionalDiffusionModel) Models.create(longScheduleConfig(3), 1);
             NDManager target = NDManager.newBaseManager()) {
            NDArray labels = target.create(new long[] {0, 1, 2, 0});
            float[] preview = ConditionalPreviewSampling.previewOf(model, labels, target, new Rng(4)).toFloatArray();
            assertThat(model.generate(labels, ConditionalDiffusionModel.DEFAULT_GUIDANCE_SCALE,
                    model.ddimScheduler(DiffusionModel.PREVIEW_STEPS, 0.0), null, target, new Rng(4)).toFloatArray())
                    .containsExactly(preview);
            assertThat(model.generate(target.create(new long[] {2, 1, 0, 2}), ConditionalDiffusionModel.DEFAULT_GUIDANCE_SCALE,
                    model.ddimScheduler(DiffusionModel.PREVIEW_STEPS, 0.0), null, target, new Rng(4)).toFloatArray())
                    .as("other labels give other samples from the same noise").isNotEqualTo(preview);
            assertThatThrownBy(() -> model.generatePreview(target.create(new long[] {3}), target, new Rng(1)))
                    .hasMessageContaining("labels must be in [0, 3)");
        }
    }

    @Test
    void inpaintingThroughTheModelKeepsTheKnownPixels() {
        try (DiffusionModel model = (DiffusionModel) Models.create(tinyConfig(0, PredictionType.X0, 0), 9);
             NDManager m = NDManager.newBaseManager()) {
            NDArray image = new Rng(4).uniform(m, -1, 1, new Shape(2, 1, 8, 8));
            NDArray mask = m.zeros(new Shape(1, 1, 8, 8));
            mask.set(new ai.djl.ndarray.index.NDIndex(":, :, 0:4, :"), 1f);
            NDArray out = model.inpaint(image, mask, model.ddimScheduler(10, 0.0), null, m, new Rng(5));
            NDArray top = out.get(":, :, 0:4, :");
            assertThat(top.sub(image.get(":, :, 0:4, :")).abs().max().getFloat()).isLessThan(1e-6f);
            assertThat(out.get(":, :, 4:, :").sub(image.get(":, :, 4:, :")).abs().max().getFloat()).isPositive();
        }
    }

    @Test
    void badConfigsAndDataAreRejectedWithTheirField() {
        UNetBackboneConfig relu = new UNetBackboneConfig("u", 1, 1, List.of(8, 16), List.of(1, 2), ActivationType.RELU);
        assertThat(ConfigValidator.violations(new DdpmConfig("d", List.of(8, 8, 1), relu,
                new NoiseScheduleConfig("s", NoiseScheduleType.LINEAR, 10)))).anyMatch(v -> v.startsWith("backbone.activation"));
        try (DiffusionModel model = (DiffusionModel) Models.create(tinyConfig(0, PredictionType.EPSILON, 0), 1);
             NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> model.forward(Batch.of(m.zeros(new Shape(2, 1, 7, 7))),
                    StepContext.inference(m, new Rng(1)))).hasMessageContaining("expects data of shape");
            assertThatThrownBy(() -> model.denoiser(new long[] {0}, 1.0)).hasMessageContaining("unconditional");
            assertThatThrownBy(() -> model.generate(0, m, new Rng(1))).hasMessageContaining(">= 1");
        }
    }
}
