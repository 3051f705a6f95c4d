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
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * VAE: the seed's beta-VAE config (dense encoder and decoder, 128 latent dimensions), trained on
 * the embedded MNIST digits (binarised) with the generic trainer, then 64 samples as an 8 x 8 grid.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.VaeMnistExample</pre>
 * Options: {@code -Dexec.args="--epochs 5 --steps 0 --samples 64 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class VaeMnistExample {

    private VaeMnistExample() {
    }

    /** Runs the example with the options in {@code args} (default 5 epochs). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 5, 64)).print("VAE");
    }

    /** Builds, trains and samples; writes {@code vae-samples.png} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        EncoderConfig encoder = EncoderConfig.builder().name("encoder").inputShape(28, 28, 1).latentDim(128)
                .hiddenDims(256, 128).activation(ActivationType.RELU).build();
        DecoderConfig decoder = DecoderConfig.builder().name("decoder").latentDim(128).outputShape(28, 28, 1)
                .hiddenDims(128, 256).activation(ActivationType.RELU).build();
        VaeConfig config = VaeConfig.builder().name("beta_vae").encoder(encoder).decoder(decoder)
                .encoderType(EncoderType.DENSE).klWeight(1.0).build();

        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.BINARIZE).build();
        BatchSource train = DataSources.train(data, 64, options.seed());
        BatchSource test = DataSources.test(data, 500, options.seed());
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(64).seed(options.seed()).optimizer(OptimizerConfig.adam(1e-3)).build();

        Path picture = options.out().resolve("vae-samples.png");
        try (GenerativeModel model = Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, test);
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray samples = model.generate(options.samples(), scope, new Rng(options.seed() + 1)); // (64, 1, 28, 28) in [0, 1]
                ImageGrid.writePng(samples, ValueRange.ZERO_ONE, 8, 2, picture);
            }
            return ExampleResult.of(picture, result);
        }
    }
}
