package io.artifex.examples.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.TextGeneration;
import io.artifex.core.random.Rng;
import io.artifex.data.text.tokenizer.Tokenizer;
import io.artifex.examples.run.ModelLoader;
import io.artifex.examples.run.TextRun;
import io.artifex.models.autoregressive.transformer.TransformerLm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex sample --checkpoint DIR --n 64 --out grid.png}: draws samples as a PNG grid;
 * for a language model ({@link TextGeneration}), {@code --prompt "..." --max-tokens N} prints
 * {@code --n} continuations of the prompt as text (also written to {@code --out} when it is given),
 * decoded with the run's {@code tokenizer.json} ({@link TextRun}), drawn with
 * {@code --temperature}, {@code --top-k} and {@code --top-p};
 * {@code --classes-in-turn} draws a class-conditional model's samples for classes 0, 1, ... in
 * turn; {@code --steps}, {@code --guidance}, {@code --temperature} and {@code --truncation} set the
 * sampler where the model has the capability ({@link SamplingOptions}).
 */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Draw samples from a trained model into a PNG grid,"
        + " or continue a prompt with a language model and print the text.")
public final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint folder or a model archive.")
    Path checkpoint;

    @Option(names = "--n", paramLabel = "N", description = "Number of samples (default: 64 images, 1 text).")
    Integer n;

    @Option(names = "--out", paramLabel = "FILE", description = "Output PNG (default: samples.png); for text, also write the samples to FILE.")
    Path out;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Language models: the text to continue (default: empty, a new document).")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "100", paramLabel = "N", description = "Language models: new tokens per sample (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--top-k", paramLabel = "K", description = "Language models: draw from the K most likely tokens only.")
    Integer topK;

    @Option(names = "--no-cache", description = "Language models (transformer): run the network over the whole sequence"
            + " for every new token instead of one cached step (the same tokens, slower; for measuring the cache).")
    boolean noCache;

    @Option(names = "--top-p", paramLabel = "P", description = "Language models: draw from the smallest set of tokens whose probability reaches P (nucleus).")
    Double topP;

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

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (flows: latent scale; PixelCNN and language models: logits / T; default 1).")
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
        Device target = DeviceOption.resolve(device);
        try (GenerativeModel model = ModelLoader.load(checkpoint, target)) {
            if (model instanceof TextGeneration lm) {
                return text(lm);
            }
            if (prompt != null || topK != null || topP != null) {
                throw new IllegalArgumentException("--prompt, --top-k and --top-p apply to language models (transformer);"
                        + " the model in " + checkpoint + " is not one");
            }
            return images(model);
        }
    }

    private int text(TextGeneration lm) {
        int count = n == null ? 1 : n;
        if (count < 1 || maxTokens < 0) {
            throw new IllegalArgumentException("--n must be at least 1 and --max-tokens at least 0, got " + count
                    + " and " + maxTokens);
        }
        if (steps != null || guidance != null || truncation != null || preview || classesInTurn) {
            throw new IllegalArgumentException("--steps, --guidance, --truncation, --preview and --classes-in-turn do not"
                    + " apply to a language model; use --temperature, --top-k, --top-p");
        }
        DecodingOptions options = DecodingOptions.sampling();
        if (temperature != null) {
            options = options.withTemperature(temperature);
        }
        if (topK != null) {
            options = options.withTopK(topK);
        }
        if (topP != null) {
            options = options.withTopP(topP);
        }
        if (noCache && !(lm instanceof TransformerLm)) {
            throw new IllegalArgumentException("--no-cache applies to the transformer; " + lm.getClass().getSimpleName()
                    + " has no key/value cache to switch off");
        }
        Tokenizer tokenizer = TextRun.loadTokenizer(checkpoint, lm);
        long started = System.nanoTime();
        List<String> samples = noCache
                ? TextRun.continuations((TransformerLm) lm, tokenizer, prompt, count, maxTokens, options, false, new Rng(seed))
                : TextRun.continuations(lm, tokenizer, prompt, count, maxTokens, options, new Rng(seed));
        double seconds = (System.nanoTime() - started) / 1e9;
        String text = TextRun.format(samples);
        spec.commandLine().getOut().print(text);
        // the timing goes to stderr, so that stdout holds the text alone
        spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                "Generated %d x %d tokens in %.3f s: %.1f tokens/s (key/value cache %s)%n", count, maxTokens, seconds,
                count * (double) maxTokens / seconds, noCache ? "off" : "on");
        if (out != null) {
            TextRun.writeSamples(samples, out);
            spec.commandLine().getOut().println("Wrote " + count + " samples to " + out.toAbsolutePath());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int images(GenerativeModel model) {
        int n = this.n == null ? 64 : this.n;
        Path out = this.out == null ? Path.of("samples.png") : this.out;
        if (n < 1 || nrow < 1) {
            throw new IllegalArgumentException("--n and --nrow must be at least 1, got " + n + " and " + nrow);
        }
        SamplingOptions options = new SamplingOptions(steps, guidance, temperature, truncation, preview);
        ValueRange recorded = ModelLoader.experimentOf(checkpoint).map(ExperimentConfig::data)
                .filter(d -> d.preprocessing() == Preprocessing.SCALE11)
                .map(d -> ValueRange.MINUS_ONE_ONE).orElse(ValueRange.ZERO_ONE);
        try (NDManager scope = model.manager().newSubManager()) {
            options.check(model, classesInTurn);
            ValueRange range = model.dataContract().valueRange().orElse(recorded);
            NDArray samples = classesInTurn ? options.draw((ConditionalModel) model, labels((ConditionalModel) model, n, scope),
                    scope, new Rng(seed)) : options.draw(model, n, scope, new Rng(seed));
            ImageGrid.writePng(samples, range, nrow, 2, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("Wrote " + n + " samples to " + out.toAbsolutePath());
        return 0;
    }

    private static NDArray labels(ConditionalModel conditional, int n, NDManager scope) {
        long[] labels = new long[n];
        for (int j = 0; j < n; j++) {
            labels[j] = j % conditional.numClasses();
        }
        return scope.create(labels);
    }
}
