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
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.models.gan.ConvDiscriminatorConfig;
import io.artifex.models.gan.ConvGeneratorConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.models.gan.GanLoss;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * GAN: a small class-conditional DCGAN (transposed-convolution generator, convolutional
 * discriminator, non-saturating loss, two Adam optimizers) trained on the embedded MNIST digits
 * scaled to [-1, 1]; then one row per digit class 0-9 (8 samples each; 80 by default) as a grid.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.GanMnistExample</pre>
 * Options: {@code -Dexec.args="--epochs 3 --steps 0 --samples 80 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class GanMnistExample {

    private GanMnistExample() {
    }

    /** Runs the example with the options in {@code args} (default 3 epochs). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 3, 80)).print("conditional DCGAN");
    }

    /** Builds, trains and samples; writes {@code gan-samples.png} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        ConvGeneratorConfig generator = ConvGeneratorConfig.builder().name("generator").latentDim(64)
                .hiddenDims(List.of(128, 64)).outputShape(List.of(28, 28, 1)).activation(ActivationType.RELU).build();
        ConvDiscriminatorConfig discriminator = ConvDiscriminatorConfig.builder().name("discriminator")
                .hiddenDims(List.of(64, 128)).inputShape(List.of(28, 28, 1)).activation(ActivationType.LEAKY_RELU)
                .build();
        DcganConfig config = DcganConfig.builder().name("dcgan-cond").generator(generator).discriminator(discriminator)
                .loss(GanLoss.NON_SATURATING).nCritic(1).numClasses(10).build();

        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.SCALE11).build();
        BatchSource train = DataSources.train(data, 64, options.seed()); // image batches carry their labels
        OptimizerConfig adam = OptimizerConfig.adam(2e-4, 0.5, 0.999);
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(64).seed(options.seed()).optimizer(adam)
                .optimizer("generator", adam).optimizer("discriminator", adam).build();

        Path picture = options.out().resolve("gan-samples.png");
        try (GenerativeModel model = Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, null);
            ConditionalModel conditional = (ConditionalModel) model; // numClasses > 0 makes a conditional GAN
            try (NDManager scope = model.manager().newSubManager()) {
                int[] labels = new int[options.samples()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = (i / 8) % 10; // row k holds digit k (mod 10), 8 per row
                }
                NDArray samples = conditional.generate(scope.create(labels), scope, new Rng(options.seed() + 1));
                ImageGrid.writePng(samples, ValueRange.MINUS_ONE_ONE, 8, 2, picture);
            }
            return ExampleResult.of(picture, result);
        }
    }
}
