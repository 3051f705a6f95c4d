package io.artifex.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.models.flow.GlowConfig;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * Normalizing flow: a small Glow-style multi-scale flow (two scales of squeeze, ActNorm,
 * invertible 1x1 convolution and affine coupling) trained by exact maximum likelihood on the
 * embedded MNIST digits (uniformly dequantised, logit space). Prints the test set's bits per
 * dimension, which only a likelihood model can report, then 64 samples as an 8 x 8 grid.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.FlowMnistExample</pre>
 * Options: {@code -Dexec.args="--epochs 3 --steps 0 --samples 64 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class FlowMnistExample {

    private FlowMnistExample() {
    }

    /** Runs the example with the options in {@code args} (default 3 epochs). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 3, 64)).print("Glow-style flow");
    }

    /** Builds, trains, scores and samples; writes {@code flow-samples.png} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        GlowConfig config = GlowConfig.builder().name("glow-small").inputShape(List.of(28, 28, 1)).numScales(2)
                .stepsPerScale(2).checkerboardCouplings(2).hiddenChannels(32).build();

        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.DEQUANTIZE)
                .flatten(true).build();
        BatchSource train = DataSources.train(data, 64, options.seed());
        BatchSource test = DataSources.test(data, 256, options.seed());
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(64).seed(options.seed()).optimizer(OptimizerConfig.adam(1e-3)).build();

        Path picture = options.out().resolve("flow-samples.png");
        try (GenerativeModel model = Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, null);
            try (NDManager scope = model.manager().newSubManager()) {
                LikelihoodModel flow = (LikelihoodModel) model; // flows have an exact likelihood
                Batch testBatch = test.epoch(0).next(scope); // created on the model's device
                float bits = flow.bitsPerDim(testBatch, scope, new Rng(options.seed() + 2)).mean()
                        .getFloat();
                System.out.printf("test bits per dimension (first 256 digits): %.3f%n", bits);
                NDArray samples = model.generate(options.samples(), scope, new Rng(options.seed() + 1)); // values in [0, 1]
                ImageGrid.writePng(samples, ValueRange.ZERO_ONE, 8, 2, picture);
            }
            return ExampleResult.of(picture, result);
        }
    }
}
