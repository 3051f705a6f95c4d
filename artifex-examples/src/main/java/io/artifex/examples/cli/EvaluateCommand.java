package io.artifex.examples.cli;

import ai.djl.Device;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.TokenLikelihood;
import io.artifex.core.random.Rng;
import io.artifex.data.DataSources;
import io.artifex.data.Datasets;
import io.artifex.data.ImageDataset;
import io.artifex.data.Split;
import io.artifex.data.audio.AudioBatchSource;
import io.artifex.data.text.TextBatchSource;
import io.artifex.data.text.TextDataset;
import io.artifex.eval.bench.ImageSampler;
import io.artifex.eval.bench.LabelledImageSampler;
import io.artifex.eval.bench.QualityContext;
import io.artifex.eval.bench.SampleMetrics;
import io.artifex.eval.bench.SignedImages;
import io.artifex.eval.audio.AudioEvaluation;
import io.artifex.eval.audio.LinearPredictionBaseline;
import io.artifex.eval.audio.LinearPredictionBaseline.Residual;
import io.artifex.eval.audio.LogMelResult;
import io.artifex.eval.audio.LpBaselineResult;
import io.artifex.eval.text.KneserNeyLm;
import io.artifex.eval.text.TextLikelihood;
import io.artifex.eval.text.TextMeasures;
import io.artifex.examples.run.AudioRun;
import io.artifex.examples.run.JsonFiles;
import io.artifex.examples.run.ModelLoader;
import io.artifex.examples.run.TestSetEvaluation;
import io.artifex.models.autoregressive.wavenet.WaveNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex evaluate --checkpoint DIR}: the numbers of a trained model of any family on the
 * data its run trained on (found from the run's {@code experiment.yaml}, or given with
 * {@code --config}): the likelihood on the test split for a model that has one, and the sample
 * metrics of artifex-eval ({@link SampleMetrics}: FID, KID, precision, recall, classifier score and
 * class balance on the shipped MNIST feature network) from {@code --samples} samples drawn with the
 * sampler options of {@code sample}. A class-conditional model's samples are drawn for each class
 * in turn and also scored for label agreement. A language model on {@code dataset: text} gets the
 * held-out loss in nats per token, bits per token, perplexity and bits per byte (no sample
 * metrics: they score images), and with {@code --ngram N} the same figures of an interpolated
 * Kneser-Ney N-gram model fitted on the run's training tokens ({@link KneserNeyLm}), prefixed
 * {@code ngramN_}. An audio model on {@code dataset: audio} gets the held-out negative log-likelihood
 * per clip and {@code test_bits_per_sample} on the run's test split, with {@code --lpc-order P} the same
 * figure of a linear-prediction baseline fitted on the run's training clips (prefix {@code lpcP_}), and
 * with {@code --log-mel-clips N} the log-mel distances of N drawn clips to the test clips (prefix
 * {@code log_mel_}).
 *
 * <p>Thread-safety: not thread-safe: picocli fills its option fields before {@code call}; use one
 * instance per command line.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained model: test-split likelihood (where it has one) and sample metrics (FID, KID, precision/recall, classifier score).")
public final class EvaluateCommand implements Callable<Integer> {

    /** Clips per test batch of an audio run (a clip's logits are T x 256 floats). */
    private static final int AUDIO_EVAL_BATCH = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint folder or a model archive.")
    Path checkpoint;

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment config giving the data (default: the run's experiment.yaml).")
    Path config;

    @Option(names = "--samples", defaultValue = "1000", paramLabel = "N",
            description = "Samples drawn for the sample metrics; 0 = skip them (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--importance-samples", defaultValue = "0", paramLabel = "K",
            description = "Samples of the importance-weighted bound for VAEs; 0 = skip (default: ${DEFAULT-VALUE}).")
    int importanceSamples;

    @Option(names = "--preview", description = "Draw the samples with the model's cheaper preview sampler where it has one.")
    boolean preview;

    @Option(names = "--steps", paramLabel = "N", description = "Sampler steps (diffusion: DDIM over N timesteps).")
    Integer steps;

    @Option(names = "--guidance", paramLabel = "W", description = "Guidance scale of a class-conditional diffusion model's samples (default 2).")
    Double guidance;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (flows, PixelCNN).")
    Double temperature;

    @Option(names = "--truncation", paramLabel = "T", description = "GAN latent truncation bound.")
    Double truncation;

    @Option(names = "--ngram", paramLabel = "N", description = "Text: also fit a Kneser-Ney N-gram model on the run's"
            + " training tokens and report its held-out figures as a baseline (e.g. 3).")
    Integer ngram;

    @Option(names = "--lpc-order", paramLabel = "P", description = "Audio: also fit a linear-prediction baseline of order P"
            + " on the run's training clips and report its held-out bits per sample on the same test clips (e.g. 16).")
    Integer lpcOrder;

    @Option(names = "--log-mel-clips", defaultValue = "0", paramLabel = "N", description = "Audio: draw N clips as long as"
            + " the test clips and report their log-mel distances to the test clips (default: ${DEFAULT-VALUE}, skipped:"
            + " generation takes about a second per 150 samples here).")
    int logMelClips;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the numbers as JSON to FILE.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Evaluation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", paramLabel = "DEVICE", description = DeviceOption.DESCRIPTION)
    String device;

    @Override
    public Integer call() {
        if (importanceSamples < 0 || samples < 0) {
            throw new IllegalArgumentException("--importance-samples and --samples must be >= 0, got "
                    + importanceSamples + " and " + samples);
        }
        Device target = DeviceOption.resolve(device);
        DataConfig data = (config != null ? ConfigIO.read(config, ExperimentConfig.class)
                : ModelLoader.experimentOf(checkpoint).orElseThrow(() -> new IllegalArgumentException(
                        "no experiment.yaml found above " + checkpoint + "; pass --config FILE to say which data to use")))
                .data();
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean text = DataSources.TEXT.equals(data.dataset());
        if (ngram != null && !text) {
            throw new IllegalArgumentException("--ngram fits a baseline on text; the run's data set is '"
                    + data.dataset() + "'");
        }
        if (text && (steps != null || guidance != null || temperature != null || truncation != null || preview
                || importanceSamples > 0)) {
            throw new IllegalArgumentException("the run's data are text: evaluate reports the held-out likelihood only;"
                    + " --steps, --guidance, --temperature, --truncation, --preview and --importance-samples do not apply");
        }
        if (ngram != null && ngram < 2) {
            throw new IllegalArgumentException("--ngram must be at least 2, got " + ngram);
        }
        boolean audio = AudioRun.isAudio(data);
        if ((lpcOrder != null || logMelClips != 0) && !audio) {
            throw new IllegalArgumentException("--lpc-order and --log-mel-clips measure audio; the run's data set is '"
                    + data.dataset() + "'");
        }
        if (logMelClips < 0 || (lpcOrder != null && lpcOrder < 1)) {
            throw new IllegalArgumentException("--lpc-order must be at least 1 and --log-mel-clips at least 0, got "
                    + lpcOrder + " and " + logMelClips);
        }
        if (audio && (steps != null || guidance != null || temperature != null || truncation != null || preview
                || importanceSamples > 0)) {
            throw new IllegalArgumentException("the run's data are audio: evaluate reports the held-out likelihood only;"
                    + " --steps, --guidance, --temperature, --truncation, --preview and --importance-samples do not apply");
        }
        try (GenerativeModel model = ModelLoader.load(checkpoint, target)) {
            if (audio) {
                // held-out likelihood only: the sample metrics score images
                BatchSource test = DataSources.test(data, model.dataContract(), AUDIO_EVAL_BATCH, seed);
                metrics.putAll(TestSetEvaluation.evaluate(model, test, 0, seed));
                metrics.putAll(audioBaselines(model, data, test));
                print(metrics);
                return 0;
            }
            if (text) {
                metrics.putAll(text(model, data));
                print(metrics);
                return 0;
            }
            boolean conditional = model instanceof ConditionalModel;
            SamplingOptions options = new SamplingOptions(steps, guidance, temperature, truncation, preview);
            if (samples > 0) {
                options.check(model, conditional);
            }
            BatchSource test = DataSources.test(data, model.dataContract(), 500, seed);
            metrics.putAll(TestSetEvaluation.evaluate(model, test, importanceSamples, seed));
            if (samples > 0) {
                metrics.putAll(sampleMetrics(model, data, test, options, conditional));
            }
        }
        print(metrics);
        return 0;
    }

    private void print(Map<String, Double> metrics) {
        metrics.forEach((k, v) -> spec.commandLine().getOut().printf(Locale.ROOT, "%-32s %.4f%n", k, v));
        if (out != null) {
            JsonFiles.write(out, metrics);
            spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        }
        spec.commandLine().getOut().flush();
    }

    /**
     * The audio figures asked for beside the model's own: the linear-prediction baseline fitted on the
     * run's training clips and scored on exactly the test clips and positions the model was scored on
     * (every sample, the first from zero context, as a WaveNet scores them), and the log-mel distances
     * of drawn clips to the test clips.
     */
    private Map<String, Double> audioBaselines(GenerativeModel model, DataConfig data, BatchSource test) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (lpcOrder == null && logMelClips == 0) {
            return out;
        }
        if (!(test instanceof AudioBatchSource testClips)) {
            throw new IllegalArgumentException("the run's test data are not served as audio clips");
        }
        List<float[]> real = AudioEvaluation.clips(testClips);
        if (lpcOrder != null) {
            BatchSource train = DataSources.train(data, model.dataContract(), AUDIO_EVAL_BATCH, seed);
            if (!(train instanceof AudioBatchSource trainClips)) {
                throw new IllegalArgumentException("the run's training data are not served as audio clips");
            }
            List<int[]> trainIds = AudioEvaluation.muLawIds(AudioEvaluation.clips(trainClips));
            List<int[]> testIds = AudioEvaluation.muLawIds(real);
            LinearPredictionBaseline lpc = LinearPredictionBaseline.fit(trainIds, lpcOrder, Residual.LAPLACE, 0);
            LpBaselineResult result = new LpBaselineResult(lpcOrder, Residual.LAPLACE, lpc.scale(),
                    lpc.score(trainIds, "training"), lpc.score(testIds, "test"));
            out.putAll(result.toMap("lpc" + lpcOrder + "_"));
        }
        if (logMelClips > 0) {
            if (!(model instanceof WaveNet wavenet)) {
                throw new IllegalArgumentException("--log-mel-clips draws clips from an audio model; "
                        + model.getClass().getSimpleName() + " '" + model.config().name() + "' is not one");
            }
            int length = real.get(0).length;
            List<int[]> ids = AudioRun.draw(wavenet, logMelClips, length, 1.0, true,
                    new Rng(seed).fork("log-mel-clips"));
            LogMelResult mel = AudioEvaluation.logMelDistance(AudioEvaluation.decode(ids), real,
                    AudioRun.sampleRate(data));
            out.putAll(mel.toMap("log_mel_"));
        }
        return out;
    }

    /** Held-out figures of a language model on the run's text, and of the n-gram baseline when asked. */
    private Map<String, Double> text(GenerativeModel model, DataConfig data) {
        if (!(model instanceof TokenLikelihood lm)) {
            throw new IllegalArgumentException("the run's data are text, but " + model.getClass().getSimpleName() + " '"
                    + model.config().name() + "' has no token likelihood");
        }
        TextDataset dataset;
        try {
            dataset = TextDataset.of(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the run's text data: " + e.getMessage(), e);
        }
        int maxLength = data.textOrDefaults().maxLength();
        TextBatchSource test = dataset.source(Split.TEST, maxLength, 16, seed, false);
        Map<String, Double> out = new LinkedHashMap<>();
        TextMeasures measures = TextLikelihood.measure(lm, test);
        out.putAll(measures.toMap("test_"));
        if (ngram != null) {
            KneserNeyLm baseline;
            try {
                baseline = KneserNeyLm.fit(ngram, dataset.tokenizer().vocabSize(), dataset.tokenFile(Split.TRAIN));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the training tokens " + dataset.tokenFile(Split.TRAIN) + ": "
                        + e.getMessage(), e);
            }
            out.putAll(baseline.measure(test).toMap("ngram" + ngram + "_test_"));
        }
        return out;
    }

    private Map<String, Double> sampleMetrics(GenerativeModel model, DataConfig data, BatchSource test,
                                              SamplingOptions options, boolean conditional) {
        if (!Datasets.isImage(data.dataset())) {
            throw new IllegalArgumentException("sample metrics score images, but the run's data set is '" + data.dataset()
                    + "'; pass --samples 0 for the likelihood only");
        }
        ImageDataset reference;
        try {
            Path dir = data.directory() == null || data.directory().isBlank() ? null : Path.of(data.directory());
            reference = Datasets.images(data.dataset(), dir, Split.TEST);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test images of '" + data.dataset() + "': " + e.getMessage(), e);
        }
        if (reference.channels() != 1 || reference.height() != 28 || reference.width() != 28) {
            throw new IllegalArgumentException("sample metrics use the shipped MNIST feature network, which reads 28x28 grey"
                    + " images; '" + data.dataset() + "' has " + reference.height() + "x" + reference.width() + "x"
                    + reference.channels() + "; pass --samples 0 for the likelihood only");
        }
        boolean signed = model.dataContract().valueRange().map(r -> r == ValueRange.MINUS_ONE_ONE)
                .orElse(data.preprocessing() == io.artifex.core.config.data.Preprocessing.SCALE11);
        QualityContext context = new QualityContext(test, reference, 1, samples, seed);
        String name = model.config().name();
        Rng rng = new Rng(seed).fork("sample-metrics");
        if (conditional) {
            ConditionalModel labelled = (ConditionalModel) model;
            LabelledImageSampler sampler = (labels, m, r) -> unit(options.draw(labelled, labels, m, r), signed);
            return SampleMetrics.measureConditional(name, "sample", samples, labelled.numClasses(), sampler, context,
                    model.manager(), rng);
        }
        ImageSampler sampler = (k, m, r) -> unit(options.draw(model, k, m, r), signed);
        return SampleMetrics.measure(name, "sample", samples, sampler, context, model.manager(), rng);
    }

    private static ai.djl.ndarray.NDArray unit(ai.djl.ndarray.NDArray x, boolean signed) {
        return signed ? SignedImages.toUnit(x) : x;
    }
}
