package io.artifex.eval.bench;

import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.GenerativeModel;
import io.artifex.training.EpochMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import java.util.ArrayList;
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
 */
final class QualityProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(QualityProtocol.class);

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
                options.seed());
        int budget = options.qualityBudgetEpochs();
        TrainerConfig config = ModelFactory.trainerConfig(entry, options.batchSize(), options.seed(), budget,
                options.qualityMaxSteps());
        Recorder recorder = new Recorder(entry, context);
        LOG.info("{}: quality run, {} (batch {}, {} training / {} test examples){}", entry.id(),
                entry.qualityBudget(budget), options.batchSize(), train.size(), test.size(),
                options.qualityMaxSteps() > 0 ? ", capped at " + options.qualityMaxSteps() + " steps" : "");
        try (GenerativeModel model = factory.create(entry, options.seed())) {
            new Trainer(config, List.of(recorder)).fit(model, train, null);
        }
        List<String> notes = new ArrayList<>();
        notes.add("Budget: " + entry.qualityBudget(budget) + ", batch " + options.batchSize() + ", seed "
                + options.seed() + (options.qualityMaxSteps() > 0 ? ", capped at " + options.qualityMaxSteps()
                + " steps" : "") + "; test preprocessing seed " + QualityContext.TEST_PREPROCESSING_SEED + ".");
        if (recorder.points.stream().anyMatch(p -> p.metrics().keySet().stream().anyMatch(k -> k.contains("iwae")))) {
            notes.add("IWAE bound with k = " + options.importanceSamples() + " importance samples"
                    + (options.importanceSamples() < 5000 ? " (the docs table uses k = 5,000; larger k gives a "
                    + "tighter, lower bound)" : "") + ".");
        }
        String budgetText = entry.qualityBudget(budget) + ", batch " + options.batchSize();
        return new QualityResult(budgetText, train.size(), test.size(), recorder.points, notes);
    }

    /** Measures quality after the requested epochs and at the end of a capped run. */
    private final class Recorder implements Callback {
        private final BenchmarkModel entry;
        private final QualityContext context;
        private final List<QualityPoint> points = new ArrayList<>();
        private long trainStart;
        private long evalNanos;

        Recorder(BenchmarkModel entry, QualityContext context) {
            this.entry = entry;
            this.context = context;
        }

        @Override
        public void onTrainStart(TrainingSession session) {
            trainStart = System.nanoTime();
        }

        @Override
        public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
            long done = metrics.epoch() + 1;
            if (options.qualityEpochs().contains((int) done)) {
                evaluate(session, done);
            }
        }

        @Override
        public void onTrainEnd(TrainingSession session, TrainingResult result) {
            if (points.isEmpty() || points.get(points.size() - 1).steps() != result.steps()) {
                evaluate(session, session.epoch());
            }
        }

        private void evaluate(TrainingSession session, long epochs) {
            long t0 = System.nanoTime();
            double trainSeconds = (t0 - trainStart - evalNanos) / 1e9;
            Map<String, Double> metrics = entry.evaluateQuality(session.model(), context);
            long t1 = System.nanoTime();
            evalNanos += t1 - t0;
            QualityPoint p = new QualityPoint(epochs, session.step(), trainSeconds, (t1 - t0) / 1e9, metrics);
            points.add(p);
            LOG.info("{}: quality after {} epochs / {} steps ({} s training): {}", entry.id(), epochs, session.step(),
                    String.format(Locale.ROOT, "%.1f", trainSeconds), metrics);
        }
    }
}
