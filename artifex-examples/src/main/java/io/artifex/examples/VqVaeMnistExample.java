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
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.models.autoregressive.PixelCnnInputEncoding;
import io.artifex.models.vae.vq.VqVae;
import io.artifex.models.vae.vq.VqVaeConfig;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * VQ-VAE with a learned prior: the reference VQ-VAE (network #9: 64 codes of dimension 16 on a
 * 7 x 7 grid, EMA codebook, dead-code restarts) trained on the embedded MNIST digits for the
 * first two thirds of the steps, then a small Gated PixelCNN prior on its frozen codes for the
 * rest; 64 samples (code grids drawn from the prior, 49 passes each, then decoded) as an 8 x 8 grid.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.VqVaeMnistExample</pre>
 * Options: {@code -Dexec.args="--epochs 2 --steps 0 --samples 64 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class VqVaeMnistExample {

    private VqVaeMnistExample() {
    }

    /** Runs the example with the options in {@code args} (default 2 epochs). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 2, 64)).print("VQ-VAE");
    }

    /** Builds, trains both stages and samples; writes {@code vqvae-samples.png} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.SCALE01).build();
        BatchSource train = DataSources.train(data, 64, options.seed());
        long total = (long) options.epochs() * train.batchesPerEpoch();
        if (options.steps() > 0) {
            total = Math.min(total, options.steps());
        }
        int priorStart = (int) Math.max(1, total * 2 / 3);
        VqVaeConfig config = VqVaeConfig.builder().name("vqvae-mnist").emaDecay(0.99).deadCodeThreshold(0.01)
                .kmeansInit(true).priorChannels(32).priorLayers(5).priorStartStep(priorStart)
                .priorInputEncoding(PixelCnnInputEncoding.ONE_HOT).build();
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(64).seed(options.seed()).optimizer(OptimizerConfig.adam(1e-3)).build();

        Path picture = options.out().resolve("vqvae-samples.png");
        try (VqVae model = (VqVae) Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, null);
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray samples = model.generate(options.samples(), scope, new Rng(options.seed() + 1)); // in [0, 1]
                ImageGrid.writePng(samples, ValueRange.ZERO_ONE, 8, 2, picture);
            }
            return ExampleResult.of(picture, result);
        }
    }
}
