package io.artifex.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * The library used directly, without the command line: build the seed's VAE config, train it
 * on the embedded MNIST digits with the generic trainer, and write a grid of samples.
 *
 * <pre>./mvnw -q -pl artifex-examples exec:java -Dexec.mainClass=io.artifex.examples.VaeMnistExample -Dexec.args="5 vae-samples.png"</pre>
 */
public final class VaeMnistExample {

    private VaeMnistExample() {
    }

    /** Arguments: epochs (default 5), output PNG (default vae-samples.png). */
    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path output = Path.of(args.length > 1 ? args[1] : "vae-samples.png");

        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 128, List.of(256, 128), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 128, List.of(28, 28, 1), List.of(128, 256), ActivationType.RELU);
        VaeConfig config = new VaeConfig("beta_vae", encoder, decoder, EncoderType.DENSE, 1.0);

        DataConfig data = DataConfig.of("mnist", Preprocessing.BINARIZE);
        BatchSource train = DataSources.train(data, 64, 0);
        BatchSource test = DataSources.test(data, 500, 0);
        TrainerConfig training = TrainerConfig.of(epochs, 64, 0, OptimizerConfig.adam(1e-3));

        try (GenerativeModel model = Models.create(config, 0)) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, test);
            System.out.printf("trained %d steps, last validation loss (negative ELBO) %.2f nats%n", result.steps(),
                    result.epochHistory().get(result.epochHistory().size() - 1).values().get("validation_loss"));
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray samples = model.generate(64, scope, new Rng(1));
                ImageGrid.writePng(samples, ValueRange.ZERO_ONE, 8, 2, output);
            }
            System.out.println("samples written to " + output.toAbsolutePath());
        }
    }
}
