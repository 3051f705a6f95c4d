package io.artifex.examples.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.examples.run.ModelLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex sample --checkpoint DIR --n 64 --out grid.png}: draws samples as a PNG grid;
 * {@code --classes-in-turn} draws a class-conditional model's samples for classes 0, 1, ... in
 * turn; {@code --steps}, {@code --guidance}, {@code --temperature} and {@code --truncation} set the
 * sampler where the model has the capability ({@link SamplingOptions}).
 */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Draw samples from a trained model into a PNG grid.")
public final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint folder or a model archive.")
    Path checkpoint;

    @Option(names = "--n", defaultValue = "64", paramLabel = "N", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", defaultValue = "samples.png", paramLabel = "FILE", description = "Output PNG (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--nrow", defaultValue = "8", paramLabel = "N", description = "Images per row (default: ${DEFAULT-VALUE}).")
    int nrow;

    @Option(names = "--preview", description = "Use the model's cheaper preview sampler where it has one "
            + "(diffusion: 50 DDIM steps instead of all 1,000 ancestral steps).")
    boolean preview;

    @Option(names = "--steps", paramLabel = "N", description = "Sampler steps (diffusion: DDIM over N timesteps; all of them = ancestral sampling).")
    Integer steps;

    @Option(names = "--guidance", paramLabel = "W", description = "Classifier-free guidance scale for --classes-in-turn "
            + "(class-conditional diffusion; 0 unconditional, 1 plain conditional; default 2).")
    Double guidance;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (flows: latent scale; PixelCNN: logits / T; default 1).")
    Double temperature;

    @Option(names = "--truncation", paramLabel = "T", description = "Draw GAN latents from N(0, I) truncated at |z_i| <= T.")
    Double truncation;

    @Option(names = "--classes-in-turn", description = "For a class-conditional model: draw sample j for class "
            + "j mod (number of classes), so that a grid with one row per class count shows every class in turn.")
    boolean classesInTurn;

    @Option(names = "--device", paramLabel = "DEVICE", description = DeviceOption.DESCRIPTION)
    String device;

    @Override
    public Integer call() {
        if (n < 1 || nrow < 1) {
            throw new IllegalArgumentException("--n and --nrow must be at least 1, got " + n + " and " + nrow);
        }
        SamplingOptions options = new SamplingOptions(steps, guidance, temperature, truncation, preview);
        Device target = DeviceOption.resolve(device);
        ValueRange recorded = ModelLoader.experimentOf(checkpoint).map(ExperimentConfig::data)
                .filter(d -> d.preprocessing() == Preprocessing.SCALE11)
                .map(d -> ValueRange.MINUS_ONE_ONE).orElse(ValueRange.ZERO_ONE);
        try (GenerativeModel model = ModelLoader.load(checkpoint, target);
             NDManager scope = model.manager().newSubManager()) {
            options.check(model, classesInTurn);
            ValueRange range = model.dataContract().valueRange().orElse(recorded);
            NDArray samples = classesInTurn ? options.draw((ConditionalModel) model, labels((ConditionalModel) model, scope),
                    scope, new Rng(seed)) : options.draw(model, n, scope, new Rng(seed));
            ImageGrid.writePng(samples, range, nrow, 2, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("Wrote " + n + " samples to " + out.toAbsolutePath());
        return 0;
    }

    private NDArray labels(ConditionalModel conditional, NDManager scope) {
        long[] labels = new long[n];
        for (int j = 0; j < n; j++) {
            labels[j] = j % conditional.numClasses();
        }
        return scope.create(labels);
    }
}
