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
import io.artifex.examples.run.AudioRun;
import io.artifex.examples.run.ModelLoader;
import io.artifex.examples.run.TextRun;
import io.artifex.models.autoregressive.transformer.TransformerLm;
import io.artifex.models.autoregressive.wavenet.WaveNet;
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
 * for an audio model ({@link WaveNet}), {@code --seconds S} or {@code --samples N} sets the length of
 * each of {@code --n} clips, written as 16-bit WAV files ({@code --out}, default {@code samples.wav};
 * numbered {@code -0}, {@code -1}, ... when more than one) at the run's sample rate, a
 * class-conditional one's clip {@code j} for class {@code j mod numClasses};
 * {@code --classes-in-turn} draws a class-conditional model's samples for classes 0, 1, ... in
 * turn; {@code --steps}, {@code --guidance}, {@code --temperature} and {@code --truncation} set the
 * sampler where the model has the capability ({@link SamplingOptions}).
 *
 * <p>Thread-safety: not thread-safe: picocli fills its option fields before {@code call}; use one
 * instance per command line.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Draw samples from a trained model into a PNG grid,"
        + " continue a prompt with a language model and print the text, or write WAV clips from an audio model.")
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

    @Option(names = "--no-cache", description = "Language models (transformer) and WaveNet: run the network over the"
            + " whole sequence (WaveNet: the receptive field) for every new token or sample instead of one cached step"
            + " (the same output, slower; for measuring the cache).")
    boolean noCache;

    @Option(names = "--seconds", paramLabel = "S", description = "Audio models (wavenet): seconds per clip at the run's"
            + " sample rate (default: 1).")
    Double seconds;

    @Option(names = "--samples", paramLabel = "N", description = "Audio models (wavenet): audio samples per clip, instead"
            + " of --seconds.")
    Integer samples;

    @Option(names = "--sample-rate", paramLabel = "HZ", description = "Audio models: the WAV files' sample rate (default:"
            + " the run's data.audio.sampleRate, from its experiment.yaml).")
    Integer sampleRate;

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
            if (model instanceof WaveNet wavenet) {
                return audio(wavenet);
            }
            if (seconds != null || samples != null || sampleRate != null) {
                throw new IllegalArgumentException("--seconds, --samples and --sample-rate apply to audio models (wavenet);"
                        + " the model in " + checkpoint + " is not one");
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
        if (seconds != null || samples != null || sampleRate != null) {
            throw new IllegalArgumentException("--seconds, --samples and --sample-rate apply to audio models (wavenet);"
                    + " use --max-tokens for a language model");
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

    private int audio(WaveNet model) {
        int count = n == null ? 1 : n;
        if (prompt != null || topK != null || topP != null || steps != null || guidance != null || truncation != null
                || preview) {
            throw new IllegalArgumentException("--prompt, --top-k, --top-p, --steps, --guidance, --truncation and"
                    + " --preview do not apply to an audio model; use --n, --seconds or --samples, --temperature,"
                    + " --no-cache");
        }
        if (classesInTurn && !(model instanceof ConditionalModel)) {
            throw new IllegalArgumentException("--classes-in-turn needs a class-conditional model; WaveNet '"
                    + model.config().name() + "' has numClasses = 0");
        }
        if (seconds != null && samples != null) {
            throw new IllegalArgumentException("give --seconds or --samples, not both");
        }
        int rate = sampleRate != null ? sampleRate : AudioRun.sampleRate(ModelLoader.experimentOf(checkpoint))
                .orElseThrow(() -> new IllegalArgumentException("no audio experiment.yaml found above " + checkpoint
                        + "; pass --sample-rate HZ"));
        if (rate < 1 || count < 1) {
            throw new IllegalArgumentException("--sample-rate and --n must be at least 1, got " + rate + " and " + count);
        }
        if (seconds != null && !(seconds > 0 && seconds <= 3600)) {
            throw new IllegalArgumentException("--seconds must be in (0, 3600], got " + seconds);
        }
        int length = samples != null ? samples : (int) Math.round((seconds == null ? 1.0 : seconds) * rate);
        if (length < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, got " + length);
        }
        double t = temperature == null ? 1.0 : temperature;
        Path target = out == null ? Path.of("samples.wav") : out;
        long started = System.nanoTime();
        List<Path> files = AudioRun.writeSamples(model, count, length, t, !noCache, rate, target, new Rng(seed));
        double elapsed = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                "Generated %d x %d samples in %.3f s: %.1f samples/s (layer cache %s)%n", count, length, elapsed,
                count * (double) length / elapsed, noCache ? "off" : "on");
        for (int j = 0; j < files.size(); j++) {
            String label = model instanceof ConditionalModel c ? ", class " + j % c.numClasses() : "";
            spec.commandLine().getOut().println("Wrote " + files.get(j).toAbsolutePath() + " (" + length + " samples at "
                    + rate + " Hz" + label + ") and its spectrogram " + AudioRun.spectrogramOf(files.get(j)).getFileName());
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
