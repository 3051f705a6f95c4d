package io.artifex.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.LrScheduleConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.Batch;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.data.toy.ToyBatchSource;
import io.artifex.data.toy.TwoMoons;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows trained by the generic trainer: on a known 4-D Gaussian (non-diagonal covariance)
 * the test NLL of a MAF and of a RealNVP comes within 0.02 nats per dimension of the true
 * entropy; on two moons a MAF's samples pass an RBF-MMD two-sample test (which the untrained
 * flow fails); Glow trains with its data-dependent initialisation run by the trainer.
 */
class FlowTrainingTest {

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        FlowTestSupport.useOneEngineThread();
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowTrainingTest.class);

    /** Lower-triangular A: x = mean + A eps has covariance A A^T, non-diagonal. */
    private static final double[][] A = {
        {1.0, 0, 0, 0}, {0.8, 0.6, 0, 0}, {-0.5, 0.3, 0.7, 0}, {0.2, -0.4, 0.5, 0.9}};
    private static final double[] MEAN = {1.0, -2.0, 0.5, 0.0};

    private static float[] gaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n * 4];
        double[] eps = new double[4];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 4; c++) {
                eps[c] = gaussianDraw(random);
            }
            for (int r = 0; r < 4; r++) {
                double v = MEAN[r];
                for (int c = 0; c <= r; c++) {
                    v += A[r][c] * eps[c];
                }
                out[i * 4 + r] = (float) v;
            }
        }
        return out;
    }

    private static double gaussianDraw(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static FlowModel create(ModelConfig config, NDManager manager) {
        return (FlowModel) ModelRegistry.defaultRegistry().create(config, manager.newSubManager(), new Rng(0));
    }

    private static TrainingResult train(FlowModel model, BatchSource source, long steps, double lr) {
        TrainerConfig config = TrainerConfig.builder().epochs(1000).maxSteps(steps).batchSize(source.batchSize())
                .optimizer(OptimizerConfig.adam(lr))
                .schedule(TrainingPhase.DEFAULT_OPTIMIZER, LrScheduleConfig.warmupCosine(0, 0, 0.02))
                .validateEvery(0).logEvery(500).build();
        return new Trainer(config).fit(model, source, null);
    }

    @Test
    void mafLearnsAKnownGaussianToWithinTwoHundredthsOfANatPerDimensionOfItsEntropy() {
        checkGaussianEntropy(new MafConfig("maf", 4, 2, List.of(16, 16)), 1500, 3e-3);
    }

    @Test
    void realNvpLearnsAKnownGaussianToWithinTwoHundredthsOfANatPerDimensionOfItsEntropy() {
        CouplingNetworkConfig coupling = CouplingNetworkConfig.builder().name("c").hiddenDims(16, 16).build();
        checkGaussianEntropy(RealNvpConfig.builder().name("gauss").inputDim(4).numCouplingLayers(6)
                .couplingNetwork(coupling).dequantize(false).build(), 1500, 3e-3);
    }

    /** Trains on 20,000 draws and compares the NLL of 20,000 fresh draws with the closed-form entropy. */
    private static void checkGaussianEntropy(ModelConfig modelConfig, long steps, double lr) {
        double logDetCov = 0;
        for (int i = 0; i < 4; i++) {
            logDetCov += 2 * Math.log(A[i][i]);
        }
        double entropyPerDim = 0.5 * (4 * Math.log(2 * Math.PI * Math.E) + logDetCov) / 4;
        try (NDManager manager = NDManager.newBaseManager(); FlowModel model = create(modelConfig, manager)) {
            train(model, new PointSource(gaussian(20_000, 1), 4, 256, 3), steps, lr);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(gaussian(20_000, 2), new Shape(20_000, 4));
                double nllPerDim = -model.logProb(Batch.of(x), scope, new Rng(0)).mean().getFloat() / 4;
                double bitsPerDim = model.bitsPerDim(Batch.of(x), scope, new Rng(0)).mean().getFloat();
                LOG.info("{} on a 4-D Gaussian: test NLL {} nats/dim, true entropy {} nats/dim, difference {}",
                        model.getClass().getSimpleName(), String.format("%.4f", nllPerDim),
                        String.format("%.4f", entropyPerDim), String.format("%.4f", nllPerDim - entropyPerDim));
                assertThat(Math.abs(nllPerDim - entropyPerDim)).isLessThan(0.02);
                assertThat(bitsPerDim).isCloseTo(nllPerDim / Math.log(2), within(1e-4));
            }
        }
    }

    /**
     * Seeds chosen from a sweep of four (model, data and trainer seeds all equal to s, 5,000
     * steps): the trained MAF's p-values were 0.05, 0.38, 0.80 and 0.07, so an affine MAF of this
     * size fits two moons at the edge of what a 400-sample MMD test can tell; the untrained flow
     * gets p below 0.002. The test runs seed 2 and asks for p above 0.01 (the test at the 1 %
     * level). It diverged to NaN in some processes and not others until arithmetic with numbers
     * went through {@link io.artifex.core.nn.Scalars} (DJL's own overloads let autograd read freed
     * memory after a garbage collection). Re-run on 2026-12-03 for seeds 1 to 5, each in its own
     * process with this test's settings: none diverged, and the trained flow's p-values were 0.44,
     * 0.10, 0.10, 0.11 and 0.21 (untrained: 0.002 each), all above the 1 % level.
     */
    @Test
    void mafSamplesOfTwoMoonsPassTheMmdTestThatAnUntrainedFlowFails() {
        MafConfig config = new MafConfig("moons", 2, 8, List.of(64, 64));
        float[] reference = new TwoMoons().sampleHost(400, new Rng(77));
        long seed = 2;
        try (NDManager manager = NDManager.newBaseManager();
             FlowModel model = (FlowModel) ModelRegistry.defaultRegistry().create(config, manager.newSubManager(),
                     new Rng(seed))) {
            double[] untrained;
            try (NDManager scope = manager.newSubManager()) {
                untrained = Mmd.test(model.generate(400, scope, new Rng(5)).toFloatArray(), reference, 2, 500, 1);
            }
            TrainerConfig trainerConfig = TrainerConfig.builder().epochs(1000).maxSteps(5000).batchSize(256).seed(seed)
                    .optimizer(OptimizerConfig.adam(1e-3))
                    .schedule(TrainingPhase.DEFAULT_OPTIMIZER, LrScheduleConfig.warmupCosine(0, 0, 0.02))
                    .validateEvery(0).logEvery(500).build();
            new Trainer(trainerConfig).fit(model, new ToyBatchSource(new TwoMoons(), 8192, 256, 4 + seed, true),
                    null);
            try (NDManager scope = manager.newSubManager()) {
                double[] trained = Mmd.test(model.generate(400, scope, new Rng(6)).toFloatArray(), reference, 2, 500, 1);
                double[] twoDataSamples = Mmd.test(new TwoMoons().sampleHost(400, new Rng(78)), reference, 2, 500, 1);
                LOG.info("two moons MMD^2 (p): untrained {} ({}), trained {} ({}), data vs data {} ({})",
                        String.format("%.5f", untrained[0]), untrained[1], String.format("%.5f", trained[0]), trained[1],
                        String.format("%.5f", twoDataSamples[0]), twoDataSamples[1]);
                assertThat(untrained[1]).as("the test has power: an untrained flow is rejected").isLessThan(0.01);
                assertThat(trained[1]).as("trained samples are not distinguishable from two moons").isGreaterThan(0.01);
            }
        }
    }

    @Test
    void glowTrainsThroughTheTrainerWhichRunsItsDataDependentInitialisation() {
        GlowConfig config = new GlowConfig("tiny-glow", List.of(8, 8, 1), 2, 2, 1, 16, true, 0.05);
        SplittableRandom random = new SplittableRandom(3);
        int n = 512;
        float[] images = new float[n * 64];
        for (int i = 0; i < n; i++) {
            int stripe = random.nextInt(8);
            for (int p = 0; p < 64; p++) {
                int pixel = p % 8 == stripe ? 200 + random.nextInt(56) : random.nextInt(30);
                images[i * 64 + p] = (pixel + (float) random.nextDouble() * 0.999f) / 256f;
            }
        }
        try (NDManager manager = NDManager.newBaseManager(); FlowModel model = create(config, manager)) {
            MultiScaleFlow flow = (MultiScaleFlow) model.flow();
            assertThat(flow.actNorms()).noneMatch(ActNorm::isDataInitialized);
            TrainingResult result = train(model, new PointSource(images, 64, 64, 1), 60, 2e-3);
            assertThat(flow.actNorms()).allMatch(ActNorm::isDataInitialized);
            double first = result.stepHistory().get(0).values().get("main/bitsPerDim");
            double last = result.stepHistory().subList(50, 60).stream()
                    .mapToDouble(s -> s.values().get("main/bitsPerDim")).average().orElseThrow();
            LOG.info("tiny Glow bits/dim: first step {}, mean of steps 50-59 {}", first, last);
            assertThat(last).isLessThan(first - 0.5);
        }
    }
}
