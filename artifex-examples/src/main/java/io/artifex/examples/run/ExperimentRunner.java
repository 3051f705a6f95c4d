package io.artifex.examples.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.SamplesFromWeightAverage;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LatentEncoder;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.callbacks.CheckpointCallback;
import io.artifex.training.callbacks.KeepAveragedWeights;
import io.artifex.training.callbacks.LossCurvePlot;
import io.artifex.training.callbacks.MetricsLogger;
import io.artifex.training.callbacks.NanGuard;
import io.artifex.training.callbacks.ProgressBarCallback;
import io.artifex.training.callbacks.SampleGridWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link ExperimentConfig} end to end into a {@link RunDirectory}: trains with the
 * generic trainer and the standard callbacks (progress, metrics log, checkpoints, NaN guard,
 * per-epoch sample grids, loss curve), saves the final model (the moving average of its weights
 * when the trainer keeps one, see {@link KeepAveragedWeights}), writes a sample grid and, for
 * latent models, reconstructions, and evaluates the test split ({@link TestSetEvaluation}).
 */
public final class ExperimentRunner {

    /** Test examples shown in the reconstruction picture. */
    private static final int RECONSTRUCTIONS = 32;
    /** Batch size of validation and evaluation passes. */
    private static final int EVAL_BATCH = 500;

    private final PrintStream console;

    /** @param console where the progress bar draws; null logs progress through SLF4J instead */
    public ExperimentRunner(PrintStream console) {
        this.console = console;
    }

    /** What a finished run produced. */
    public record Outcome(RunDirectory run, TrainingResult training, Map<String, Double> evaluation) {
    }

    /** Trains and evaluates {@code config}, writing everything under a new folder in {@code parent}. */
    public Outcome run(ExperimentConfig config, Path parent) {
        RunDirectory run = RunDirectory.create(parent, config.name());
        TrainerConfig trainer = withModelsWeightAverage(withCheckpointsIn(config.training(), run.checkpoints()),
                config.model());
        ExperimentConfig recorded = new ExperimentConfig(config.name(), config.model(), config.data(), trainer,
                config.evaluationSamples());
        ConfigIO.write(run.experimentFile(), recorded);
        long seed = trainer.seed();
        BatchSource train = DataSources.train(config.data(), trainer.batchSize(), seed);
        BatchSource test = DataSources.test(config.data(), EVAL_BATCH, seed);
        boolean images = train.exampleShape().dimension() > 1 || train.exampleShape().size() > 16;
        ValueRange range = config.data().preprocessing() == Preprocessing.SCALE11 ? ValueRange.MINUS_ONE_ONE
                : ValueRange.ZERO_ONE;

        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(new NanGuard(1));
        callbacks.add(console != null ? new ProgressBarCallback(console) : new ProgressBarCallback(trainer.logEvery()));
        MetricsLogger metrics = new MetricsLogger(run.metricsCsv(), run.metricsJsonLines());
        callbacks.add(metrics);
        callbacks.add(new CheckpointCallback(trainer.checkpoint()));
        if (images) {
            callbacks.add(new SampleGridWriter(run.sampleGrids(), 64, 8, range, seed + 1, 1));
        }
        callbacks.add(new LossCurvePlot(run.lossCurve()));
        // last: the saved model, pictures and evaluation use the weight average, if any
        callbacks.add(new KeepAveragedWeights());

        try (GenerativeModel model = Models.create(config.model(), seed)) {
            TrainingResult result;
            try {
                result = new Trainer(trainer, callbacks).fit(model, train, test);
            } finally {
                metrics.close();
            }
            ModelArchive.save(model, run.model());
            if (images) {
                writePictures(model, test, range, seed, run);
            }
            Map<String, Double> evaluation = new LinkedHashMap<>();
            evaluation.put("steps", (double) result.steps());
            evaluation.putAll(TestSetEvaluation.evaluate(model, test, config.evaluationSamples(), seed));
            JsonFiles.write(run.summary(), evaluation);
            return new Outcome(run, result, evaluation);
        }
    }

    private static void writePictures(GenerativeModel model, BatchSource test, ValueRange range, long seed,
                                      RunDirectory run) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray samples = PreviewSampling.previewOf(model, 64, scope, new Rng(seed + 2));
            ImageGrid.writePng(samples, range, 8, 2, run.samples());
            if (model instanceof LatentEncoder latent) {
                NDArray inputs = test.epoch(0).next(scope).x().get(":" + RECONSTRUCTIONS);
                NDArray outputs = latent.reconstruct(inputs, scope).reshape(inputs.getShape());
                // rows of 8: inputs, then their reconstructions, alternating
                NDArray pairs = inputs.reshape(RECONSTRUCTIONS / 8, 1, 8, -1)
                        .concat(outputs.reshape(RECONSTRUCTIONS / 8, 1, 8, -1), 1)
                        .reshape(new ai.djl.ndarray.types.Shape(RECONSTRUCTIONS * 2).addAll(inputs.getShape().slice(1)));
                ImageGrid.writePng(pairs, range, 8, 2, run.reconstructions());
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
            return c.withEmaDecay(averaged.emaDecay());
        }
        return c;
    }

    /** The trainer settings with checkpoints switched on and written into {@code directory}. */
    static TrainerConfig withCheckpointsIn(TrainerConfig c, Path directory) {
        CheckpointConfig k = c.checkpoint();
        CheckpointConfig checkpoint = new CheckpointConfig(true, directory.toString(), k.everySteps(), k.everyEpochs(),
                k.keepLast(), k.saveBest(), k.monitor(), k.mode());
        return new TrainerConfig(c.epochs(), c.maxSteps(), c.batchSize(), c.seed(), c.optimizers(), c.schedules(),
                c.emaDecay(), c.validateEvery(), checkpoint, c.earlyStopping(), c.logEvery());
    }
}
