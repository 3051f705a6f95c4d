package io.artifex.examples;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.toy.EightGaussians;
import io.artifex.data.toy.ToyBatchSource;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * Energy-based model: an MLP energy on 2-D points, trained by contrastive divergence with
 * Langevin negatives and a replay buffer, on eight Gaussians on a circle of radius 2 (toy data:
 * on the digits an EBM needs far longer than minutes). Samples (2,000 by default) are 20-step
 * Langevin chains from uniform noise. The picture shows two density images side by side, 96 x 96 bins over
 * [-3, 3]^2: the data on the left, the samples on the right.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.EbmToyExample</pre>
 * Options: {@code -Dexec.args="--epochs 10 --steps 0 --samples 2000 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class EbmToyExample {

    /** Bins per axis of the density pictures. */
    public static final int BINS = 96;

    private static final double LIMIT = 3.0;

    private EbmToyExample() {
    }

    /** Runs the example with the options in {@code args} (default 10 epochs of 8,192 points). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 10, 2000)).print("EBM");
    }

    /** Builds, trains and samples; writes {@code ebm-samples.png} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        EnergyNetworkConfig energy = EnergyNetworkConfig.builder().name("energy").hiddenDims(List.of(64, 64))
                .activation(ActivationType.SILU).build();
        McmcConfig langevin = McmcConfig.builder().name("langevin").nSteps(20).stepSize(0.01).noiseScale(0.05)
                .gradClip(0.0).domainMin(-LIMIT).domainMax(LIMIT).build();
        SampleBufferConfig buffer = SampleBufferConfig.builder().name("buffer").capacity(2000).reinitProb(0.05).build();
        EbmConfig config = EbmConfig.builder().name("eight-gaussians").inputDim(2).energyNetwork(energy)
                .mcmc(langevin).sampleBuffer(buffer).alpha(0.1).build();

        EightGaussians target = new EightGaussians(8, 2.0, 0.1);
        BatchSource train = new ToyBatchSource(target, 8192, 128, options.seed(), true);
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(128).seed(options.seed()).optimizer(OptimizerConfig.adam(2e-3, 0.0, 0.999)).build();

        Path picture = options.out().resolve("ebm-samples.png");
        try (GenerativeModel model = Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, null);
            try (NDManager scope = model.manager().newSubManager()) {
                float[] samples = model.generate(options.samples(), scope, new Rng(options.seed() + 1)).toFloatArray(); // (2000, 2)
                float[] data = target.sampleHost(2000, new Rng(options.seed() + 2));
                float[] densities = new float[2 * BINS * BINS];
                histogram(data, densities, 0);
                histogram(samples, densities, BINS * BINS);
                ImageGrid.writePng(scope.create(densities, new ai.djl.ndarray.types.Shape(2, 1, BINS, BINS)),
                        ValueRange.ZERO_ONE, 2, 2, picture);
            }
            return ExampleResult.of(picture, result);
        }
    }

    /** Counts the points (x, y pairs) into BINS x BINS cells from {@code offset}, scaled so the fullest cell is 1. */
    private static void histogram(float[] xy, float[] out, int offset) {
        float max = 0;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            int col = (int) Math.floor((xy[i] + LIMIT) / (2 * LIMIT) * BINS);
            int row = (int) Math.floor((LIMIT - xy[i + 1]) / (2 * LIMIT) * BINS); // y up
            if (col >= 0 && col < BINS && row >= 0 && row < BINS) {
                int cell = offset + row * BINS + col;
                out[cell] += 1;
                max = Math.max(max, out[cell]);
            }
        }
        for (int i = offset; i < offset + BINS * BINS && max > 0; i++) {
            out[i] /= max;
        }
    }
}
