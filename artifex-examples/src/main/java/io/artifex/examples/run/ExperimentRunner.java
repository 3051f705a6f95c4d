package io.artifex.examples.run;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.SamplesFromWeightAverage;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LatentEncoder;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.model.TextGeneration;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.data.text.TextBatchSource;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.callbacks.LossCurvePlot;
import io.artifex.training.callbacks.MetricsLogger;
import io.artifex.training.callbacks.ProgressBarCallback;
import io.artifex.training.callbacks.SampleGridWriter;
import io.artifex.training.callbacks.TensorBoardWriter;
import io.artifex.models.autoregressive.wavenet.WaveNet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link ExperimentConfig} end to end into a {@link RunDirectory}: trains with the
 * generic trainer (which writes the checkpoints into {@code checkpoint.directory}, resolved
 * against the run folder when relative, guards against NaN and
 * applies early stopping, all from the trainer config) and the run's own callbacks (progress,
 * metrics log, per-epoch sample grids, loss curve, TensorBoard events unless switched off), saves the final model (the moving average of
 * its weights when the trainer keeps one: {@link Trainer#fit} leaves it in the model), writes a
 * sample grid and, for latent models, reconstructions, and evaluates the test split
 * ({@link TestSetEvaluation}). A text run ({@code dataset: text}) writes its tokenizer into the run
 * folder before training and into the model archive after ({@link TextRun}), validates in batches of
 * 16 windows, and writes {@code samples.txt} (four continuations of an empty prompt) instead of
 * pictures. An audio run ({@code dataset: audio}) validates in batches of 8 clips and writes two
 * clips of the model's {@code sampleLength} drawn from a {@link WaveNet} ({@code samples-0.wav},
 * {@code samples-1.wav}; {@link AudioRun}) instead of pictures.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class ExperimentRunner {

    /** Test examples shown in the reconstruction picture. */
    private static final int RECONSTRUCTIONS = 32;
    /** Batch size of validation and evaluation passes. */
    private static final int EVAL_BATCH = 500;
    /** Windows per validation and evaluation batch of a text run (a window's logits are T x vocabulary floats). */
    private static final int TEXT_EVAL_BATCH = 16;
    /** Continuations written to samples.txt after a text run, and their new tokens. */
    private static final int TEXT_SAMPLES = 4;
    private static final int TEXT_SAMPLE_TOKENS = 200;
    /** Clips per validation and evaluation batch of an audio run (a clip's logits are T x 256 floats). */
    static final int AUDIO_EVAL_BATCH = 8;
    /** Clips written after an audio run, each of the model's sampleLength. */
    private static final int AUDIO_SAMPLES = 2;

    private final PrintStream console;
    private final Device device;
    private final boolean tensorBoard;

    /** @param console where the progress bar draws; null logs progress through SLF4J instead */
    public ExperimentRunner(PrintStream console) {
        this(console, null, true);
    }

    /**
     * @param console where the progress bar draws; null logs progress through SLF4J instead
     * @param device where the model trains (e.g. from {@code DeviceManager.builder().device("gpu:1")});
     *               null for {@code DeviceManager.get()}'s default device
     * @param tensorBoard whether to write a TensorBoard event file into the run folder ({@link TensorBoardWriter})
     */
    public ExperimentRunner(PrintStream console, Device device, boolean tensorBoard) {
        this.console = console;
        this.device = device;
        this.tensorBoard = tensorBoard;
    }

    /**
     * What a finished run produced.
     *
     * @param run the run folder
     * @param training the training history
     * @param evaluation the test-set figures written to summary.json
     * @param weights the weights to sample from next: the best checkpoint when one was written,
     *                otherwise the final model archive
     * @param previewSampler whether the model has a cheaper preview sampler ({@code sample --preview})
     * @param lossCurve what {@code loss.png} plots: every step of the run, those before a resume included
     */
    public record Outcome(RunDirectory run, TrainingResult training, Map<String, Double> evaluation, Path weights,
                          boolean previewSampler, LossCurvePlot lossCurve) {
    }

    /**
     * Trains and evaluates {@code config}, writing everything under a new folder in {@code parent}.
     * A data config with {@code preprocessing: auto} gets the preprocessing the model's
     * {@link io.artifex.core.model.DataContract} declares (recorded in the run's experiment file);
     * any other preprocessing is used as written, and the trainer refuses data that do not match.
     * When the run fails after its folder was created, the folder gets a {@code FAILED.txt} with
     * the one-line reason, and the exception is rethrown unchanged.
     */
    public Outcome run(ExperimentConfig config, Path parent) {
        RunDirectory run = RunDirectory.create(parent, config.name());
        try {
            return train(config, run, null);
        } catch (RuntimeException | Error e) {
            recordFailure(run, e);
            throw e;
        }
    }

    /**
     * Continues the run in {@code runFolder} from its newest checkpoint ({@link ResumePoint#newest}),
     * exactly as the uninterrupted run would have gone on: the same data order, random draws,
     * optimizer states and weight average, through {@link Trainer#resume}. The run's recorded
     * {@code experiment.yaml} is used, with {@code epochs} and {@code maxSteps} changed where not
     * null (to train longer than first planned; recorded in the file). The metrics files are cut
     * back to the checkpoint's step and continued; a {@code FAILED.txt} of the earlier attempt is
     * removed, and written again if this one fails.
     *
     * @throws IllegalArgumentException when the folder is not a run folder or holds no checkpoint
     */
    public Outcome resume(Path runFolder, Integer epochs, Long maxSteps) {
        RunDirectory run = new RunDirectory(runFolder);
        if (!Files.isRegularFile(run.experimentFile())) {
            throw new IllegalArgumentException("cannot resume " + runFolder + ": it is not a run folder (no "
                    + run.experimentFile().getFileName() + ")");
        }
        ExperimentConfig recorded = ConfigIO.read(run.experimentFile(), ExperimentConfig.class);
        TrainerConfig.Builder changed = recorded.training().toBuilder();
        if (epochs != null) {
            changed.epochs(epochs);
        }
        if (maxSteps != null) {
            changed.maxSteps(maxSteps);
        }
        ExperimentConfig config = io.artifex.core.config.ConfigValidator.requireValid(
                recorded.toBuilder().training(changed.build()).build());
        Path checkpoints = Path.of(withCheckpointsIn(config.training(), run.root()).checkpoint().directory());
        ResumePoint point = ResumePoint.newest(checkpoints);
        try {
            Files.deleteIfExists(run.failure());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + run.failure() + ": " + e.getMessage(), e);
        }
        try {
            return train(config, run, point);
        } catch (RuntimeException | Error e) {
            recordFailure(run, e);
            throw e;
        }
    }

    private Outcome train(ExperimentConfig config, RunDirectory run, ResumePoint resumeFrom) {
        TrainerConfig trainer = withModelsWeightAverage(withCheckpointsIn(config.training(), run.root()),
                config.model());
        Path checkpoints = Path.of(trainer.checkpoint().directory());
        long seed = trainer.seed();
        // refused here, before any allocation, if weights, gradients and optimizer state would not fit
        GenerativeModel model = device == null ? Models.createForTraining(config.model(), trainer, seed)
                : Models.createForTraining(config.model(), trainer, seed, device);
        DataConfig data;
        BatchSource train;
        BatchSource test;
        try {
            data = DataSources.resolve(config.data(), model.dataContract());
            // the checkpoint folder is recorded as configured (relative to the run folder unless it was
            // absolute), so a run folder that is moved or copied resumes into its own checkpoints
            TrainerConfig recordedTrainer = trainer.toBuilder().checkpoint(trainer.checkpoint().toBuilder()
                    .directory(config.training().checkpoint().directory()).build()).build();
            ExperimentConfig recorded = new ExperimentConfig(config.name(), config.model(), data, recordedTrainer,
                    config.evaluationSamples());
            ConfigIO.write(run.experimentFile(), recorded);
            train = DataSources.train(data, trainer.batchSize(), seed);
            test = DataSources.test(data, DataSources.TEXT.equals(data.dataset()) ? TEXT_EVAL_BATCH
                    : AudioRun.isAudio(data) ? AUDIO_EVAL_BATCH : EVAL_BATCH, seed);
            if (train instanceof TextBatchSource text) {
                // the tokenizer travels with the run: sample and evaluate load it, never train one
                TextRun.saveTokenizer(text.tokenizer(), run.root());
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        TextBatchSource textData = train instanceof TextBatchSource text ? text : null;
        boolean audio = AudioRun.isAudio(data);
        boolean images = textData == null && !audio
                && (train.exampleShape().dimension() > 1 || train.exampleShape().size() > 16);
        ValueRange range = model.dataContract().valueRange().orElse(
                data.preprocessing() == Preprocessing.SCALE11 ? ValueRange.MINUS_ONE_ONE : ValueRange.ZERO_ONE);

        // the trainer builds the NaN guard, checkpoints and early stopping from its config, runs them
        // before these, and leaves the weight average (if any) in the model when fit returns
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(console != null ? new ProgressBarCallback(console) : new ProgressBarCallback(trainer.logEvery()));
        if (resumeFrom != null) {
            resumeFrom.truncateMetrics(run.metricsCsv(), run.metricsJsonLines());
        }
        MetricsLogger metrics = new MetricsLogger(run.metricsCsv(), run.metricsJsonLines(), resumeFrom != null);
        callbacks.add(metrics);
        if (images) {
            callbacks.add(new SampleGridWriter(run.sampleGrids(), 64, 8, range, seed + 1, 1));
        }
        LossCurvePlot lossCurve = new LossCurvePlot(run.lossCurve());
        if (resumeFrom != null) {
            // the rows kept from before the resume, so that loss.png shows the whole run
            LossHistory.replay(run.metricsCsv(), lossCurve);
        }
        callbacks.add(lossCurve);
        if (tensorBoard) {
            callbacks.add(new TensorBoardWriter(run.root()));
        }

        try (model) {
            TrainingResult result;
            try {
                Trainer fitter = new Trainer(trainer, callbacks);
                result = resumeFrom == null ? fitter.fit(model, train, test)
                        : fitter.resume(resumeFrom.directory(), model, train, test);
            } finally {
                metrics.close();
            }
            ModelArchive.save(model, run.model());
            if (images) {
                writePictures(model, test, range, seed, run);
            }
            if (textData != null) {
                TextRun.saveTokenizer(textData.tokenizer(), run.model());
                if (model instanceof TextGeneration lm) {
                    int tokens = Math.min(TEXT_SAMPLE_TOKENS, lm.maxSequenceLength() - 1);
                    TextRun.writeSamples(TextRun.continuations(lm, textData.tokenizer(), "", TEXT_SAMPLES, tokens,
                            DecodingOptions.sampling(), new Rng(seed + 2)), run.textSamples());
                }
            }
            if (audio && model instanceof WaveNet wavenet) {
                int rate = AudioRun.sampleRate(data);
                AudioRun.writeSamples(wavenet, AUDIO_SAMPLES, wavenet.config().sampleLength(), 1.0, true, rate,
                        run.root().resolve("samples.wav"), new Rng(seed + 2));
            }
            Map<String, Double> evaluation = new LinkedHashMap<>();
            evaluation.put("steps", (double) result.steps());
            evaluation.putAll(TestSetEvaluation.evaluate(model, test, config.evaluationSamples(), seed));
            JsonFiles.write(run.summary(), evaluation);
            Path best = checkpoints.resolve("best");
            Path weights = Files.isDirectory(best) ? best : run.model();
            return new Outcome(run, result, evaluation, weights, model instanceof PreviewSampling, lossCurve);
        }
    }

    private static void writePictures(GenerativeModel model, BatchSource test, ValueRange range, long seed,
                                      RunDirectory run) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray samples = PreviewSampling.previewOf(model, 64, scope, new Rng(seed + 2));
            ImageGrid.writePng(samples, range, 8, 2, run.samples());
            if (model instanceof LatentEncoder latent) {
                NDArray first = test.epoch(0).next(scope).x();
                // up to RECONSTRUCTIONS inputs in whole rows of up to 8 (a small test split gives fewer)
                int available = (int) Math.min(RECONSTRUCTIONS, first.getShape().get(0));
                int perRow = Math.min(8, available);
                int n = available - available % perRow;
                NDArray inputs = first.get(":" + n);
                NDArray outputs = latent.reconstruct(inputs, scope).reshape(inputs.getShape());
                // rows of perRow: inputs, then their reconstructions, alternating
                NDArray pairs = inputs.reshape(n / perRow, 1, perRow, -1)
                        .concat(outputs.reshape(n / perRow, 1, perRow, -1), 1)
                        .reshape(new ai.djl.ndarray.types.Shape(2L * n).addAll(inputs.getShape().slice(1)));
                ImageGrid.writePng(pairs, range, perRow, 2, run.reconstructions());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pictures into " + run.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The trainer settings with the model config's weight average ({@link SamplesFromWeightAverage})
     * when the trainer sets none of its own; otherwise unchanged.
     */
    static TrainerConfig withModelsWeightAverage(TrainerConfig c, ModelConfig model) {
        if (c.emaDecay() == 0 && model instanceof SamplesFromWeightAverage averaged && averaged.emaDecay() > 0) {
            return c.toBuilder().emaDecay(averaged.emaDecay()).build();
        }
        return c;
    }

    /**
     * The trainer settings with checkpoints switched on, in the configured {@code checkpoint.directory}:
     * an absolute folder is used as it is, a relative one (the default {@code checkpoints} included)
     * is resolved against {@code runFolder}.
     */
    static TrainerConfig withCheckpointsIn(TrainerConfig c, Path runFolder) {
        Path configured;
        try {
            configured = Path.of(c.checkpoint().directory());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("training.checkpoint.directory '" + c.checkpoint().directory()
                    + "' is not a valid path: " + e.getReason(), e);
        }
        Path directory = configured.isAbsolute() ? configured : runFolder.resolve(configured).normalize();
        CheckpointConfig checkpoint = c.checkpoint().toBuilder().enabled(true).directory(directory.toString()).build();
        return c.toBuilder().checkpoint(checkpoint).build();
    }

    /**
     * Writes {@link RunDirectory#failure()} with the one-line reason a run failed; a failure to
     * write it is added to {@code cause} rather than hiding it.
     */
    private static void recordFailure(RunDirectory run, Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        String line = cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        try {
            Files.writeString(run.failure(), line + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
