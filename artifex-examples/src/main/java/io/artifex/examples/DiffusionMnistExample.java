package io.artifex.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.diffusion.PredictionType;
import io.artifex.models.diffusion.UNetBackboneConfig;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * Diffusion: a small DDPM (a two-level U-Net of 16 and 32 channels, cosine schedule over 1,000
 * steps, epsilon prediction with Min-SNR weighting) trained on the embedded MNIST digits scaled
 * to [-1, 1], then 64 samples drawn with the preview sampler (DDIM, 50 steps) instead of the
 * 1,000 ancestral steps. A few epochs give blurry strokes, not digits yet: docs/families/diffusion.md
 * lists the configurations that reach digits and how long they take.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.DiffusionMnistExample</pre>
 * Options: {@code -Dexec.args="--epochs 3 --steps 0 --samples 64 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class DiffusionMnistExample {

    private DiffusionMnistExample() {
    }

    /** Runs the example with the options in {@code args} (default 3 epochs). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 3, 64)).print("DDPM");
    }

    /** Builds, trains and samples; writes {@code ddpm-samples.png} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        UNetBackboneConfig unet = UNetBackboneConfig.builder().name("unet").inChannels(1).outChannels(1)
                .hiddenDims(List.of(16, 32)).channelMult(List.of(1, 2)).activation(ActivationType.SILU)
                .numResBlocks(1).attentionResolutions(List.of(14)).groupNormGroups(8).timeEmbeddingDim(64).build();
        NoiseScheduleConfig schedule = NoiseScheduleConfig.builder().name("schedule")
                .scheduleType(NoiseScheduleType.COSINE).numTimesteps(1000).build();
        DdpmConfig config = DdpmConfig.builder().name("ddpm-small").inputShape(List.of(28, 28, 1)).backbone(unet)
                .noiseSchedule(schedule).predictionType(PredictionType.EPSILON).minSnrGamma(5.0).build();

        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.SCALE11).build();
        BatchSource train = DataSources.train(data, 64, options.seed());
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(64).seed(options.seed()).optimizer(OptimizerConfig.adam(1e-3)).build();

        Path picture = options.out().resolve("ddpm-samples.png");
        try (GenerativeModel model = Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, null);
            PreviewSampling diffusion = (PreviewSampling) model; // every diffusion model has a preview sampler
            System.out.println("sampling with " + diffusion.previewSampler());
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray samples = diffusion.generatePreview(options.samples(), scope, new Rng(options.seed() + 1));
                ImageGrid.writePng(samples, ValueRange.MINUS_ONE_ONE, 8, 2, picture);
            }
            return ExampleResult.of(picture, result);
        }
    }
}
