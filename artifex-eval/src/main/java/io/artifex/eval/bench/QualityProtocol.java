package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.ema.ExponentialMovingAverage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality part of the protocol for one model: train a fresh model with the project's
 * {@link Trainer} for the budget (the largest of {@link BenchmarkOptions#qualityEpochs()}) on
 * the model's data, and measure {@link BenchmarkModel#evaluateQuality} on the test split after
 * each requested epoch, and at the end if a step cap stopped training between them.
 *
 * <p>When the entry's trainer keeps an exponential moving average of the weights
 * ({@code emaDecay > 0}), each point is measured twice: under the averaged weights (the
 * headline metrics, since that is what a user samples from) and under the raw trained weights
 * (the same metrics prefixed {@value #RAW_PREFIX}, and grids labelled the same way), so that the
 * average's effect is visible in the same run.
 */
final class QualityProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(QualityProtocol.class);

    /** Prefix of the metrics and grids measured on the raw weights of a run that keeps an EMA. */
    static final String RAW_PREFIX = "raw_";

    private final ModelFactory factory;
    private final BenchmarkOptions options;

    QualityProtocol(ModelFactory factory, BenchmarkOptions options) {
        this.factory = factory;
        this.options = options;
    }

    QualityResult measure(BenchmarkModel entry) {
        BatchSource train = BenchData.train(entry.data(), options.batchSize(), options.seed(),
                options.qualityTrainLimit(), false);
        BatchSource test = BenchData.test(entry.data(), options.batchSize(), options.qualityTestLimit());
        QualityContext context = new QualityContext(test,
                BenchData.testImages(entry.data(), options.qualityTestLimit()), options.importanceSamples(), options.generatedSamples(),
                options.seed(), options.slowSamples(), SampleSink.NONE, true);
        int budget = options.qualityBudgetEpochs();
        TrainerConfig config = ModelFactory.trainerConfig(entry, options.batchSize(), options.seed(), budget,
                options.qualityMaxSteps());
        Recorder recorder = new Recorder(entry, context);
        LOG.info("{}: quality run, {} (batch {}, {} training / {} test examples){}", entry.id(),
                entry.qualityBudget(budget), options.batchSize(), train.size(), test.size(), capText());
        try (GenerativeModel model = factory.create(entry.qualityConfig(), options.seed())) {
            new Trainer(config, List.of(recorder)).fit(model, train, null);
        }
        List<String> notes = new ArrayList<>();
        notes.add("Budget: " + entry.qualityBudget(budget) + ", batch " + options.batchSize() + ", seed "
                + options.seed() + capText() + "; test preprocessing seed " + QualityContext.TEST_PREPROCESSING_SEED + ".");
        if (recorder.timeCapReached) {
            notes.add("Training stopped by the wall-time cap of " + minutesText() + " minutes (evaluations excluded) after "
                    + recorder.points.get(recorder.points.size() - 1).steps() + " steps.");
        }
        if (config.emaDecay() > 0) {
            notes.add(String.format(Locale.ROOT, "Metrics are measured under the trainer's exponential moving average "
                    + "of the weights (decay %s, warming up as min(decay, (1 + n) / (10 + n))); the same metrics on the "
                    + "raw trained weights are prefixed '%s'.", config.emaDecay(), RAW_PREFIX));
        }
        if (!recorder.grids.isEmpty()) {
            notes.add("Sample grids (up to 64 samples of each set): " + String.join(", ", recorder.grids) + ".");
        }
        if (recorder.points.stream().anyMatch(p -> p.metrics().keySet().stream().anyMatch(k -> k.contains("iwae")))) {
            notes.add("IWAE bound with k = " + options.importanceSamples() + " importance samples"
                    + (options.importanceSamples() < 5000 ? " (the docs table uses k = 5,000; larger k gives a "
                    + "tighter, lower bound)" : "") + ".");
        }
        String budgetText = entry.qualityBudget(budget) + ", batch " + options.batchSize();
        return new QualityResult(budgetText, train.size(), test.size(), recorder.points, notes);
    }

    private String capText() {
        String text = "";
        if (options.qualityMaxSteps() > 0) {
            text += ", capped at " + options.qualityMaxSteps() + " steps";
        }
        if (options.qualityMinutes() > 0) {
            text += ", capped at " + minutesText() + " minutes of training";
        }
        return text;
    }

    private String minutesText() {
        return String.format(Locale.ROOT, "%.4g", options.qualityMinutes());
    }

    /**
     * Measures quality after the requested epochs and at the end of a capped run, stops
     * training at the wall-time cap, and writes the sample grids that evaluations offer.
     */
    private final class Recorder implements Callback {
        private final BenchmarkModel entry;
        private final QualityContext context;
        private final List<QualityPoint> points = new ArrayList<>();
        private final List<String> grids = new ArrayList<>();
        private long trainStart;
        private long evalNanos;
        private boolean timeCapReached;

        Recorder(BenchmarkModel entry, QualityContext context) {
            this.entry = entry;
            this.context = context;
        }

        @Override
        public void onTrainStart(TrainingSession session) {
            trainStart = System.nanoTime();
        }

        @Override
        public void onStepEnd(TrainingSession session, StepMetrics metrics) {
            if (options.qualityMinutes() > 0 && !timeCapReached
                    && trainingNanos(System.nanoTime()) >= options.qualityMinutes() * 60e9) {
                timeCapReached = true;
                session.requestStop("quality wall-time cap of " + minutesText() + " minutes reached");
            }
        }

        @Override
        public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
            long done = metrics.epoch() + 1;
            // A capped run, or an epoch cut short by maxSteps, is measured once, as its final point, in onTrainEnd.
            if (metrics.complete() && options.qualityEpochs().contains((int) done) && !timeCapReached) {
                evaluate(session, done, done == options.qualityBudgetEpochs());
            }
        }

        @Override
        public void onTrainEnd(TrainingSession session, TrainingResult result) {
            if (points.isEmpty() || points.get(points.size() - 1).steps() != result.steps()) {
                evaluate(session, session.epoch(), true);
            }
        }

        private long trainingNanos(long now) {
            return now - trainStart - evalNanos;
        }

        private void evaluate(TrainingSession session, long epochs, boolean finalPoint) {
            long t0 = System.nanoTime();
            double trainSeconds = trainingNanos(t0) / 1e9;
            Map<String, float[]> offered = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            SampleSink sink = options.artifactDirectory() == null ? SampleSink.NONE : (label, images, count) -> {
                offered.put(label, images.clone());
                counts.put(label, count);
            };
            Map<String, Double> metrics;
            if (session.ema().isPresent()) {
                try (ExponentialMovingAverage.Scope averaged = session.ema().get().applied()) {
                    metrics = new LinkedHashMap<>(entry.evaluateQuality(session.model(), context.at(sink, finalPoint)));
                }
                SampleSink rawSink = (label, images, count) -> sink.accept(RAW_PREFIX + label, images, count);
                entry.evaluateQuality(session.model(), context.at(rawSink, finalPoint))
                        .forEach((k, v) -> metrics.put(RAW_PREFIX + k, v));
            } else {
                metrics = entry.evaluateQuality(session.model(), context.at(sink, finalPoint));
            }
            for (Map.Entry<String, float[]> e : offered.entrySet()) {
                writeGrid(e.getKey(), e.getValue(), counts.get(e.getKey()), session.step());
            }
            long t1 = System.nanoTime();
            evalNanos += t1 - t0;
            QualityPoint p = new QualityPoint(epochs, session.step(), trainSeconds, (t1 - t0) / 1e9, metrics);
            points.add(p);
            LOG.info("{}: quality after {} epochs / {} steps ({} s training): {}", entry.id(), epochs, session.step(),
                    String.format(Locale.ROOT, "%.1f", trainSeconds), metrics);
        }

        private void writeGrid(String label, float[] images, int count, long step) {
            Path folder = options.artifactDirectory();
            if (folder == null) {
                return;
            }
            String name = entry.id() + "-" + label + "-step" + step + ".png";
            try (NDManager manager = NDManager.newBaseManager()) {
                Files.createDirectories(folder);
                NDArray array = manager.create(images, new Shape(count, 1, 28, 28));
                ImageGrid.writePng(array, ValueRange.ZERO_ONE, 8, 2, folder.resolve(name));
                grids.add(name);
            } catch (IOException e) {
                LOG.warn("{}: could not write sample grid {}: {}", entry.id(), folder.resolve(name), e.toString());
            }
        }
    }
}
