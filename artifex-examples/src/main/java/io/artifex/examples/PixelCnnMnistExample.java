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
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.autoregressive.PixelCnnVariant;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * Autoregressive: a small PixelCNN (masked convolutions, a 256-way softmax per pixel) trained on
 * the embedded MNIST digits, then 64 samples drawn pixel by pixel (784 passes of the network) as
 * an 8 x 8 grid.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.PixelCnnMnistExample</pre>
 * Options: {@code -Dexec.args="--epochs 2 --steps 0 --samples 64 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class PixelCnnMnistExample {

    private PixelCnnMnistExample() {
    }

    /** Runs the example with the options in {@code args} (default 2 epochs). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 2, 64)).print("PixelCNN");
    }

    /** Builds, trains and samples; writes {@code pixelcnn-samples.png} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        PixelCnnConfig config = PixelCnnConfig.builder().name("pixelcnn-small").inputShape(28, 28, 1)
                .hiddenChannels(32).numLayers(5).numLevels(256).variant(PixelCnnVariant.PIXELCNN).build();

        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.SCALE01).build();
        BatchSource train = DataSources.train(data, 64, options.seed());
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(64).seed(options.seed()).optimizer(OptimizerConfig.adam(1e-3)).build();

        Path picture = options.out().resolve("pixelcnn-samples.png");
        try (GenerativeModel model = Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, null);
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray samples = model.generate(options.samples(), scope, new Rng(options.seed() + 1)); // values in [0, 1]
                ImageGrid.writePng(samples, ValueRange.ZERO_ONE, 8, 2, picture);
            }
            return ExampleResult.of(picture, result);
        }
    }
}
